"""Rich renderings of the search's analytics: tables, bars and a heatmap a terminal can show."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from rich import box
from rich.columns import Columns
from rich.console import Group, RenderableType
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from widenet.analytics.breakdowns import Breakdown, Breakdowns
from widenet.analytics.burndown import Burndown
from widenet.analytics.flow import Flow
from widenet.analytics.funnel import Funnel, FunnelRow
from widenet.analytics.history import Exit
from widenet.analytics.learning import LearningCurve
from widenet.analytics.load import WEEKDAYS, DayCap, DayLoad, InterviewLoad
from widenet.analytics.palette import EXIT_COLOURS, STAGE_COLOURS, reason_label
from widenet.analytics.timelines import ApplicationTimeline, Timelines
from widenet.track.model import Outcome
from widenet.track.stages import RejectReason, Stage

BAR_WIDTH = 16
GANTT_WIDTH = 40
STACK_WIDTH = 48
NO_APPLICATIONS = "No applications yet: record one with `widenet apply` (or try `widenet demo`)."


def _table(title: str) -> Table:
    # A title wider than its table stays on one line rather than wrapping inside it.
    heading = Text(title, style="bold", no_wrap=True, overflow="ignore")
    return Table(title=heading, box=box.SIMPLE_HEAD, title_justify="left", pad_edge=False)


def _empty(message: str) -> Text:
    return Text(message, style="dim")


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def _days(value: float | None) -> str:
    return "—" if value is None else f"{value:g}"


def bar(fraction: float, *, width: int = BAR_WIDTH, colour: str = "#4e79a7") -> Text:
    """A horizontal bar of ``fraction`` (0-1) of ``width`` cells, in eighths of a cell."""
    eighths = round(max(0.0, min(fraction, 1.0)) * width * 8)
    full, part = divmod(eighths, 8)
    text = "█" * full + (" ▏▎▍▌▋▊▉"[part] if part else "")
    return Text(text, style=colour)


def _day(day: date) -> str:
    return f"{WEEKDAYS[day.weekday()]} {day.day} {day:%b}"


# -- funnel -------------------------------------------------------------------------------
def funnel(result: Funnel, *, all_stages: bool = False) -> RenderableType:
    if not result.applications:
        return _empty(NO_APPLICATIONS)
    table = _table(f"Funnel as of {result.today}: {result.applications} applications")
    table.add_column("Stage", no_wrap=True)
    table.add_column("Reached", justify="right")
    table.add_column("", no_wrap=True)
    table.add_column("Conversion", justify="right")
    table.add_column("How the others left", ratio=1)
    for row in result.rows:
        table.add_row(
            row.label,
            str(row.reached),
            bar(row.reached / result.applications, width=10, colour=STAGE_COLOURS[row.stage]),
            _percent(row.conversion),
            exits(row),
        )
    notes = ["Reached counts the furthest stage: a later rejection never takes it away."]
    skipped = [f"{row.label.lower()} {row.skipped}" for row in result.rows if row.skipped]
    if skipped:
        notes.append(f"Reached without having the step (e.g. a referral): {', '.join(skipped)}.")
    if not all_stages:
        notes.append(
            "Optional steps (hiring manager, take-home, references) count in the row above; "
            "--all-stages gives them rows."
        )
    return Group(table, *(_empty(note) for note in notes))


def exits(row: FunnelRow) -> str:
    """How the applications ending at ``row`` left, in the words of product.md's table."""
    silent = row.rejected.get(RejectReason.NO_RESPONSE, 0)
    reasons = [
        f"{count} {reason_label(reason).lower()}"
        for reason, count in row.rejected.items()
        if count and reason is not RejectReason.NO_RESPONSE
    ]
    rejected = row.rejected_total - silent
    parts = [
        f"{silent} no response" if silent else "",
        f"{rejected} rejected ({', '.join(reasons)})" if rejected else "",
        f"{row.withdrawn} withdrawn" if row.withdrawn else "",
        f"{row.ghosted} ghosted" if row.ghosted else "",
        f"{row.declined} declined the offer" if row.declined else "",
        f"{row.accepted} accepted" if row.accepted else "",
        f"{row.still_open} still open" if row.still_open else "",
    ]
    return ", ".join(part for part in parts if part) or "—"


