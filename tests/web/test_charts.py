"""Charts travel as JSON data inside pages and Plotly's bundle is served from the package."""

from __future__ import annotations

import json
import re

import plotly.graph_objects as go

from tests.web.conftest import Web
from widenet.web.charts import PLOTLY_JS, chart


def test_a_chart_is_data_that_cannot_close_its_block() -> None:
    hostile = "</script><script>alert(1)</script>"
    html = str(chart(go.Figure(layout={"title": {"text": hostile}}), label=hostile))
    assert "<script>alert(1)" not in html
    assert html.count("</script>") == 1  # only the data block's own end
    data = re.search(r'<script type="application/json">(.*)</script>', html, re.S)
    assert data is not None
    assert json.loads(data.group(1))["layout"]["title"]["text"] == hostile
    assert 'aria-label="&lt;/script&gt;' in html


def test_plotly_is_served_from_the_python_package(sqlite_web: Web) -> None:
    response = sqlite_web.get(PLOTLY_JS)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/javascript")
    assert b"plotly" in response.content[:2000].lower()
    assert len(response.content) > 1_000_000
