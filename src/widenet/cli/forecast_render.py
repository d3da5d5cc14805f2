"""Rich rendering of a forecast: offers, when they come, leverage, each application, interview
hours, how wide to go, and calibration (the person's outcomes against the priors)."""

from __future__ import annotations

from datetime import date

from rich import box
from rich.console import Group, RenderableType
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from widenet.analytics.load import WEEKDAYS
from widenet.analytics.palette import STAGE_COLOURS
from widenet.cli.analytics_render import bar
from widenet.forecast import ApplicationForecast, Forecast, HowWide, OfferTiming
from widenet.forecast.summary import StageCalibration
from widenet.services.forecast import ForecastView
from widenet.services.forecast_text import calibration_cells, percent
from widenet.track.stages import Stage

BAR_WIDTH = 20


def forecast(view: ForecastView) -> RenderableType:
    """Every section of the forecast, one after the other."""
    result = view.forecast
    parts: list[RenderableType] = [_heading(view)]
    if view.applications or view.typical is not None:
        parts += [
            _offers(result),
            _timing(result),
            _leverage(result.p_two_open),
            _applications(view),
            _weeks(result),
        ]
    else:
        parts.append(_nothing_open(result.how_wide))
    if result.how_wide is not None:
        parts.append(_how_wide(result.how_wide, added=view.added))
    parts.append(_calibration(result.calibration))
    return Group(*parts)


def _nothing_open(wide: HowWide | None) -> Text:
    text = Text("No open applications: nothing is in flight, so no offer is expected.", "yellow")
    enough = wide.smallest.get(0.8) if wide is not None else None
    if wide is not None and enough is not None:
        more = wide.smallest.get(0.9)
        text.append(
            f" With {enough} typical applications sent today, two offers would be open at once "
            f"in 80% of the simulated searches"
        )
        text.append(f" ({more} for 90%)." if more is not None else ".")
    return text


def _table(title: str) -> Table:
    heading = Text(title, style="bold", no_wrap=True, overflow="ignore")
    return Table(title=heading, box=box.SIMPLE_HEAD, title_justify="left", pad_edge=False)


def _day(day: date | None) -> str:
    return "—" if day is None else f"{WEEKDAYS[day.weekday()]} {day.day} {day:%b}"


def _heading(view: ForecastView) -> Text:
    result = view.forecast
    settings = [f"{result.runs:,} simulated searches", f"seed {view.seed}"]
    if view.added:
        settings.append(f"+{view.added} typical applications sent today")
    if view.window_days is not None:
        settings.append(f"offers within {view.window_days} days")
    if view.params_source:
        settings.append(f"parameters from {view.params_source}")
    text = Text(f"Forecast of your search on {_day(result.today)} {result.today.year}", "bold")
    text.append(f"  ({', '.join(settings)})", style="dim")
    return text


def _offers(result: Forecast) -> Table:
    offers = result.offers
    low, high = offers.percentiles[5], offers.percentiles[95]
    table = _table(f"Offers: {offers.mean:.1f} expected, 90% of searches between {low} and {high}")
    table.add_column("Offers", justify="right")
    table.add_column("Chance", justify="right")
    table.add_column("", no_wrap=True)
    table.add_column("At least", justify="right")
    for count, chance in enumerate(offers.pmf):
        at_least = "" if count == 0 else percent(float(sum(offers.pmf[count:])))
        table.add_row(str(count), percent(chance), bar(chance, width=BAR_WIDTH), at_least)
    return table


def _timing(result: Forecast) -> Table:
    window = f" (within {result.window_days} days)" if result.window_days is not None else ""
    table = _table(f"When offers come{window}")
    table.add_column("Offer")
    table.add_column("Comes in", justify="right")
    table.add_column("5% by", justify="right")
    table.add_column("Median", justify="right")
    table.add_column("95% by", justify="right")
    for timing in result.offer_dates:
        table.add_row(*_timing_row(timing))
    return table


def _timing_row(timing: OfferTiming) -> tuple[str, ...]:
    name = {1: "First", 2: "Second", 3: "Third"}[timing.order]
    dates = timing.percentiles
    return (
        name,
        percent(timing.probability),
        _day(dates.get(5)),
        _day(dates.get(50)),
        _day(dates.get(95)),
    )


