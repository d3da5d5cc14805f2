"""Use cases of evaluating companies: criteria, ratings over time, questions, the decision.

Every function takes the store and a Moment (plus plain values) and returns a plain view from
services/evaluate_views.py, so the CLI, the web pages and the API share them.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date

from widenet.errors import InvalidInput, Problem
from widenet.evaluate import (
    COMPENSATION,
    Confidence,
    Criteria,
    DecisionMatrix,
    Stability,
    add_ratings,
    biggest_changes,
    company_score,
    decision_matrix,
    default_criteria,
    latest_ratings,
    make_asked,
    make_ratings,
    parse_after,
    parse_confidence,
    parse_scores,
    parse_weights,
    questions_for,
    rank_stability,
    score_over_time,
    score_sparkline,
    suggest_questions,
    weight_flips,
)
from widenet.services import limits, lookup, tracking
from widenet.services.evaluate_views import (
    AskedView,
    CriteriaView,
    CriterionHistory,
    DecisionView,
    FlipView,
    MatrixRowView,
    QuestionsView,
    RateResult,
    RatingsView,
    StabilityView,
    asked_view,
    asked_views,
    change_view,
    criteria_view,
    criterion_views,
    point_view,
    rating_view,
    suggestion_view,
)
from widenet.services.tracking import Moment
from widenet.services.views import ApplicationView
from widenet.storage import evaluate_repo
from widenet.storage.repo import Store
from widenet.track.model import Company
from widenet.track.stages import Stage

#: The seed of the rank-stability draw when none is given: the same data give the same figures.
DEFAULT_SEED = 7
STABILITY_RUNS = 1000
MAX_STABILITY_RUNS = 100_000
#: Which companies `decide` compares unless told otherwise.
IN_PLAY_RULE = (
    "companies still in play: those with an open application "
    "(not rejected, withdrawn, ghosted, declined or accepted)"
)
#: The step that usually follows each stage; picks the questions that suit the next
#: conversation when no interview is booked yet.
USUAL_NEXT: Mapping[Stage, Stage] = {
    Stage.APPLIED: Stage.RECRUITER,
    Stage.RECRUITER: Stage.TECHNICAL,
    Stage.HIRING_MANAGER: Stage.TECHNICAL,
    Stage.TECHNICAL: Stage.ONSITE,
    Stage.TAKE_HOME: Stage.ONSITE,
    Stage.ONSITE: Stage.OFFER,
    Stage.REFERENCES: Stage.OFFER,
    Stage.OFFER: Stage.OFFER,  # negotiating: the questions to ask about an offer
}


# -- criteria ------------------------------------------------------------------------------
def current_criteria(store: Store) -> Criteria:
    """The user's criteria; widenet's defaults are written on first use."""
    items = evaluate_repo.criteria(store)
    if items:
        return Criteria(tuple(items))
    defaults = default_criteria()
    evaluate_repo.add_criteria(store, defaults)
    return defaults


def criteria(store: Store) -> CriteriaView:
    """The criteria with their weights and shares of the total."""
    return criteria_view(current_criteria(store))


def set_weights(store: Store, moment: Moment, weights: Sequence[str]) -> CriteriaView:
    """Change weights from ``team=3 manager=2`` arguments. Refused whole when one is wrong or
    the weights would sum to zero; each earlier weight is kept in the audit log."""
    found = current_criteria(store)
    with _plainly("weights"):
        parsed = parse_weights(weights, found)
    before = evaluate_repo.set_weights(store, parsed, at=moment.now)
    return criteria_view(found.with_weights(parsed), before)


def add_criterion(
    store: Store, moment: Moment, *, name: str, weight: float = 1.0, label: str = ""
) -> CriteriaView:
    """Add a criterion of the user's own (``commute``); its key is the name in lower case."""
    found = current_criteria(store)
    key = re.sub(r"[^a-z0-9]+", "_", name.strip().casefold()).strip("_")
    if not key:
        raise InvalidInput("Name the criterion, e.g. commute.", field="name")
    if key == COMPENSATION:
        raise InvalidInput(
            f"{key!r} is the name of the decision's offer column; choose another name.",
            field="name",
        )
    if isinstance(weight, bool) or not math.isfinite(weight) or weight < 0:
        raise InvalidInput(f"{weight!r} is not a weight: use 0 or more.", field="weight")
    shown = label.strip() or (name.strip() if name.strip() != key else "")
    limits.check({"label": shown})
    bigger = found.with_criterion(key, label=shown, weight=weight)
    evaluate_repo.add_criteria(store, [bigger[key]])
    return criteria_view(bigger)


