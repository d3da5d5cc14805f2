"""The report: one self-contained HTML page with every section and Plotly's JS inlined."""

from __future__ import annotations

import re

import pytest
from plotly.offline import get_plotlyjs

from widenet.analytics.report import SECTIONS, build_report
from widenet.analytics.search import Search, analyse

from .build import app, company, day

TODAY = day(60)
SEARCH = Search(
    companies=(company(1, "<Acme & Co>"),),
    applications=(
        app(
            1,
            ("applied", 0),
            ("recruiter", 3),
            ("technical", 8),
            ("onsite", 12),
            ("rejected", 14, "failed_interview"),
        ),
        app(2, ("applied", 1), ("withdrawn", 5), role_family="<ml & data>"),
    ),
)


@pytest.fixture(scope="module")
def html() -> str:
    return build_report(analyse(SEARCH, today=TODAY), title="Ada's search")


@pytest.fixture(scope="module")
def empty_html() -> str:
    return build_report(analyse(Search(), today=TODAY))


def test_plotly_js_is_inlined_and_nothing_is_fetched(html: str) -> None:
    assert get_plotlyjs()[:2000] in html
    assert not re.search(r"<script[^>]*\bsrc=", html)
    assert not re.search(r"<link[^>]*\bhref=", html)
    # funnel 2, flow 1, burndown 1, timelines 3, breakdowns 5, load 2, learning 2
    assert html.count('class="plotly-graph-div"') == 16


def test_every_section_has_its_title(html: str) -> None:
    for title in SECTIONS:
        assert f"<h2>{title}</h2>" in html
    assert SECTIONS == (
        "Funnel",
        "Flow",
        "Burndown",
        "Process timelines",
        "Breakdowns",
        "Interview load",
        "Learning curve",
    )


def test_the_funnel_table_reads_without_the_charts(html: str) -> None:
    assert "<td>Onsite</td><td>1</td><td>1</td><td>100%</td><td>1 (1 failed interview)</td>" in html


def test_user_text_is_escaped(html: str) -> None:
    assert "<td>&lt;ml &amp; data&gt;</td>" in html  # a role family, in the breakdown table
    assert "<title>Ada&#x27;s search</title>" in html
    assert "<Acme" not in html
    assert "<ml" not in html


def test_an_empty_search_still_makes_a_whole_report(empty_html: str) -> None:
    for title in SECTIONS:
        assert f"<h2>{title}</h2>" in empty_html
    assert "no applications yet" in empty_html
    assert "No applications yet" in empty_html  # the charts' empty state


def test_report_is_one_document(html: str) -> None:
    assert html.startswith("<!DOCTYPE html>")
    assert html.count("<html") == 1
    assert html.rstrip().endswith("</html>")
