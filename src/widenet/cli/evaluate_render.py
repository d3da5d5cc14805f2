"""Rich renderings of the evaluation views for the terminal."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import Group
from rich.markup import escape
from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from widenet.services.evaluate_views import (
        AskedView,
        CriteriaView,
        DecisionView,
        FlipView,
        QuestionsView,
        RateResult,
        RatingsView,
        RatingView,
        StabilityView,
    )

NONE = "–"


def score(value: float | None) -> str:
    return NONE if value is None else f"{value:.2f}"


def percent(share: float) -> str:
    return f"{share:.0%}"


def weight(value: float) -> str:
    return f"{value:g}"


def _after(text: str) -> str:
    return escape(text) if text else NONE


def rated(result: RateResult) -> Text:
    first = result.added[0]
    scores = ", ".join(f"{r.criterion} {r.score}" for r in result.added)
    text = Text.assemble(
        "Rated ",
        (result.company, "bold"),
        f" after {first.after or NONE} on {first.on} (confidence {first.confidence}): {scores}.\n",
        f"Score {score(result.score_before)} → ",
        (score(result.score_now), "bold"),
        f" (coverage {percent(result.coverage)})  {result.sparkline}",
    )
    return text


def ratings(view: RatingsView) -> Group:
    head = Text.assemble((view.company, "bold"), f"  · {view.stage}" if view.stage else "")
    if not view.points:
        return Group(
            head,
            Text(
                f'No ratings yet. Rate it: widenet rate "{view.company}" team=4 manager=3',
                style="dim",
            ),
        )
    head.append(
        f"\nScore {score(view.score)} (coverage {percent(view.coverage)}, "
        f"{percent(view.confident_coverage)} with confidence)   {view.sparkline}"
    )
    return Group(head, _criteria_table(view), _points_table(view), _changes_table(view))


def _history(items: Sequence[RatingView]) -> str:
    return " → ".join(f"{r.score} ({escape(r.after or r.on.isoformat())})" for r in items)


def _criteria_table(view: RatingsView) -> Table:
    table = Table(title="By criterion", expand=True)
    for name in ("Criterion", "Weight", "Now", "Confidence", "History"):
        table.add_column(name)
    for row in view.criteria:
        latest = row.latest
        table.add_row(
            escape(row.label),
            weight(row.weight),
            str(latest.score) if latest else f"[dim]{NONE}[/]",
            latest.confidence if latest else "[dim]not rated yet[/]",
            _history(row.history),
        )
    return table


def _points_table(view: RatingsView) -> Table:
    table = Table(title=f"Score over time  {view.sparkline}", expand=True)
    for name in ("Date", "After", "Score", "Coverage", "Rated", "Note"):
        table.add_column(name)
    for point in view.points:
        notes = dict.fromkeys(r.note for r in point.rated if r.note)
        table.add_row(
            point.on.isoformat(),
            _after(point.after),
            score(point.score),
            percent(point.coverage),
            ", ".join(f"{r.criterion} {r.score}" for r in point.rated),
            escape(" ".join(notes)),
        )
    return table


def _changes_table(view: RatingsView) -> Table | Text:
    if not view.biggest_changes:
        return Text("No change of view yet.", style="dim")
    table = Table(title="Biggest changes", expand=True)
    for name in ("Date", "After", "Score", "Change", "What moved"):
        table.add_column(name)
    for change in view.biggest_changes:
        moved = ", ".join(
            f"{move.criterion} {NONE if move.before is None else move.before} → {move.now}"
            for move in change.moves
        )
        style = "green" if change.delta > 0 else "red"
        table.add_row(
            change.on.isoformat(),
            _after(change.after),
            f"{score(change.before)} → {score(change.now)}",
            f"[{style}]{change.delta:+.2f}[/]",
            moved,
        )
    return table


def questions(view: QuestionsView) -> Group:
    where = f"now {view.stage}" if view.stage else "no application yet"
    coming = f"; next: {view.next_stage_label}" if view.next_stage_label else ""
    if view.next_stage_label and view.next_stage_label == view.stage:
        coming = "; to ask before you decide"
    parts: list[Text | Table] = [Text.assemble((view.company, "bold"), f"  · {where}{coming}")]
    if not view.suggestions:
        parts.append(
            Text(
                "Nothing important is unknown: every criterion with a weight is rated with "
                "medium or high confidence.",
                style="green",
            )
        )
    for suggestion in view.suggestions:
        parts.append(
            Text.assemble(
                "\n",
                (suggestion.label, "bold"),
                f" — {suggestion.why} (importance {percent(suggestion.importance)})",
            )
        )
        for question in suggestion.questions:
            parts.append(Text.assemble("  • ", (f"[{question.id}] ", "cyan"), question.text))
        if not suggestion.questions:
            parts.append(Text("  (every suggested question has been asked)", style="dim"))
    if view.asked:
        parts.append(_asked_table(view.asked))
    parts.append(
        Text(
            f'\nRecord an answer: widenet ask "{view.company}" <id or question> --answer "…"',
            style="dim",
        )
    )
    return Group(*parts)


def _asked_table(entries: Sequence[AskedView]) -> Table:
    table = Table(title="Asked so far", expand=True)
    for name in ("Date", "At", "Criterion", "Question", "Answer"):
        table.add_column(name)
    for entry in entries:
        table.add_row(
            entry.on.isoformat(),
            _after(entry.at),
            escape(entry.label),
            escape(entry.question),
            escape(entry.answer) or "[dim]no answer recorded[/]",
        )
    return table


def asked(entry: AskedView) -> Text:
    return Text.assemble(
        "Recorded at ",
        (entry.company, "bold"),
        f" ({entry.at or NONE}, {entry.on}) about {entry.label}: {entry.question}",
        f"\nAnswer: {entry.answer}" if entry.answer else "",
        (
            f'\nOnce you know enough, rate it: widenet rate "{entry.company}" '
            f"{entry.criterion}=N --confidence high",
            "dim",
        ),
    )


def criteria(view: CriteriaView) -> Group:
    table = Table(title=f"Your criteria (total weight {weight(view.total_weight)})", expand=True)
    for name in ("Key", "Criterion", "Weight", "Share", "Also typed as"):
        table.add_column(name)
    for item in view.criteria:
        table.add_row(
            item.key,
            escape(item.label),
            weight(item.weight),
            percent(item.share),
            escape(", ".join(item.aliases)),
        )
    parts: list[Table | Text] = [table]
    if view.changed:
        now = {item.key: item.weight for item in view.criteria}
        moved = ", ".join(f"{k} {weight(v)} → {weight(now[k])}" for k, v in view.changed.items())
        parts.append(Text(f"Changed {moved} (earlier weights are kept in the audit log)."))
    return Group(*parts)


def decision(view: DecisionView) -> Group:
    head = Text.assemble(("Decision", "bold"), f" between {view.rule}")
    if not view.rows:
        return Group(head, Text("No company to compare.", style="dim"))
    return Group(head, _ranking(view), _matrix(view), *_sensitivity(view))


def _ranking(view: DecisionView) -> Table:
    offers = any(row.compensation is not None for row in view.rows)
    table = Table(title="Ranking")
    offer_title = ["Offer, 4 years (risk-adjusted)"] if offers else []
    for name in ("#", "Company", "Stage", *offer_title, "Score", "Coverage"):
        table.add_column(name, justify="right" if name in ("#", "Score", "Coverage") else "left")
    for row in view.rows:
        # minor units (cents) to whole currency units, for reading
        offer = [f"{row.compensation // 100:,}" if row.compensation is not None else NONE]
        table.add_row(
            str(row.rank) if row.rank else NONE,
            escape(row.company),
            escape(row.stage or ""),
            *(offer if offers else []),
            f"[bold]{score(row.total)}[/]",
            percent(row.coverage),
        )
    return table


def _matrix(view: DecisionView) -> Table:
    """Criteria down, companies across (in rank order): a few companies are in play at once."""
    table = Table(title="Ratings in force (1-5)")
    table.add_column("Criterion")
    table.add_column("Weight", justify="right")
    for row in view.rows:
        table.add_column(escape(row.company), justify="center")
    for item in view.criteria:
        table.add_row(
            escape(item.label),
            weight(item.weight),
            *(str(row.ratings.get(item.key, NONE)) for row in view.rows),
        )
    return table


def _sensitivity(view: DecisionView) -> list[Text]:
    ranked = [row for row in view.rows if row.rank is not None]
    if len(ranked) < 2:
        return [Text("Rate at least two of these companies to compare them.", style="dim")]
    lines = [Text.assemble("First choice: ", (view.leader or NONE, "bold"))]
    flips = [flip for flip in view.flips if flip.flip_weight is not None]
    if flips:
        lines.append(Text("Weight changes that would change it (smallest first):"))
        lines.extend(Text(f"  • {_flip(flip)}") for flip in flips[:5])
    else:
        lines.append(
            Text("No change of a single weight puts another company first.", style="green")
        )
    lines.append(_stability(view.stability))
    return lines


def _flip(flip: FlipView) -> str:
    share = f" ({flip.relative:+.0%})" if flip.relative is not None else ""
    way = "raising" if flip.direction > 0 else "lowering"
    target = weight(round(flip.flip_weight or 0.0, 2))
    return (
        f"{way} {flip.label} from {weight(flip.weight)} past {target}{share} "
        f"puts {flip.new_leader} first"
    )


def _stability(stability: StabilityView) -> Text:
    wins = ", ".join(
        f"{name} {share:.0%}"
        for name, share in sorted(stability.wins.items(), key=lambda pair: -pair[1])
        if share >= 0.005  # shown as at least 1%
    )
    return Text(
        f"With every weight nudged by up to ±{stability.spread:.0%} ({stability.runs} runs, "
        f"seed {stability.seed}): {stability.leader} stays first in "
        f"{stability.leader_kept:.0%} of runs; the whole order holds in "
        f"{stability.ranking_kept:.0%}. Firsts: {wins}."
    )