# -- ratings -------------------------------------------------------------------------------
def rate(
    store: Store,
    moment: Moment,
    *,
    company: str,
    scores: Sequence[str],
    after: str | None = None,
    confidence: str | None = None,
    note: str = "",
    on: date | None = None,
) -> RateResult:
    """Record one rating session (``team=4 manager=3``). Ratings only ever add to the history.

    ``after`` defaults to the stage the company's process had reached on that day;
    ``confidence`` to medium. Nothing is written when any argument is wrong.
    """
    found = lookup.company(store, company)
    known = current_criteria(store)
    day = _day(on, moment)
    with _plainly("ratings"):
        parsed = parse_scores(scores, known)
    stage = _after(store, moment, found, after, day)
    level = parse_confidence(confidence) if confidence else Confidence.MEDIUM
    with _plainly("ratings"):
        new = make_ratings(
            found.name, parsed, criteria=known, on=day, after=stage, confidence=level, note=note
        )
    history = evaluate_repo.ratings(store, company_ids=[found.id])
    longer = add_ratings(history, new, criteria=known)
    evaluate_repo.add_ratings(store, found.id, new)
    now = company_score(longer, found.name, known)
    return RateResult(
        found.name,
        tuple(rating_view(rating, known) for rating in new),
        company_score(history, found.name, known).value,
        now.value,
        now.coverage,
        score_sparkline(score_over_time(longer, found.name, known)),
    )


def ratings(store: Store, moment: Moment, company: str, *, changes: int = 5) -> RatingsView:
    """How the view of a company moved: every rating per criterion, the score after each
    session with a sparkline, and the ``changes`` biggest moves with the stage behind each."""
    found = lookup.company(store, company)
    known = current_criteria(store)
    history = evaluate_repo.ratings(store, company_ids=[found.id])
    latest = latest_ratings(history, found.name)
    rows = tuple(
        CriterionHistory(
            item.key,
            item.label,
            item.weight,
            rating_view(latest[item.key], known) if item.key in latest else None,
            tuple(rating_view(r, known) for r in history if r.criterion == item.key),
        )
        for item in known
    )
    points = score_over_time(history, found.name, known)
    score = company_score(history, found.name, known)
    process = _process(store, moment, found)
    return RatingsView(
        company=found.name,
        stage=process.status.current_name if process else None,
        score=score.value,
        coverage=score.coverage,
        confident_coverage=score.confident_coverage,
        sparkline=score_sparkline(points),
        criteria=rows,
        points=tuple(point_view(point, known) for point in points),
        biggest_changes=tuple(
            change_view(change, known)
            for change in biggest_changes(history, found.name, known, limit=changes)
        ),
    )


# -- questions -----------------------------------------------------------------------------
def questions(
    store: Store, moment: Moment, company: str, *, limit: int = 3, per_criterion: int = 2
) -> QuestionsView:
    """What is still unknown about a company before its next stage (criteria never rated, or
    rated with low confidence), the bank's questions for each, and what was already asked."""
    if limit < 1 or per_criterion < 1:
        raise InvalidInput("Ask for at least one criterion and one question.", field="limit")
    found = lookup.company(store, company)
    known = current_criteria(store)
    history = evaluate_repo.ratings(store, company_ids=[found.id])
    log = evaluate_repo.asked(store, company_ids=[found.id])
    process = _process(store, moment, found)
    coming = next_stage(process, moment)
    suggestions = suggest_questions(
        history,
        found.name,
        known,
        asked=log,
        next_stage=coming,
        limit=limit,
        per_criterion=per_criterion,
    )
    return QuestionsView(
        company=found.name,
        stage=process.status.current_name if process else None,
        next_stage=coming.value if coming else None,
        next_stage_label=coming.label if coming else None,
        suggestions=tuple(suggestion_view(suggestion) for suggestion in suggestions),
        asked=asked_views(log, known),
    )


