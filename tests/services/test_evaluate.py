"""Evaluation use cases on a real database (SQLite, and PostgreSQL when there is one)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from tests.conftest import Search
from widenet.errors import InvalidInput, NotFound
from widenet.services import evaluate, interviews, tracking
from widenet.services.evaluate_views import AskedView, RateResult
from widenet.storage import evaluate_repo
from widenet.storage.tables import AuditRow, CriterionRow, RatingRow
from widenet.track.model import InterviewKind
from widenet.track.stages import Stage


def apply(search: Search, company: str, days_ago: int = 20) -> None:
    on = search.today - timedelta(days=days_ago)
    search(lambda s: tracking.apply_to(s, search.moment, company=company, role="Backend", on=on))


def move(search: Search, company: str, stage: str, days_ago: int) -> None:
    on = search.today - timedelta(days=days_ago)
    search(lambda s: tracking.move(s, search.moment, company=company, stage=stage, on=on))


def rate(
    search: Search,
    company: str,
    *scores: str,
    days_ago: int = 0,
    after: str | None = None,
    confidence: str | None = None,
) -> RateResult:
    on = search.today - timedelta(days=days_ago)
    return search(
        lambda s: evaluate.rate(
            s,
            search.moment,
            company=company,
            scores=scores,
            on=on,
            after=after,
            confidence=confidence,
        )
    )


def stored_scores(search: Search) -> list[tuple[str, int]]:
    """Straight from the ratings table, in the order written."""
    query = select(RatingRow.criterion, RatingRow.score).order_by(RatingRow.id)
    return search(lambda s: [(row.criterion, row.score) for row in s.session.execute(query)])


def test_a_second_rating_adds_to_the_history_and_the_first_remains(search: Search) -> None:
    apply(search, "Acme")
    rate(search, "acme", "team=3", days_ago=10, after="recruiter")
    rate(search, "acme", "team=5", days_ago=1, after="onsite")
    assert stored_scores(search) == [("team", 3), ("team", 5)]
    view = search(lambda s: evaluate.ratings(s, search.moment, "acme"))
    team = next(row for row in view.criteria if row.key == "team")
    assert [r.score for r in team.history] == [3, 5]
    assert [r.after_stage for r in team.history] == ["recruiter", "onsite"]
    assert team.latest is not None
    assert team.latest.score == 5
    assert [point.score for point in view.points] == [3.0, 5.0]
    assert view.score == 5.0


@pytest.mark.parametrize(
    ("scores", "options", "field", "words"),
    [
        (["tema=4"], {}, "tema", "Did you mean 'team'"),
        (["team=6"], {}, "team", "outside 1-5"),
        (["team=0"], {}, "team", "outside 1-5"),
        (["team=3.5"], {}, "team", "whole numbers"),
        (["team4"], {}, "argument 1", "write it like team=4"),
        (["team=4", "people=3"], {}, "team", "given twice"),
        (["team=4"], {"confidence": "maybe"}, "confidence", "low, medium or high"),
        (["team=4"], {"after": "x" * 81}, "after", "under 80"),
    ],
)
def test_bad_ratings_are_refused_with_a_clear_message_and_change_nothing(
    search: Search, scores: list[str], options: dict[str, str], field: str, words: str
) -> None:
    apply(search, "Acme")
    with pytest.raises(InvalidInput) as caught:
        rate(
            search,
            "acme",
            *scores,
            after=options.get("after"),
            confidence=options.get("confidence"),
        )
    error = caught.value
    shown = " ".join([error.message, *(p.describe() for p in error.problems)])
    assert words in shown
    assert field in {error.field, *(p.field for p in error.problems)}
    assert stored_scores(search) == []
    assert search(lambda s: s.session.scalar(select(func.count()).select_from(CriterionRow))) == 0


def test_several_wrong_ratings_are_reported_together(search: Search) -> None:
    apply(search, "Acme")
    with pytest.raises(InvalidInput) as caught:
        rate(search, "acme", "tema=4", "manager=9", "growth=3")
    assert [p.field for p in caught.value.problems] == ["tema", "manager"]
    assert "nothing was recorded" in caught.value.message
    assert stored_scores(search) == []


def test_a_rating_of_a_day_to_come_or_of_an_unknown_company_is_refused(search: Search) -> None:
    apply(search, "Acme")
    with pytest.raises(InvalidInput) as caught:
        rate(search, "acme", "team=4", days_ago=-1)
    assert caught.value.field == "on"
    with pytest.raises(NotFound):
        rate(search, "Zeta", "team=4")
    assert stored_scores(search) == []


def test_after_defaults_to_the_stage_reached_that_day(search: Search) -> None:
    apply(search, "Acme", days_ago=20)
    move(search, "acme", "recruiter", days_ago=10)
    move(search, "acme", "onsite", days_ago=2)
    first = rate(search, "acme", "team=4", days_ago=5)
    second = rate(search, "acme", "manager=3")
    own = rate(search, "acme", "growth=4", after="coffee with a former employee")
    assert [r.after_stage for r in (*first.added, *second.added)] == ["recruiter", "onsite"]
    assert own.added[0].after_stage is None
    assert own.added[0].after == "coffee with a former employee"
    assert [r.confidence for r in own.added] == ["medium"]


def test_the_biggest_change_names_the_stage_that_caused_it(search: Search) -> None:
    apply(search, "Acme")
    rate(search, "acme", "team=5", "manager=5", days_ago=12, after="recruiter")
    rate(search, "acme", "technology=4", days_ago=8, after="technical")
    rate(search, "acme", "team=2", "manager=1", days_ago=3, after="onsite", confidence="high")
    view = search(lambda s: evaluate.ratings(s, search.moment, "acme"))
    # weights: team 3, manager 3, technology 1.5; (15 + 15 + 6) / 7.5, then (6 + 3 + 6) / 7.5
    assert [p.score for p in view.points] == [5.0, pytest.approx(4.8), pytest.approx(2.0)]
    biggest = view.biggest_changes[0]
    assert biggest.after_stage == "onsite"
    assert biggest.delta == pytest.approx(-2.8)
    assert {(m.criterion, m.before, m.now) for m in biggest.moves} == {
        ("team", 5, 2),
        ("manager", 5, 1),
    }
    assert len(view.sparkline) == 3


def test_questions_ask_about_what_is_unknown_before_the_next_stage(search: Search) -> None:
    apply(search, "Acme")
    move(search, "acme", "recruiter", days_ago=5)
    rate(search, "acme", "team=4", "manager=4", days_ago=5)
    rate(search, "acme", "product=3", days_ago=5, confidence="low")
    view = search(lambda s: evaluate.questions(s, search.moment, "acme"))
    assert view.next_stage == "technical"  # what usually follows the recruiter call
    # growth and work_life weigh 2 each, technology 1.5, low-confidence product 2 x 0.5
    assert [s.criterion for s in view.suggestions] == ["growth", "work_life", "technology"]
    assert "technical" in view.suggestions[2].questions[0].best_at
    search(
        lambda s: evaluate.ask(
            s, search.moment, company="acme", question="growth-1", answer="A written ladder."
        )
    )
    view = search(lambda s: evaluate.questions(s, search.moment, "acme", limit=8))
    growth = next(s for s in view.suggestions if s.criterion == "growth")
    assert "growth-1" not in [q.id for q in growth.questions]
    # product's half weight (1) ties compensation and location: the criteria's order decides
    assert [s.criterion for s in view.suggestions][3:] == ["product", "compensation", "location"]
    assert [(a.question_id, a.at_stage, a.answer) for a in view.asked] == [
        ("growth-1", "recruiter", "A written ladder.")
    ]


def test_a_booked_interview_is_the_next_stage(search: Search) -> None:
    apply(search, "Acme")
    move(search, "acme", "recruiter", days_ago=5)
    start = search.moment.now + timedelta(days=3)
    search(
        lambda s: interviews.add(
            s, search.moment, company="acme", kind=InterviewKind.ONSITE, start=start
        )
    )
    view = search(lambda s: evaluate.questions(s, search.moment, "acme"))
    assert view.next_stage == "onsite"


def test_own_questions_need_their_criterion_and_ids_must_exist(search: Search) -> None:
    apply(search, "Acme")

    def ask(
        question: str, criterion: str | None = None, answer: str = "", at: str | None = None
    ) -> AskedView:
        return search(
            lambda s: evaluate.ask(
                s,
                search.moment,
                company="acme",
                question=question,
                criterion=criterion,
                answer=answer,
                at=at,
            )
        )

    with pytest.raises(InvalidInput) as caught:
        ask("Do you have on-call?")
    assert caught.value.field == "criterion"
    with pytest.raises(InvalidInput) as caught:
        ask("team-9")
    assert "team-1 to team-5" in caught.value.message
    with pytest.raises(InvalidInput, match="Did you mean 'work_life'"):
        ask("Do you have on-call?", criterion="work lief")
    assert search(evaluate_repo.asked) == []
    entry = ask("Do you have on-call?", criterion="wlb", answer="One week in six", at="onsite")
    assert (entry.criterion, entry.at_stage, entry.question_id) == ("work_life", "onsite", "")


def test_weight_changes_keep_the_earlier_weight_in_the_audit_log(search: Search) -> None:
    changed = search(lambda s: evaluate.set_weights(s, search.moment, ["team=5", "wlb=0"]))
    assert dict(changed.changed) == {"team": 3.0, "work_life": 2.0}
    search(lambda s: evaluate.set_weights(s, search.moment, ["team=5"]))  # no change: no entry
    entries = search(lambda s: s.audit_entries(entity="criterion"))
    assert sorted((e["data"]["key"], e["data"]["before"]["weight"]) for e in entries) == [
        ("team", 3.0),
        ("work_life", 2.0),
    ]
    weights = {c.key: c.weight for c in search(evaluate.criteria).criteria}
    assert weights["team"] == 5.0
    assert weights["work_life"] == 0.0
    assert sum(c.share for c in search(evaluate.criteria).criteria) == pytest.approx(1)


def test_weights_that_sum_to_zero_are_refused_and_change_nothing(search: Search) -> None:
    keys = [c.key for c in search(evaluate.criteria).criteria]
    with pytest.raises(InvalidInput, match="sum to zero"):
        search(lambda s: evaluate.set_weights(s, search.moment, [f"{k}=0" for k in keys]))
    with pytest.raises(InvalidInput, match=r"negative|0 or more"):
        search(lambda s: evaluate.set_weights(s, search.moment, ["team=-1"]))
    weights = [c.weight for c in search(evaluate.criteria).criteria]
    assert weights == [3.0, 3.0, 2.0, 1.5, 2.0, 2.0, 1.0, 1.0]
    audits = select(func.count()).select_from(AuditRow)
    assert search(lambda s: s.session.scalar(audits)) == 0


def test_defaults_are_written_once_and_own_criteria_can_be_added(search: Search) -> None:
    search(evaluate.criteria)
    view = search(lambda s: evaluate.add_criterion(s, search.moment, name="Commute time", weight=2))
    assert [c.key for c in view.criteria][-1] == "commute_time"
    assert search(lambda s: len(evaluate_repo.criteria(s))) == 9
    with pytest.raises(InvalidInput, match="already"):
        search(lambda s: evaluate.add_criterion(s, search.moment, name="commute_time"))
    apply(search, "Acme")
    assert rate(search, "acme", "commute=4").added[0].criterion == "commute_time"


def _two_open_one_closed(search: Search) -> None:
    for name in ("Alpha", "Beta", "Gamma"):
        apply(search, name)
    search(lambda s: tracking.close(s, search.moment, company="gamma", outcome=Stage.REJECTED))
    rate(search, "alpha", "team=5", "manager=1")
    rate(search, "beta", "team=1", "manager=4")
    rate(search, "gamma", "team=5", "manager=5")


def test_decide_ranks_the_companies_in_play_and_finds_the_flips(search: Search) -> None:
    _two_open_one_closed(search)
    view = search(lambda s: evaluate.decide(s, search.moment, runs=200))
    assert [(r.company, r.rank) for r in view.rows] == [("Alpha", 1), ("Beta", 2)]
    assert [r.total for r in view.rows] == [pytest.approx(3.0), pytest.approx(2.5)]
    flips = {f.criterion: f for f in view.flips}
    # Alpha (5w+3)/(w+3) ties Beta (w+12)/(w+3) at a team weight of 2.25
    assert flips["team"].flip_weight == pytest.approx(2.25)
    assert (flips["team"].direction, flips["team"].new_leader) == (-1, "Beta")
    # (15+m)/(3+m) ties (3+4m)/(3+m) at a manager weight of 4
    assert flips["manager"].flip_weight == pytest.approx(4.0)
    assert flips["manager"].direction == 1
    assert flips["growth"].flip_weight is None  # unrated by both: cannot change anything
    assert view.stability.leader == "Alpha"
    assert 0 < view.stability.leader_kept < 1
    again = search(lambda s: evaluate.decide(s, search.moment, runs=200))
    assert again.stability == view.stability  # the default seed is fixed


def test_decide_can_compare_named_companies_and_show_offers(search: Search) -> None:
    _two_open_one_closed(search)
    view = search(
        lambda s: evaluate.decide(
            s,
            search.moment,
            companies=["gamma", "alpha"],
            offer_values={"alpha": 12_000_000, "Gamma": 15_000_000},
            runs=50,
        )
    )
    assert [r.company for r in view.rows] == ["Gamma", "Alpha"]
    assert view.rows[1].compensation == 12_000_000
    assert view.rows[1].compensation_score == pytest.approx(1 + 4 * 12 / 15)
    assert view.rows[0].total == 5.0  # an offer with no weight is shown, not counted
    with pytest.raises(InvalidInput):
        search(lambda s: evaluate.decide(s, search.moment, seed=-1))
    with pytest.raises(NotFound):
        search(lambda s: evaluate.decide(s, search.moment, companies=["Zeta"]))


def test_views_are_plain_json(search: Search) -> None:
    import json

    from widenet.services.views import json_default

    _two_open_one_closed(search)
    moment = search.moment
    views = [
        search(lambda s: evaluate.ratings(s, moment, "alpha")),
        search(lambda s: evaluate.questions(s, moment, "alpha")),
        search(lambda s: evaluate.decide(s, moment, runs=20)),
        search(evaluate.criteria),
    ]
    for view in views:
        data = json.loads(json.dumps(view, default=json_default))
        assert isinstance(data, dict)
    assert data["criteria"][0]["key"] == "team"


def test_a_company_renamed_keeps_its_ratings(search: Search) -> None:
    apply(search, "Acme")
    rate(search, "acme", "team=4")
    search(lambda s: tracking.edit_company(s, "acme", name="Acme Robotics"))
    view = search(lambda s: evaluate.ratings(s, search.moment, "acme robotics"))
    assert view.company == "Acme Robotics"
    assert view.score == 4.0