# -- flow and burndown --------------------------------------------------------------------
def flow(result: Flow) -> RenderableType:
    if not result.applications:
        return _empty(NO_APPLICATIONS)
    table = _table(f"Flow of {result.applications} applications (the Sankey: `widenet report`)")
    for name, justify in (("From", "left"), ("To", "left"), ("Applications", "right")):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    table.add_column("", no_wrap=True)
    for link in result.links:
        source, target = result.nodes[link.source], result.nodes[link.target]
        colour = _node_colour(target.key)
        table.add_row(
            source.label,
            Text(target.label, style=colour),
            str(link.value),
            bar(link.value / result.applications, colour=colour),
        )
    return table


def _node_colour(key: str) -> str:
    if key.startswith("exit:"):
        return EXIT_COLOURS[Exit(key.removeprefix("exit:"))]
    return STAGE_COLOURS[Stage(key)]


def burndown(result: Burndown) -> RenderableType:
    if not result.days:
        return _empty(NO_APPLICATIONS)
    stages = [s for s, counts in result.open_by_stage.items() if any(counts)]
    table = _table("Open applications by stage, week by week (every day: `widenet report`, --json)")
    table.add_column("Day", no_wrap=True)
    table.add_column("", no_wrap=True)
    table.add_column("Open", justify="right")
    table.add_column("Closed", justify="right")
    scale = STACK_WIDTH / (result.peak_open or 1)
    last = len(result.days) - 1
    for i in sorted({*range(0, last + 1, 7), last}):
        counts = [(stage, result.open_by_stage[stage][i]) for stage in stages]
        table.add_row(
            _day(result.days[i]),
            _stack(counts, scale=scale),
            Text(str(result.open_total[i]), style="bold"),
            str(result.closed[i]),
        )
    peak = result.peak_open
    peak_day = result.days[result.open_total.index(peak)]
    legend = _swatches(stages)
    return Group(table, legend, Text(f"Most open at once: {peak}, on {_day(peak_day)}."))


def _stack(counts: Sequence[tuple[Stage, int]], *, scale: float) -> Text:
    """A stacked bar: one coloured run per stage, its count written inside when it fits."""
    text = Text()
    total = position = 0
    for stage, count in counts:
        total += count
        end = round(total * scale)
        width = end - position
        if count and width:
            label = str(count) if width > len(str(count)) else ""  # room to keep counts apart
            colour = STAGE_COLOURS[stage]
            text.append(label.center(width), style=f"{_ink(colour)} on {colour}")
        position = end
    return text


def _ink(background: str) -> str:
    """Black or white text, whichever reads on ``background`` (a #rrggbb colour)."""
    red, green, blue = (int(background[i : i + 2], 16) for i in (1, 3, 5))
    return "black" if 0.299 * red + 0.587 * green + 0.114 * blue > 140 else "white"


def _swatches(stages: Sequence[Stage]) -> Columns:
    # Columns wrap between swatches, never between a swatch and its label.
    return Columns([Text.assemble(("█ ", STAGE_COLOURS[stage]), stage.label) for stage in stages])


# -- timelines ----------------------------------------------------------------------------
def timelines(result: Timelines) -> RenderableType:
    if not result.applications:
        return _empty(NO_APPLICATIONS)
    return Group(_gantt(result), _legend(result), _stage_times(result), _reply_times(result))


def _gantt(result: Timelines) -> Table:
    start = min(bar.started for bar in result.applications)
    span = (result.today - start).days + 1
    width = min(span, GANTT_WIDTH)
    table = _table(
        f"Processes from {_day(start)} to {_day(result.today)} (one cell ≈ {span / width:.1f} days)"
    )
    table.add_column("Company", ratio=1)
    table.add_column("", no_wrap=True)
    table.add_column("Days", justify="right")
    table.add_column("Ended", no_wrap=True)
    for line in result.applications:
        table.add_row(
            escape(line.company),
            _gantt_bar(line, start=start, span=span, width=width),
            str(line.days),
            _ending(line),
        )
    return table


