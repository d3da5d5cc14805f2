"""Judging companies on one's own criteria: ratings over time, questions to ask, the decision.

Pure functions over plain data (see docs/evaluate.md); the service layer stores ratings and
calls these with the full history.
"""

from widenet.evaluate.arguments import parse_scores, parse_weights
from widenet.evaluate.bank import QUESTION_BANK, Question, find_question, questions_for
from widenet.evaluate.criteria import (
    DEFAULT_CRITERIA,
    Criteria,
    Criterion,
    default_criteria,
    find_criterion,
)
from widenet.evaluate.decide import COMPENSATION, DecisionMatrix, MatrixRow, decision_matrix
from widenet.evaluate.history import (
    Change,
    CriterionMove,
    ScorePoint,
    biggest_changes,
    changes,
    score_over_time,
    score_sparkline,
)
from widenet.evaluate.questions import (
    AskedQuestion,
    Suggestion,
    Unknown,
    add_asked,
    asked_at,
    make_asked,
    suggest_questions,
    unknowns,
)
from widenet.evaluate.ratings import (
    Confidence,
    Rating,
    add_ratings,
    latest_ratings,
    make_ratings,
    parse_after,
    parse_confidence,
    ratings_of,
)
from widenet.evaluate.score import Score, company_score, weighted_score
from widenet.evaluate.sensitivity import Stability, WeightFlip, rank_stability, weight_flips
from widenet.evaluate.sparkline import sparkline

__all__ = [
    "COMPENSATION",
    "DEFAULT_CRITERIA",
    "QUESTION_BANK",
    "AskedQuestion",
    "Change",
    "Confidence",
    "Criteria",
    "Criterion",
    "CriterionMove",
    "DecisionMatrix",
    "MatrixRow",
    "Question",
    "Rating",
    "Score",
    "ScorePoint",
    "Stability",
    "Suggestion",
    "Unknown",
    "WeightFlip",
    "add_asked",
    "add_ratings",
    "asked_at",
    "biggest_changes",
    "changes",
    "company_score",
    "decision_matrix",
    "default_criteria",
    "find_criterion",
    "find_question",
    "latest_ratings",
    "make_asked",
    "make_ratings",
    "parse_after",
    "parse_confidence",
    "parse_scores",
    "parse_weights",
    "questions_for",
    "rank_stability",
    "ratings_of",
    "score_over_time",
    "score_sparkline",
    "sparkline",
    "suggest_questions",
    "unknowns",
    "weight_flips",
    "weighted_score",
]
