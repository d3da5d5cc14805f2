"""widenet's own bank of questions to ask a company, grouped by the criterion they inform."""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

from widenet.track.stages import Stage


@dataclass(frozen=True)
class Question:
    """A question that helps rate one criterion; ``best_at`` names the stages it suits best."""

    id: str
    criterion: str
    text: str
    best_at: frozenset[Stage] = frozenset()


_R, _HM, _T, _O = Stage.RECRUITER, Stage.HIRING_MANAGER, Stage.TECHNICAL, Stage.ONSITE


def _bank(criterion: str, *rows: tuple[str, frozenset[Stage]]) -> tuple[Question, ...]:
    return tuple(
        Question(f"{criterion}-{number}", criterion, text, stages)
        for number, (text, stages) in enumerate(rows, start=1)
    )


def _at(*stages: Stage) -> frozenset[Stage]:
    return frozenset(stages)


QUESTION_BANK: Final = MappingProxyType(
    {
        "team": _bank(
            "team",
            (
                "How many people are on the team I would join, and how long has each been there?",
                _at(_R, _HM),
            ),
            (
                "What did the team ship last quarter, and who decided it was worth building?",
                _at(_HM, _O),
            ),
            (
                "The last time someone on the team disagreed with a technical decision, what "
                "happened next?",
                _at(_T, _O),
            ),
            (
                "Could I talk with an engineer on the team who is not part of my interviews?",
                _at(_R, _HM),
            ),
            (
                "Who joined the team most recently, and what did their first month look like?",
                _at(_O),
            ),
        ),
        "manager": _bank(
            "manager",
            (
                "How often do you meet one-on-one with each person on the team, and what do those "
                "meetings usually cover?",
                _at(_HM, _O),
            ),
            (
                "Tell me about someone who grew a lot while reporting to you: what did you do to "
                "help?",
                _at(_HM, _O),
            ),
            ("How do you find out that someone on your team is unhappy?", _at(_HM, _O)),
            ("How long have you led this team, and what did you do before?", _at(_HM)),
            (
                "What was the last piece of feedback your reports gave you, and what did you "
                "change because of it?",
                _at(_HM, _O),
            ),
        ),
        "product": _bank(
            "product",
            (
                "Who uses the product every day, and what would they miss most if it vanished?",
                _at(_R, _HM),
            ),
            (
                "How does the company earn its money today, and how should that change in the "
                "next two years?",
                _at(_HM, _O),
            ),
            ("Which number tells the team it is succeeding?", _at(_HM)),
            ("What is the biggest risk to the company's plan right now?", _at(_HM, _O)),
            ("Which product decision was reversed after launch, and why?", _at(_O)),
        ),
        "technology": _bank(
            "technology",
            (
                "What happens, step by step, between merging a change and users seeing it?",
                _at(_T, _O),
            ),
            ("Which part of the code base do people avoid touching, and why?", _at(_T, _O)),
            (
                "How much of the team's time goes to incidents and on-call, and how is the "
                "rotation shared?",
                _at(_HM, _O),
            ),
            ("Which technical decision would the team undo if it could?", _at(_T, _O)),
            ("How are languages and tools chosen for a new project?", _at(_T)),
        ),
        "growth": _bank(
            "growth",
            (
                "What separates my level from the next one here, and how was the last promotion "
                "on the team decided?",
                _at(_HM, _O),
            ),
            ("What would I own after six months, and after a year?", _at(_HM)),
            (
                "How much time and money is set aside for learning: courses, conferences, "
                "reading groups?",
                _at(_R),
            ),
            ("What did the people who held this role before go on to do?", _at(_HM, _O)),
            ("How often do engineers move between teams, and how does that work?", _at(_R, _O)),
        ),
        "work_life": _bank(
            "work_life",
            (
                "When do people on the team usually start and stop work, and how often is that "
                "not true?",
                _at(_O),
            ),
            ("When did the team last work on a weekend, and what led to it?", _at(_O)),
            ("How are deadlines set, and what happens when one is at risk?", _at(_HM, _O)),
            ("How many meetings does an engineer on the team have in a typical week?", _at(_O)),
            (
                "Is work covered while someone is on holiday or leave, or does it wait for them?",
                _at(_HM),
            ),
        ),
        "compensation": _bank(
            "compensation",
            (
                "What is the salary range for this role, and where in it would you place me?",
                _at(_R),
            ),
            (
                "How are equity refreshers granted, and on what schedule does equity vest?",
                _at(_R, Stage.OFFER),
            ),
            ("When were salaries last adjusted, and how are raises decided?", _at(_R, _HM)),
            (
                "When was the last funding round, and how many months of runway does it give?",
                _at(_HM, Stage.OFFER),
            ),
            (
                "What is the bonus target, and how often was it paid in full in recent years?",
                _at(_R, Stage.OFFER),
            ),
        ),
        "location": _bank(
            "location",
            ("Which days, if any, is the team expected in the office?", _at(_R)),
            (
                "Where do the other members of the team live, and across which time zones?",
                _at(_R, _HM),
            ),
            ("Is the remote policy written down, and has it changed in the past year?", _at(_R)),
            ("Does the company pay for travel to meet the team, or for a home office?", _at(_R)),
            ("Could I keep the role if I moved to another city or country later?", _at(_R, _HM)),
        ),
    }
)

#: For criteria of the user's own, questions built from the criterion's label.
GENERIC: Final = (
    "What would someone already working here tell me about {label}?",
    "What has changed about {label} in the last year, and what is expected to change next?",
    "How would you describe {label} here to a friend who was thinking of joining?",
)


def questions_for(criterion: str, *, label: str = "") -> tuple[Question, ...]:
    """The bank's questions for a criterion; generic ones for a criterion of the user's own."""
    if criterion in QUESTION_BANK:
        return QUESTION_BANK[criterion]
    topic = (label or criterion.replace("_", " ")).casefold()
    return tuple(
        Question(f"{criterion}-{number}", criterion, text.format(label=topic))
        for number, text in enumerate(GENERIC, start=1)
    )


def find_question(question_id: str) -> Question | None:
    """A question of the bank by its id (``team-2``), if there is one."""
    criterion, _, _ = question_id.rpartition("-")
    for question in QUESTION_BANK.get(criterion, ()):
        if question.id == question_id:
            return question
    return None
