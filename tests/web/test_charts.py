"""Charts travel as JSON data inside pages and Plotly's bundle is served from the package."""

from __future__ import annotations

import json
import re

import plotly.graph_objects as go

from tests.web.conftest import Web
from widenet.web.charts import PLOTLY_JS, chart


def test_a_chart_is_data_that_cannot_close_its_block() -> None:
    hostile = "</template><script>alert(1)</script>&amp;"
    html = str(chart(go.Figure(layout={"title": {"text": hostile}}), label=hostile))
    assert "<script" not in html  # the data travel in a <template>, which htmx keeps
    assert html.count("</template>") == 1  # only the data block's own end
    assert "&amp;" not in html.split('<template class="figure-data">', 1)[1]  # no entity either
    data = re.search(r'<template class="figure-data">(.*)</template>', html, re.S)
    assert data is not None
    assert json.loads(data.group(1))["layout"]["title"]["text"] == hostile
    assert 'aria-label="&lt;/template&gt;' in html


def test_a_chart_names_the_tables_that_hold_its_numbers() -> None:
    html = str(chart(go.Figure(), label="Funnel", described_by='a b" onload="x'))
    assert 'aria-describedby="a b&#34; onload=&#34;x"' in html
    assert "aria-describedby" not in str(chart(go.Figure(), label="Funnel"))


def test_plotly_is_served_from_the_python_package(sqlite_web: Web) -> None:
    response = sqlite_web.get(PLOTLY_JS)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/javascript")
    assert b"plotly" in response.content[:2000].lower()
    assert len(response.content) > 1_000_000
