"""Rich renderings of the search for the terminal."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING

from rich.console import Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from widenet.services.views import ApplicationView, CompanyView, InterviewView
    from widenet.track.board import Board, Card
    from widenet.track.model import Company


def stars(excitement: int | None) -> str:
    return "·" if excitement is None else "★" * excitement + "☆" * (5 - excitement)


def when(moment: datetime | None, zone: ZoneInfo) -> str:
    if moment is None:
        return ""
    return moment.astimezone(zone).strftime("%a %d %b %H:%M")


def _card(card: Card, zone: ZoneInfo) -> Text:
    text = Text()
    text.append(card.company, style="bold")
    text.append(f"\n{card.role}", style="dim")
    text.append(f"\n{card.status.days_in_stage}d in stage · {stars(card.excitement)}")
    text.append(f"\n{card.source.label}", style="cyan")
    if card.status.current_name != card.status.current.label:
        text.append(f" · {card.status.current_name}", style="dim")
    if card.next_interview is not None:
        text.append(f"\nnext: {when(card.next_interview, zone)}", style="green")
    if card.status.looks_ghosted:
        text.append(f"\nlooks ghosted ({card.status.days_since_activity}d quiet)", style="yellow")
    return text


def board(data: Board, zone: ZoneInfo, *, show_closed: bool) -> Group:
    columns = [column for column in data.columns if column.cards]
    parts: list[Table | Panel | Text] = []
    if not columns:
        parts.append(Text("No open applications.", style="dim"))
    else:
        table = Table(show_lines=True, expand=True, title=f"{data.open_count} open")
        for column in columns:
            table.add_column(f"{column.title} ({len(column.cards)})", ratio=1)
        depth = max(len(column.cards) for column in columns)
        for row in range(depth):
            table.add_row(
                *(
                    _card(column.cards[row], zone) if row < len(column.cards) else Text("")
                    for column in columns
                )
            )
        parts.append(table)
    if show_closed and data.closed:
        parts.append(closed_table(data.closed))
    elif data.closed:
        parts.append(Text(f"{len(data.closed)} closed (--all shows them)", style="dim"))
    return Group(*parts)


def closed_table(cards: Sequence[Card]) -> Table:
    table = Table(title=f"Closed ({len(cards)})", expand=True)
    for name in ("Company", "Role", "Outcome", "Reason", "On", "Furthest stage"):
        table.add_column(name)
    for card in cards:
        status = card.status
        table.add_row(
            escape(card.company),
            escape(card.role),
            status.current.label,
            escape(status.outcome_reason.replace("_", " ")),
            status.since.isoformat(),
            status.furthest.label,
        )
    return table


def company_table(views: Sequence[CompanyView]) -> Table:
    table = Table(title=f"{len(views)} companies", expand=True)
    for name in ("Company", "Size", "Valuation", "Market", "Excitement", "Applications"):
        table.add_column(name)
    for view in views:
        company = view.company
        apps = "; ".join(
            f"{escape(a.application.role)}: {a.status.current_name}" for a in view.applications
        )
        table.add_row(
            escape(company.name),
            company.size_band.value if company.size_band else "",
            company.valuation_band.label if company.valuation_band else "",
            company.market.value if company.market else "",
            stars(company.excitement),
            apps or "[dim]none yet[/]",
        )
    return table


def company_header(company: Company) -> Panel:
    facts = [
        ("Size", company.size_band.label if company.size_band else ""),
        ("Valuation", company.valuation_band.label if company.valuation_band else ""),
        ("Market", company.market.value if company.market else ""),
        ("Location", company.location),
        ("Work mode", company.work_mode.value if company.work_mode else ""),
        ("Website", company.website),
        ("Excitement", stars(company.excitement)),
        ("Notes", company.notes),
    ]
    body = "\n".join(f"[bold]{k}:[/] {escape(v)}" for k, v in facts if v)
    return Panel(body or "[dim]no details yet[/]", title=escape(company.name), expand=False)


def timeline(view: ApplicationView, zone: ZoneInfo) -> Group:
    status = view.status
    state = "open" if status.is_open else "closed"
    head = Text.assemble(
        (view.application.role, "bold"),
        f"  ({view.application.source.label}",
        f", referred by {view.referrer.name})" if view.referrer else ")",
        f"  · {state}, {status.current_name} for {status.days_in_stage}d"
        f" · furthest: {status.furthest.label}",
    )
    if status.looks_ghosted:
        head.append(
            f"  · looks ghosted ({status.days_since_activity}d quiet): `widenet ghost` confirms",
            style="yellow",
        )
    events = Table(show_header=True, box=None, pad_edge=False)
    for name in ("Date", "Stage", "Days", "Reason", "Note"):
        events.add_column(name)
    previous = None
    for event in view.events:
        gap = "" if previous is None else str((event.on - previous).days)
        events.add_row(
            event.on.isoformat(),
            escape(event.display),
            gap,
            escape(event.reason.replace("_", " ")),
            escape(event.note),
        )
        previous = event.on
    parts: list[Text | Table] = [head, events]
    if view.interviews:
        parts.append(
            interview_table([_bare(view, i) for i in view.interviews], zone, show_company=False)
        )
    return Group(*parts)


def _bare(view: ApplicationView, interview: object) -> InterviewView:
    from widenet.services.views import InterviewView

    return InterviewView(interview, view.company, view.application.role)  # type: ignore[arg-type]


def interview_table(
    views: Sequence[InterviewView], zone: ZoneInfo, *, show_company: bool = True
) -> Table:
    table = Table(title="Interviews", expand=True)
    names = ["Id", "When", "Company", "Kind", "Min", "Prep", "Rating", "Outcome", "Notes"]
    for name in names if show_company else [n for n in names if n != "Company"]:
        table.add_column(name)
    for view in views:
        interview = view.interview
        company = [escape(f"{view.company.name} ({view.role})")] if show_company else []
        table.add_row(
            str(interview.id),
            when(interview.start, zone),
            *company,
            interview.kind.value.replace("_", " "),
            str(interview.minutes),
            str(interview.prep_minutes),
            "" if interview.self_rating is None else f"{interview.self_rating}/4",
            "" if interview.outcome.value == "unknown" else interview.outcome.value,
            escape(interview.notes[:40]),
        )
    return table