def ask(
    store: Store,
    moment: Moment,
    *,
    company: str,
    question: str,
    answer: str = "",
    at: str | None = None,
    criterion: str | None = None,
    on: date | None = None,
) -> AskedView:
    """Record that a question (a bank id such as ``manager-3``, or your own words with the
    ``criterion`` it informs) was asked, where, and the answer. The log only grows."""
    found = lookup.company(store, company)
    known = current_criteria(store)
    day = _day(on, moment)
    where = _after(store, moment, found, at, day, field="at")
    _check_question(question, criterion, known)
    entry = make_asked(
        found.name, question, criteria=known, on=day, at=where, answer=answer, criterion=criterion
    )
    evaluate_repo.add_asked(store, found.id, entry)
    return asked_view(entry, known)


def _check_question(question: str, criterion: str | None, known: Criteria) -> None:
    """A wrong question id, or own words without the criterion they inform, said plainly."""
    text = question.strip()
    id_like = re.fullmatch(r"([a-z0-9_]+)-\d+", text)
    if id_like and id_like[1] in known:
        ids = [q.id for q in questions_for(id_like[1], label=known[id_like[1]].label)]
        if text not in ids:
            raise InvalidInput(
                f"{text!r} is not a question id; {id_like[1]} has {ids[0]} to {ids[-1]}.",
                field="question",
            )
    elif criterion is None:
        raise InvalidInput(
            "Say which criterion your own question informs (e.g. manager), "
            "or give a question's id such as manager-3.",
            field="criterion",
        )


def next_stage(process: ApplicationView | None, moment: Moment) -> Stage | None:
    """The coming conversation: a booked interview's kind, else the step that usually follows
    the current stage (USUAL_NEXT); the recruiter call before any application; None once the
    process is closed."""
    if process is None:
        return Stage.RECRUITER
    if not process.status.is_open:
        return None
    booked = sorted(
        (i for i in process.interviews if i.start > moment.now and i.kind.stage is not None),
        key=lambda interview: interview.start,
    )
    if booked and booked[0].kind.stage is not None:
        return booked[0].kind.stage
    return USUAL_NEXT.get(process.status.current)


# -- the decision --------------------------------------------------------------------------
def decide(
    store: Store,
    moment: Moment,
    *,
    seed: int = DEFAULT_SEED,
    runs: int = STABILITY_RUNS,
    spread: float = 0.25,
    companies: Sequence[str] = (),
    offer_values: Mapping[str, int] | None = None,
    offer_weight: float = 0.0,
) -> DecisionView:
    """Rank the companies still in play (IN_PLAY_RULE; or the ``companies`` named) on the
    latest ratings, with the weight changes that would change the first choice and how often
    it survives random nudges of every weight (numpy's generator from ``seed``).

    ``offer_values`` maps a company to its offer's value in minor units (higher is better);
    by default each open offer's 4-year risk-adjusted value. ``offer_weight`` above 0 makes
    it count like a criterion; at 0 it is shown beside the scores.
    """
    import numpy as np  # here: the CLI must start fast without it

    if seed < 0:
        raise InvalidInput(f"{seed} is not a seed: use a whole number of 0 or more.", field="seed")
    if not 1 <= runs <= MAX_STABILITY_RUNS:
        raise InvalidInput(f"{runs} runs: use 1 to {MAX_STABILITY_RUNS}.", field="runs")
    known = current_criteria(store)
    processes = _processes(store, moment)
    names, rule = _compared(store, processes, companies)
    if offer_values is None:
        offer_values = _offer_values(store, moment)
    offers = {lookup.company(store, name).name: value for name, value in offer_values.items()}
    matrix = decision_matrix(
        evaluate_repo.ratings(store),
        names,
        known,
        compensation=offers,
        compensation_weight=offer_weight,
    )
    stability = rank_stability(matrix, rng=np.random.default_rng(seed), runs=runs, spread=spread)
    return DecisionView(
        rule=rule,
        criteria=criterion_views(known),
        compensation_weight=offer_weight,
        rows=_rows(matrix, processes),
        leader=matrix.leader,
        flips=_flips(matrix),
        stability=_stability_view(stability, seed),
    )


def _stability_view(stability: Stability, seed: int) -> StabilityView:
    return StabilityView(
        stability.runs,
        stability.spread,
        seed,
        stability.leader,
        stability.leader_kept,
        stability.ranking_kept,
        dict(stability.wins),
        dict(stability.mean_rank),
    )