def _gantt_bar(line: ApplicationTimeline, *, start: date, span: int, width: int) -> Text:
    text = Text()
    for cell in range(width):
        day = start + timedelta(days=cell * span // width)
        stage = next(
            (
                segment.stage
                for segment in line.segments
                if segment.start <= day < segment.end or (segment.is_open and day == segment.end)
            ),
            None,
        )
        text.append("█" if stage else " ", style=STAGE_COLOURS[stage] if stage else "")
    return text


def _ending(line: ApplicationTimeline) -> Text:
    if line.outcome is None:
        return Text("open", style="dim")
    return Text(line.outcome.value)


def _legend(result: Timelines) -> Columns:
    used = {segment.stage for line in result.applications for segment in line.segments}
    return _swatches([stage for stage in STAGE_COLOURS if stage in used])


def _stage_times(result: Timelines) -> Table:
    table = _table("Median days per stage (stays that have ended)")
    table.add_column("Stage")
    table.add_column("Median days", justify="right")
    table.add_column("Stays", justify="right")
    for row in result.stage_times:
        if row.stays:
            table.add_row(
                Text(row.label, style=STAGE_COLOURS[row.stage]),
                _days(row.median_days),
                str(row.stays),
            )
    return table


def _reply_times(result: Timelines) -> Table:
    table = _table("Response time per company: median days from applying to the first reply")
    table.add_column("Company")
    table.add_column("Applications", justify="right")
    table.add_column("Replied", justify="right")
    table.add_column("Days", justify="right")
    table.add_column("", no_wrap=True)
    longest = max((c.median_reply_days or 0 for c in result.companies), default=0) or 1
    for row in result.companies:
        days = row.median_reply_days
        table.add_row(
            escape(row.company),
            str(row.applications),
            str(row.replied),
            _days(days) if days is not None else Text("no reply", style="dim"),
            bar(days / longest, width=20) if days is not None else "",
        )
    return table


# -- breakdowns ---------------------------------------------------------------------------
def breakdowns(result: Breakdowns) -> RenderableType:
    if not any(b.rows for b in result.dimensions):
        return _empty(NO_APPLICATIONS)
    return Group(*(_breakdown(b) for b in result.dimensions))


def _breakdown(breakdown: Breakdown) -> Table:
    table = _table(breakdown.title)
    table.add_column(breakdown.title, ratio=1)
    for name in ("Applied", "Responses", "Onsites", "Offers"):
        table.add_column(name, justify="right")
    table.add_column("Response rate", no_wrap=True)
    for row in breakdown.rows:
        rate = row.response_rate
        table.add_row(
            escape(row.label),
            str(row.applications),
            str(row.responses),
            str(row.onsites),
            str(row.offers),
            Text.assemble(f"{_percent(rate):>4} ", bar(rate or 0.0, width=10)),
        )
    return table


# -- interview load -----------------------------------------------------------------------
# Background by hours in the day: light up to 2 h, medium up to 4 h, dark beyond.
_HEAT = (
    (2.0, "black on #c6dbef"),
    (4.0, "black on #6baed6"),
    (float("inf"), "white on #2171b5"),
)


def load(result: InterviewLoad) -> RenderableType:
    if not result.total_hours:
        where = "in these weeks" if result.days else "yet"
        return _empty(f"No interviews {where}: book one with `widenet interview add`.")
    return Group(_heatmap(result), *_over_and_caps(result), _weeks(result))


def _heat(day: DayLoad, *, today: date) -> Text:
    if not day.hours:
        return Text("·", style="dim")
    style = next(style for limit, style in _HEAT if day.hours <= limit)
    if day.is_over:
        style = "bold white on #c0392b"
    label = f"{day.hours:.1f}" + ("!" if day.is_over else "")
    return Text(label, style=style + (" underline" if day.day == today else ""))


def _heatmap(result: InterviewLoad) -> Table:
    table = _table("Interview hours per day, preparation included (! = over the daily cap)")
    table.add_column("Week of")
    for name in WEEKDAYS:
        table.add_column(name, justify="right")
    table.add_column("Hours", justify="right")
    rows: dict[date, list[DayLoad]] = {}
    for day in result.days:
        rows.setdefault(day.day - timedelta(days=day.day.weekday()), []).append(day)
    for monday, days in rows.items():
        cells: list[RenderableType] = [""] * 7
        for day in days:
            cells[day.day.weekday()] = _heat(day, today=result.today)
        table.add_row(_day(monday), *cells, f"{sum(d.hours for d in days):.1f}")
    return table


def _over_and_caps(result: InterviewLoad) -> list[Text]:
    lines = [
        Text(f"  {_day(day.day)}: {'; '.join(day.over)}", style="red")
        for day in result.days
        if day.is_over
    ]
    if lines:
        lines.insert(0, Text("Over the daily cap:"))
    caps: dict[DayCap, list[int]] = {}
    for day in result.days:
        caps.setdefault(day.cap, [])
        if day.week + 1 not in caps[day.cap]:
            caps[day.cap].append(day.week + 1)
    steps = [
        f"{_weeks_text(weeks)}: {cap.interviews} interviews, {cap.technical} technical"
        for cap, weeks in caps.items()
    ]
    onsites = next(iter(caps)).onsites
    lines.append(
        Text(f"Daily caps — {'; '.join(steps)}; at most {onsites} onsite a day.", style="dim")
    )
    return lines


def _weeks_text(weeks: Sequence[int]) -> str:
    return f"week {weeks[0]}" if len(weeks) == 1 else f"weeks {weeks[0]}–{weeks[-1]}"


def _weeks(result: InterviewLoad) -> Table:
    table = _table(f"Weeks of the search (from {_day(result.start)})" if result.start else "Weeks")
    for name in ("Week", "From", "Interviews", "Prep h", "Total h", "Days over"):
        table.add_column(name, justify="left" if name == "From" else "right", no_wrap=True)
    table.add_column("", no_wrap=True)
    busiest = max((week.hours for week in result.weeks), default=0) or 1
    for week in result.weeks:
        table.add_row(
            str(week.week + 1),
            _day(week.start),
            str(week.interviews),
            f"{week.prep_minutes / 60:.1f}",
            f"{week.hours:.1f}",
            Text(str(week.days_over), style="red" if week.days_over else "dim"),
            bar(week.hours / busiest, width=12),
        )
    return table


# -- learning curve -----------------------------------------------------------------------
_OUTCOME_STYLE = {Outcome.PASS: "green", Outcome.FAIL: "red", Outcome.UNKNOWN: "dim"}


def learning(result: LearningCurve) -> RenderableType:
    parts: list[RenderableType] = []
    if result.attempts:
        parts.append(_attempts(result))
    else:
        parts.append(
            _empty("No technical interviews yet: `widenet interview done ID --outcome pass`.")
        )
    if result.agreement is None:
        parts.append(_empty("No interview has both a self-rating and an outcome yet."))
    else:
        parts.append(_ratings(result))
        parts.append(
            Text(
                f"Rated 3 or 4 matched “passed” in {result.agreement:.0%} of the "
                f"{result.judged} interviews with a self-rating and an outcome."
            )
        )
    return Group(*parts)


def _attempts(result: LearningCurve) -> Table:
    table = _table(
        f"Technical interviews in order: pass rate over ±{result.window} interviews, "
        f"{result.mass:.0%} credible band"
    )
    for name in ("#", "Day", "Outcome", "Rated", "Trend", "Band"):
        justify = "right" if name in ("#", "Trend") else "left"
        table.add_column(name, justify=justify, no_wrap=True)  # type: ignore[arg-type]
    table.add_column("0%" + " " * (BAND_WIDTH - 6) + "100%", no_wrap=True)
    for attempt, point in zip(result.attempts, result.trend, strict=True):
        table.add_row(
            str(attempt.order),
            _day(attempt.on),
            Text(attempt.outcome.value, style=_OUTCOME_STYLE[attempt.outcome]),
            "" if attempt.self_rating is None else f"{attempt.self_rating}/4",
            f"{point.mean:.0%}",
            f"{point.low:.0%}–{point.high:.0%}",
            band(point.mean, point.low, point.high),
        )
    return table


BAND_WIDTH = 21  # a cell per 5%


def band(mean: float, low: float, high: float, *, width: int = BAND_WIDTH) -> Text:
    """The credible band as shading on a 0-100% track, the mean as a dot."""
    cells = width - 1

    def at(value: float) -> int:
        return round(max(0.0, min(value, 1.0)) * cells)

    text = Text()
    for cell in range(width):
        if cell == at(mean):
            text.append("●", style="bold #4e79a7")
        elif at(low) <= cell <= at(high):
            text.append("▒", style="#9ecae1")
        else:
            text.append("·", style="dim")
    return text


def _ratings(result: LearningCurve) -> Table:
    table = _table("Self-rating against outcome (3+ means advance), interviews of every kind")
    for name in ("Rated", "Passed", "Failed", "Pass rate", f"{result.mass:.0%} interval"):
        table.add_column(name, justify="right")
    for row in result.ratings:
        table.add_row(
            f"{row.rating}/4",
            str(row.passes),
            str(row.fails),
            _percent(row.pass_rate),
            f"{row.low:.0%}–{row.high:.0%}" if row.passes + row.fails else "—",
        )
    return table
