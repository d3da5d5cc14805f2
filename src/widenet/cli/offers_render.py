"""Rich renderings of offers: the year table, the comparison, the history and the counter."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from widenet.offers.money import Money, format_money

if TYPE_CHECKING:
    from widenet.offers.market import MarketReport, Position
    from widenet.offers.model import Offer
    from widenet.offers.value import OfferValuation
    from widenet.services.offers_views import (
        ComparedRow,
        CurrencyGroup,
        MarketPointView,
        NegotiationView,
        OffersComparison,
        OfferView,
    )

Part = Table | Panel | Text


def _money(amount: Money | None) -> str:
    return "—" if amount is None else format_money(amount)


def terms_line(offer: Offer) -> str:
    """The offer in one line: base, sign-on, bonus, RSUs, options, deadline."""
    parts = [f"base {format_money(offer.base)}"]
    sign_on = sum((payment.amount.minor for payment in offer.sign_on), 0)
    if sign_on:
        parts.append(f"sign-on {format_money(Money(sign_on, offer.currency))}")
    if offer.bonus is not None:
        parts.append(f"bonus {offer.bonus.target_percent}%")
    if offer.rsu is not None:
        parts.append(f"RSUs {format_money(offer.rsu.value)} ({offer.rsu.vesting.name})")
    if offer.options is not None:
        options = offer.options
        parts.append(
            f"{options.shares:,} options at {options.strike} (preferred {options.preferred_price})"
        )
    if offer.deadline is not None:
        parts.append(f"deadline {offer.deadline}")
    return " · ".join(parts)


def recorded(view: OfferView, verb: str) -> Group:
    latest = view.latest
    lines: list[Part] = [
        Text.from_markup(
            f"{verb} [bold]{escape(view.company.name)}[/] ({escape(view.application.role)}), "
            f"round {latest.number}: {escape(terms_line(view.current))}."
        )
    ]
    lines += [Text(f"  {change.describe()}", style="cyan") for change in latest.changes]
    if latest.number > 1 and not latest.changes:
        lines.append(Text("  No term changed in this round.", style="dim"))
    return Group(*lines)


def history(view: OfferView) -> Group:
    parts: list[Part] = [
        Text.from_markup(
            f"[bold]{escape(view.company.name)}[/] — {escape(view.application.role)} "
            f"({escape(view.status.current_name)})"
        ),
        Text(terms_line(view.current)),
    ]
    for revision in view.history.revisions:
        who = "you" if revision.by.value == "candidate" else "the company"
        head = f"Round {revision.number} · {revision.on} · by {who}"
        lines = [f"asked: {revision.asked}"] if revision.asked else []
        lines += [change.describe() for change in revision.changes]
        if revision.number == 1:
            lines.append("the first offer")
        elif not revision.changes:
            lines.append("no term changed")
        if revision.note:
            lines.append(f"note: {revision.note}")
        parts.append(Panel(Text("\n".join(lines)), title=head, title_align="left"))
    return Group(*parts)


def year_table(valuation: OfferValuation) -> Table:
    table = Table(title=f"{valuation.offer.company}: years 1-4")
    for name in ("year", "cash", "equity", "total", "equity (paper)", "total (paper)"):
        table.add_column(name, justify="right")
    for year in valuation.years:
        table.add_row(
            str(year.year),
            format_money(year.cash),
            format_money(year.equity),
            format_money(year.total),
            format_money(year.equity_paper),
            format_money(year.total_paper),
        )
    table.add_row(
        "4 years", "", "", f"[bold]{format_money(valuation.total_4y)}[/]", "",
        format_money(valuation.total_4y_paper),
    )  # fmt: skip
    return table


def _equity(valuation: OfferValuation) -> Text | None:
    equity = valuation.equity
    if equity is None:
        return None
    cuts = ", ".join(f"{pct}th {format_money(v)}" for pct, v in equity.percentiles.items())
    return Text(
        f"Options: paper {format_money(equity.paper)}, risk-adjusted "
        f"{format_money(equity.expected)}, {equity.p_zero:.0%} chance of nothing; "
        f"percentiles {cuts}."
    )


def valuation(valuation: OfferValuation, market: MarketReport | None = None) -> Group:
    parts: list[Part] = [year_table(valuation)]
    equity = _equity(valuation)
    if equity is not None:
        parts.append(equity)
    if market is not None:
        parts.append(Text(f"Market: {market_line(market)}"))
    parts += [Text(f"• {note}", style="dim") for note in valuation.notes]
    return Group(*parts)


def ordinal(value: float) -> str:
    """42 -> 42nd, 33 -> 33rd, 11 -> 11th."""
    number = round(value)
    suffix = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{suffix}"


def _position(position: Position) -> str:
    if position.percentile is None:
        return f"{position.count} comparable point(s), too few for a verdict"
    return (
        f"{position.verdict.value if position.verdict else ''} "
        f"({ordinal(position.percentile)} percentile of {position.count}; median "
        f"{_money(position.median)})"
    )


def market_line(report: MarketReport) -> str:
    if report.total.percentile is None:
        return _position(report.total) + " (same level and location, last 12 months)"
    return f"total {_position(report.total)}; base {_position(report.base)}"


def comparison(result: OffersComparison) -> Group:
    parts: list[Part] = []
    if not result.groups:
        parts.append(Text("No open offers to compare.", style="dim"))
    for group in result.groups:
        parts += _group(group)
    if result.left_out:
        names = ", ".join(f"{v.company.name} ({v.status.current_name})" for v in result.left_out)
        parts.append(Text(f"Left out, process ended: {names}. --all shows them.", style="dim"))
    if not result.groups and not result.left_out:
        parts.append(Text("Record one: widenet offer add COMPANY --base 185000 ...", style="dim"))
    return Group(*parts)


def _group(group: CurrencyGroup) -> list[Part]:
    rows = group.rows
    table = Table(title=f"Offers side by side ({group.comparison.currency}), risk-adjusted / paper")
    table.add_column("")
    for row in rows:
        table.add_column(row.valued.view.company.name, justify="right")
    for year, cells in group.comparison.by_year():
        table.add_row(
            f"year {year}",
            *(f"{format_money(c.total)}\n[dim]{format_money(c.total_paper)}[/]" for c in cells),
        )
    table.add_row(
        "[bold]4 years[/]",
        *(
            f"[bold]{format_money(r.valued.valuation.total_4y)}[/] (#{r.compared.rank})\n"
            f"[dim]{format_money(r.valued.valuation.total_4y_paper)} (#{r.compared.rank_paper})[/]"
            for r in rows
        ),
    )
    table.add_row("options: chance of nothing", *(_zero(r) for r in rows))
    table.add_row("deadline", *(_deadline(r) for r in rows))
    table.add_row("market", *(_verdict(r) for r in rows))
    warnings = [Text(f"! {w}", style="yellow") for w in group.comparison.warnings]
    return [table, *warnings]


def _zero(row: ComparedRow) -> str:
    equity = row.valued.valuation.equity
    return "—" if equity is None else f"{equity.p_zero:.0%}"


def _deadline(row: ComparedRow) -> str:
    due = row.deadline
    if due.on is None:
        return "none given"
    if due.expired:
        return f"[dim]{due.on} (passed)[/]"
    text = f"{due.on} ({due.days_left}d left)"
    return f"[bold red]{text} exploding[/]" if due.exploding else text


def _verdict(row: ComparedRow) -> str:
    total = row.valued.market.total
    if total.verdict is None:
        return f"[dim]{total.count} point(s)[/]"
    return f"{total.verdict.value} ({ordinal(total.percentile or 0)} pct)"


def negotiation(view: NegotiationView) -> Group:
    parts: list[Part] = []
    if view.proposal is None:
        parts.append(
            Text(f"No offer from {view.company} yet. At the end of the first recruiter call, ask:")
        )
    else:
        parts.append(_counters(view))
    for message in view.messages:
        title = f"{message.kind.value.replace('_', ' ')}: {message.subject}"
        parts.append(Panel(Text(message.text), title=title, title_align="left"))
    parts += [Text(f"• {reminder}", style="yellow") for reminder in view.reminders]
    if view.fairness is not None:
        check = view.fairness
        lines = [check.summary, *(f"– {c}" for c in check.citations)]
        style = "red" if check.flagged else "green"
        parts.append(Panel(Text("\n".join(lines)), title="Fairness check", border_style=style))
    return Group(*parts)


def _counters(view: NegotiationView) -> Table:
    assert view.proposal is not None
    title = f"Counter to {view.company}"
    if view.proposal.competitor:
        title += f", leaning on {view.proposal.competitor}'s offer"
    table = Table(title=title, show_lines=True)
    for name in ("component", "now", "ask", "concede to", "why"):
        table.add_column(name, justify="right" if name in ("now", "ask") else "left")
    for counter in view.proposal.counters:
        ask = format_money(counter.ask)
        if counter.options:
            ask += f"\n≈ {counter.options:,} options"
        table.add_row(
            counter.component.value.replace("_", "-"),
            format_money(counter.current),
            ask,
            " → ".join(format_money(step) for step in counter.steps[1:]) or "—",
            counter.reason,
        )
    return table


def market_table(points: Sequence[MarketPointView]) -> Table | Text:
    if not points:
        return Text("No market data yet: widenet market add ... or widenet market import FILE.csv")
    table = Table(title=f"{len(points)} market data point(s), yearly")
    for name in ("date", "from", "level · location", "base", "equity", "total"):
        table.add_column(name, justify="right" if name in ("base", "equity", "total") else "left")
    for item in points:
        point = item.point
        kind = "survey" if point.kind.value == "survey" else "peer"
        table.add_row(
            str(point.on),
            f"{point.company} [dim]({kind})[/]",
            f"{point.level} · {point.location}",
            format_money(point.base),
            _money(point.equity_per_year),
            format_money(point.figure("total")),
        )
    return table