def _compared(
    store: Store, processes: Mapping[str, ApplicationView], companies: Sequence[str]
) -> tuple[list[str], str]:
    if companies:
        named = [lookup.company(store, query).name for query in companies]
        return list(dict.fromkeys(named)), "the companies you named"
    in_play = sorted(
        {name for name, view in processes.items() if view.status.is_open}, key=str.casefold
    )
    return in_play, IN_PLAY_RULE


def _rows(
    matrix: DecisionMatrix, processes: Mapping[str, ApplicationView]
) -> tuple[MatrixRowView, ...]:
    return tuple(
        MatrixRowView(
            rank=row.rank,
            company=row.company,
            stage=processes[row.company].status.current_name if row.company in processes else None,
            ratings=dict(row.ratings),
            score=row.score.value,
            total=row.total,
            coverage=row.coverage,
            confident_coverage=row.score.confident_coverage,
            compensation=row.compensation,
            compensation_score=row.compensation_score,
        )
        for row in matrix.rows
    )


def _flips(matrix: DecisionMatrix) -> tuple[FlipView, ...]:
    labels = {item.key: item.label for item in matrix.criteria}
    labels[COMPENSATION] = "Offer"
    return tuple(
        FlipView(
            flip.criterion,
            labels[flip.criterion],
            flip.weight,
            flip.flip_weight,
            flip.change,
            flip.relative,
            flip.direction,
            flip.new_leader,
        )
        for flip in weight_flips(matrix)
    )


# -- helpers -------------------------------------------------------------------------------
@contextmanager
def _plainly(what: str) -> Iterator[None]:
    """Report argument errors once each: one problem as the message, several as a list under a
    short headline (the capability's own message already joins them all)."""
    try:
        yield
    except InvalidInput as error:
        problems = error.problems or [Problem(error.message, field=error.field)]
        said = " ".join(problem.message for problem in problems)
        hint = error.hint if error.hint and error.hint not in said else ""
        if len(problems) == 1:
            raise InvalidInput(problems[0].message, field=problems[0].field, hint=hint) from None
        raise InvalidInput(
            f"{len(problems)} of the {what} are wrong; nothing was recorded.",
            problems=problems,
            hint=hint,
        ) from None


def _day(on: date | None, moment: Moment) -> date:
    day = on or moment.today
    if day > moment.today:
        raise InvalidInput(f"{day} has not come yet; record what you know today.", field="on")
    return day


def _after(
    store: Store,
    moment: Moment,
    company: Company,
    text: str | None,
    day: date,
    *,
    field: str = "after",
) -> Stage | str:
    """What a rating or question followed: as typed (a stage, your own step name or a free
    label), else the latest step the company's process had reached that day."""
    if text is not None and text.strip():
        try:
            return parse_after(text, known=store.custom_stage_names())
        except InvalidInput as error:
            raise InvalidInput(error.message, field=field) from None
    steps = [
        event
        for app in store.applications(company_ids=[company.id])
        for event in app.events
        if event.on <= day and not event.stage.is_terminal
    ]
    return max(steps, key=lambda event: (event.on, event.id)).stage if steps else ""


def _processes(store: Store, moment: Moment) -> dict[str, ApplicationView]:
    """Per company, the application that speaks for it (see _pick)."""
    grouped: dict[str, list[ApplicationView]] = {}
    for view in tracking.application_views(store, moment):
        grouped.setdefault(view.company.name, []).append(view)
    return {name: _pick(views) for name, views in grouped.items()}


def _process(store: Store, moment: Moment, company: Company) -> ApplicationView | None:
    views = tracking.company_detail(store, company.name, moment).applications
    return _pick(list(views)) if views else None


def _pick(views: list[ApplicationView]) -> ApplicationView:
    """An open application before a closed one, then the one that got furthest, then the
    most recently active."""
    return max(
        views,
        key=lambda v: (v.status.is_open, v.status.furthest.rank, v.status.since, v.application.id),
    )


def _offer_values(store: Store, moment: Moment) -> dict[str, int]:
    """The open offers' 4-year risk-adjusted values; none when they cannot be compared."""
    from widenet.services import offers

    try:
        return offers.compensation_by_company(store, moment)
    except InvalidInput:  # offers in several currencies are not put side by side
        return {}