def _leverage(p_two_open: float) -> Text:
    text = Text("Leverage: ", style="bold")
    text.append(f"{percent(p_two_open)} chance that two offers are open at the same time")
    text.append(" (given their deadlines)", style="dim")
    return text


def _applications(view: ForecastView) -> Table:
    table = _table("Each open application: chance of reaching each next step, expected dates")
    table.add_column("Application", ratio=2)
    table.add_column("Now", no_wrap=True)
    table.add_column("Next steps", ratio=3)
    table.add_column("Offer", justify="right")
    table.add_column("Around", justify="right", no_wrap=True)
    table.add_column("Ends without", ratio=1)
    for app in view.applications:
        table.add_row(*_application_row(escape(app.label), app))
    if view.typical is not None:
        label = f"+{view.added} typical applications (each)"
        table.add_row(*_application_row(label, view.typical), style="italic")
    return table


def _application_row(label: str, app: ApplicationForecast) -> tuple[str | Text, ...]:
    now = Text(app.stage.label, style=STAGE_COLOURS.get(app.stage, ""))
    steps = Text()
    for chance in app.stages[1:]:
        if steps:
            steps.append(" → ", style="dim")
        steps.append(f"{chance.stage.label} {percent(chance.probability)}")
        if chance.expected_date is not None:
            steps.append(f" ~{_day(chance.expected_date)}", style="dim")
    if app.stage is Stage.OFFER:
        steps = Text("offer in hand", style="green")
    endings = [
        f"{percent(p)} {name}"
        for name, p in (
            ("no answer", app.p_no_answer),
            ("rejected", app.p_rejected),
            ("withdrawn", app.p_withdrawn),
        )
        if p >= 0.005
    ]
    return (
        label,
        now,
        steps,
        percent(app.p_offer),
        _day(app.expected_offer_date),
        ", ".join(endings),
    )


def _weeks(result: Forecast) -> Table:
    table = _table("Weeks ahead: interview hours (preparation included) and offers")
    table.add_column("Week of")
    table.add_column("Hours", justify="right")
    table.add_column("", no_wrap=True)
    table.add_column("Offers coming", justify="right")
    table.add_column("First offer by then", justify="right")
    most = max((week.interview_hours for week in result.weeks), default=0.0) or 1.0
    for week in result.weeks:
        table.add_row(
            _day(week.start),
            f"{week.interview_hours:.1f}",
            bar(week.interview_hours / most, width=BAR_WIDTH, colour="#59a14f"),
            f"{week.expected_offers:.2f}",
            percent(week.p_first_offer_by_end),
        )
    return table


def _how_wide(wide: HowWide, *, added: int) -> RenderableType:
    beyond = f" beyond the {added} added" if added else ""
    table = _table(f"How wide: two offers open at once, with more applications{beyond}")
    table.add_column("More applications", justify="right")
    table.add_column("Two open at once", justify="right")
    table.add_column("", no_wrap=True)
    for point in wide.points:
        table.add_row(str(point.extra), percent(point.p_two_open), bar(point.p_two_open))
    answers = Text()
    for target, smallest in sorted(wide.smallest.items()):
        if answers:
            answers.append("; ")
        reach = f"{target:.0%}"
        if smallest is None:
            last = wide.points[-1].extra if wide.points else 0
            answers.append(f"{reach}: not within {last} more")
        elif smallest == 0:
            answers.append(f"{reach}: already there")
        else:
            answers.append(f"{reach}: {smallest} more applications", style="bold")
    note = Text(f"  ({wide.runs:,} simulated searches per row)", style="dim")
    return Group(
        table, Text.assemble(Text("Smallest number reaching ", style="bold"), answers, note)
    )


def _calibration(rows: tuple[StageCalibration, ...]) -> Table:
    table = _table("Calibration: the priors beside what your own outcomes make of them")
    table.add_column("Stage")
    table.add_column("Your outcomes")
    table.add_column("P(pass) prior", justify="right")
    table.add_column("→ yours", justify="right")
    table.add_column("P(no answer) prior", justify="right")
    table.add_column("→ yours", justify="right")
    table.add_column("P(you withdraw) prior", justify="right")
    table.add_column("→ yours", justify="right")
    for row in rows:
        table.add_row(*calibration_cells(row))
    return table
