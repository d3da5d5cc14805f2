"""The forecast page's content: headline figures, each section's charts with the tables of
their numbers, and one row per open application — all as text ready for the template.

Every chart comes with a table of its numbers (as on the insight pages): a screen reader
reads it, a printout keeps it, a person can copy from it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from widenet.forecast import (
    ApplicationForecast,
    Forecast,
    HowWide,
    OfferTiming,
    OpenApplication,
    StageCalibration,
)
from widenet.services.forecast import ForecastView
from widenet.services.forecast_text import calibration_cells, percent
from widenet.track.stages import Stage
from widenet.web import forecast_figures as figures
from widenet.web.forecast_figures import ORDER_NAMES
from widenet.web.insights import Chart, Section, Table

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


@dataclass(frozen=True)
class Headline:
    """One figure at the top of the page: what it is, its value, a line under it."""

    key: str
    label: str
    value: str
    note: str = ""


@dataclass(frozen=True)
class Step:
    stage: str
    chance: str
    when: str  # the expected date, or ""


@dataclass(frozen=True)
class ApplicationRow:
    """An open application (or the typical added one) as the table shows it; the ``sort_``
    values order the columns when a person sorts the table."""

    label: str
    company_id: int | None
    stage: str
    steps: tuple[Step, ...]
    in_hand: bool
    offer: str
    offer_date: str
    endings: str
    hypothetical: bool
    sort_stage: int
    sort_offer: float
    sort_date: str


@dataclass(frozen=True)
class Content:
    """Everything the page shows of one forecast."""

    nothing_open: bool
    headlines: tuple[Headline, ...]
    leverage: str
    sections: tuple[Section, ...]  # offers, when, interview hours
    rows: tuple[ApplicationRow, ...]
    how_wide: Section | None
    how_wide_answer: str
    calibration: Section
    funnel: Table
    settings: str
    typical: str
    empty_answer: str = ""  # nothing open: how many applications it would take
    empty_add: int | None = None  # ... and the what-if that shows it


def content(view: ForecastView) -> Content:
    result = view.forecast
    nothing_open = not view.applications and view.typical is None
    wide = result.how_wide
    return Content(
        nothing_open=nothing_open,
        headlines=() if nothing_open else headlines(result),
        leverage=percent(result.p_two_open),
        sections=()
        if nothing_open
        else (offers_section(result), timing_section(result), hours_section(result)),
        rows=application_rows(view),
        how_wide=how_wide_section(wide, added=view.added) if wide else None,
        how_wide_answer=how_wide_answer(wide, added=view.added) if wide else "",
        calibration=calibration_section(result.calibration),
        funnel=funnel_table(result),
        settings=settings_text(view),
        typical=typical_text(view.typical_kind),
        empty_answer=empty_answer(wide) if nothing_open and wide else "",
        empty_add=wide.smallest.get(0.8) or None if nothing_open and wide else None,
    )


# -- formatting ------------------------------------------------------------------------------
def day(value: date | None) -> str:
    return "—" if value is None else f"{WEEKDAYS[value.weekday()]} {value.day} {value:%b}"


def _rows(rows: Iterable[Iterable[object]]) -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(str(cell) for cell in row) for row in rows)


# -- the top of the page ---------------------------------------------------------------------
def headlines(result: Forecast) -> tuple[Headline, ...]:
    """Expected offers with their band, P(0), P(>=1), P(>=2), P(>=3), and the first offer."""
    offers = result.offers
    low, high = offers.percentiles[5], offers.percentiles[95]
    first = result.offer_dates[0]
    median = first.percentiles.get(50)
    return (
        Headline("mean", "Offers expected", f"{offers.mean:.1f}", f"90% of searches: {low}–{high}"),
        Headline("p0", "No offer", percent(offers.p_zero)),
        *(
            Headline(f"p{k}", f"At least {word}", percent(offers.p_at_least[k]))
            for k, word in ((1, "one"), (2, "two"), (3, "three"))
        ),
        Headline(
            "first",
            "First offer",
            day(median) if median is not None else "—",
            f"median, when one comes ({percent(first.probability)} of searches)"
            if median is not None
            else "no simulated search got one",
        ),
    )


def settings_text(view: ForecastView) -> str:
    result = view.forecast
    parts = [f"{result.runs:,} simulated searches from seed {view.seed}"]
    if result.how_wide is not None:
        parts.append(f"the how-wide curve {result.how_wide.runs:,} per point")
    if view.added:
        parts.append(f"{view.added} typical applications added")
    if view.window_days is not None:
        parts.append(f"offers counted within {view.window_days} days")
    return (
        f"As of {day(result.today)} {result.today.year}: " + ", ".join(parts) + ". "
        "The same settings give the same numbers; another seed shows how much they move "
        "by chance alone."
    )


def typical_text(kind: OpenApplication | None) -> str:
    """What one added application is: like most of the search's, sent today."""
    if kind is None:
        return ""
    size = kind.size.label.split(" (")[0].lower()
    rated = f", excitement {kind.excitement}" if kind.excitement is not None else ""
    return f"a {size} company{rated}, no referral, sent today"


