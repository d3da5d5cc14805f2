"""Plotly charts in pages: the figure travels as JSON data, drawn by the page's own script.

The Content-Security-Policy allows no inline script, so a chart is a ``<div data-plotly>``
holding its figure as JSON text in a ``<template>`` (inert data: never run, never shown;
not a ``<script>`` block, which htmx drops from swapped-in parts when script tags are not
allowed); static/app.js draws every such block with the Plotly bundle that ships inside the plotly
Python package, served from /assets/plotly.min.js — no CDN, no network.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import APIRouter
from fastapi.responses import FileResponse
from markupsafe import Markup, escape

router = APIRouter()
PLOTLY_JS = "/assets/plotly.min.js"


def plotly_bundle() -> Path:
    """plotly.js as bundled by the plotly Python package."""
    return Path(str(resources.files("plotly") / "package_data" / "plotly.min.js"))


@router.get(PLOTLY_JS, include_in_schema=False)
def plotly_js() -> FileResponse:
    return FileResponse(
        plotly_bundle(),
        media_type="text/javascript",
        headers={"cache-control": "public, max-age=86400"},
    )


def chart(figure: Any, *, label: str, height: int | None = None, described_by: str = "") -> Markup:
    """A figure as a block a page can hold; ``label`` names it for screen readers and
    ``described_by`` gives the ids of what holds its numbers as text (tables)."""
    data = figure.to_plotly_json() if hasattr(figure, "to_plotly_json") else figure
    # plotly's own encoder handles numpy arrays, dates and NaN
    import plotly.utils

    text = json.dumps(data, cls=plotly.utils.PlotlyJSONEncoder)
    # A tag or an entity inside the block would be read as markup: JSON's \u escapes read
    # the same to the parser and leave no markup at all
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    style = f' data-height="{int(height)}"' if height else ""
    described = f' aria-describedby="{escape(described_by)}"' if described_by else ""
    return Markup(  # noqa: S704 - the label and ids are escaped; the JSON holds no markup
        f'<figure class="chart" role="img" aria-label="{escape(label)}"{described}>'
        f'<div class="plot" data-plotly{style}>'
        f'<template class="figure-data">{text}</template>'
        "</div></figure>"
    )