# -- sections --------------------------------------------------------------------------------
def offers_section(result: Forecast) -> Section:
    offers = result.offers
    table = Table(
        "Chance of each number of offers",
        ("Offers", "Chance", "At least this many"),
        _rows(
            (k, percent(p), "—" if k == 0 else percent(sum(offers.pmf[k:])))
            for k, p in enumerate(offers.pmf)
        ),
    )
    window = (
        f" Only offers arriving within {result.window_days} days count."
        if result.window_days is not None
        else ""
    )
    return Section(
        "How many offers",
        charts=(Chart(figures.offers_figure(offers), "Bar chart of the number of offers"),),
        tables=(table,),
        text="Each bar is the share of the simulated searches that end with that many offers "
        "(an offer already in hand counts); the dashed line is the mean, the band holds 90% "
        "of the searches." + window,
        id="offers",
    )


def timing_section(result: Forecast) -> Section:
    dates = figures.offer_dates_figure(result.offer_dates)
    first = figures.first_offer_figure(result.weeks, result.today)
    if dates is None:
        return Section("When offers come", note="No simulated search got an offer.", id="when")
    charts = [Chart(dates, "Chart of the date range of each offer")]
    if first is not None:
        charts.append(Chart(first, "Line chart of the chance of an offer by each week"))
    by_week = Table(
        "Offers week by week",
        ("Week of", "Offers arriving (expected)", "At least one offer by its end"),
        _rows(
            (day(w.start), f"{w.expected_offers:.2f}", percent(w.p_first_offer_by_end))
            for w in result.weeks
        ),
    )
    return Section(
        "When offers come",
        charts=tuple(charts),
        tables=(timing_table(result.offer_dates), by_week),
        text="Dates are among the simulated searches that get that offer.",
        id="when",
    )


def timing_table(timings: Sequence[OfferTiming]) -> Table:
    def row(timing: OfferTiming) -> tuple[str, ...]:
        dates = timing.percentiles
        return (
            f"{ORDER_NAMES[timing.order]} offer",
            percent(timing.probability),
            *(day(dates.get(q)) for q in (5, 25, 50, 75, 95)),
        )

    head = ("Offer", "Comes in", "5% by", "25% by", "Median", "75% by", "95% by")
    return Table("When each offer comes", head, tuple(row(t) for t in timings))


def hours_section(result: Forecast) -> Section:
    table = Table(
        "Interview hours per week ahead",
        ("Week of", "Hours (expected)"),
        _rows((day(w.start), f"{w.interview_hours:.1f}") for w in result.weeks),
    )
    return Section(
        "Interview hours ahead",
        charts=(Chart(figures.hours_figure(result.weeks), "Bar chart of interview hours"),),
        tables=(table,),
        text="Interviews and their preparation the open processes would bring, averaged over "
        "the simulated searches (the weeks start today).",
        id="hours",
    )


def how_wide_section(wide: HowWide, *, added: int) -> Section:
    table = Table(
        "Two offers open at once, with more applications",
        ("More applications", "Two open at once"),
        _rows((f"+{p.extra}", percent(p.p_two_open)) for p in wide.points),
    )
    chart = Chart(figures.how_wide_figure(wide, added=added), "Line chart of how wide to go")
    return Section("How wide", charts=(chart,), tables=(table,), id="how-wide")


def how_wide_answer(wide: HowWide, *, added: int) -> str:
    """The fewest more applications that reach 80% and 90%, in a sentence."""
    beyond = f" beyond the {added} added" if added else ""
    parts = []
    for target, smallest in sorted(wide.smallest.items()):
        reach = f"{target:.0%}"
        if smallest is None:
            last = wide.points[-1].extra if wide.points else 0
            parts.append(f"{reach}: not within {last} more")
        elif smallest == 0:
            parts.append(f"{reach}: already there")
        else:
            parts.append(f"{reach}: {smallest} more applications")
    return (
        f"To have two offers open at once in most searches{beyond} — "
        + "; ".join(parts)
        + f" ({wide.runs:,} simulated searches per point)."
    )


def empty_answer(wide: HowWide) -> str:
    """With nothing open: how many typical applications sent today reach 80% and 90%."""
    enough, more = wide.smallest.get(0.8), wide.smallest.get(0.9)
    if enough is None:
        last = wide.points[-1].extra if wide.points else 0
        return (
            f"Even {last} typical applications sent today would not have two offers open at "
            "once in 80% of the simulated searches."
        )
    text = (
        f"With {enough} typical applications sent today, two offers would be open at once "
        f"in 80% of the simulated searches"
    )
    return text + (f" ({more} for 90%)." if more is not None else ".")


def calibration_section(rows: Sequence[StageCalibration]) -> Section:
    table = Table(
        "Prior and yours, per stage kind",
        (
            "Stage",
            "Your outcomes",
            "P(pass) prior",
            "yours",
            "P(no answer) prior",
            "yours",
            "P(you withdraw) prior",
            "yours",
        ),
        tuple(calibration_cells(row) for row in rows),
    )
    chart = Chart(figures.calibration_figure(rows), "Bar chart of prior and posterior")
    return Section("Prior and yours", charts=(chart,), tables=(table,), id="calibration")


def funnel_table(result: Forecast) -> Table:
    return Table(
        "Your open applications reaching each stage (those already past it included)",
        ("Stage", "Expected", "90% of searches"),
        _rows((r.stage.label, f"{r.mean:.1f}", f"{r.low}–{r.high}") for r in result.funnel),
    )


# -- the open applications -------------------------------------------------------------------
def application_rows(view: ForecastView) -> tuple[ApplicationRow, ...]:
    rows = [
        _row(app, app.label, view.company_ids.get(app.application_id or 0))
        for app in view.applications
    ]
    if view.typical is not None:
        label = f"+{view.added} typical application{'s' if view.added > 1 else ''} (each)"
        rows.append(_row(view.typical, label, None))
    return tuple(rows)


def _row(app: ApplicationForecast, label: str, company_id: int | None) -> ApplicationRow:
    in_hand = app.stage is Stage.OFFER
    endings = [
        f"{percent(p)} {name}"
        for name, p in (
            ("no answer", app.p_no_answer),
            ("rejected", app.p_rejected),
            ("withdrawn", app.p_withdrawn),
        )
        if p >= 0.005
    ]
    return ApplicationRow(
        label=label,
        company_id=company_id,
        stage=app.stage.label,
        steps=tuple(
            Step(
                c.stage.label,
                percent(c.probability),
                day(c.expected_date) if c.expected_date else "",
            )
            for c in app.stages[1:]
        ),
        in_hand=in_hand,
        offer=percent(app.p_offer),
        offer_date=day(app.expected_offer_date),
        endings=", ".join(endings),
        hypothetical=app.hypothetical,
        sort_stage=app.stage.rank,
        sort_offer=round(app.p_offer, 4),
        sort_date=app.expected_offer_date.isoformat() if app.expected_offer_date else "9999",
    )
