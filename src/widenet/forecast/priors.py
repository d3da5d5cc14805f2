"""Default numbers of the forecast model, each with where it comes from (docs/forecast.md).

The figures of the one real search in product.md (43 applications → 25 recruiter calls → 12
technical screens → 9 onsites → 5 offers) are counted *excluding* the candidate's own
withdrawals, because withdrawals come from the pruning policy, not from the company.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from widenet.track.stages import PROGRESS, Stage

#: Stage kinds a process passes through (the offer is where it ends, not a stage to pass).
STAGES: Final[tuple[Stage, ...]] = tuple(stage for stage in PROGRESS if stage is not Stage.OFFER)

#: Stage kinds decided by an interview, judged with the latent-score model.
INTERVIEW_STAGES: Final[frozenset[Stage]] = frozenset(
    {Stage.RECRUITER, Stage.HIRING_MANAGER, Stage.TECHNICAL, Stage.TAKE_HOME, Stage.ONSITE}
)

#: The real search's process: application, recruiter call, technical screen, onsite.
PIPELINE: Final[tuple[Stage, ...]] = (Stage.APPLIED, Stage.RECRUITER, Stage.TECHNICAL, Stage.ONSITE)

# --- Latent interview score (interviewing.io, 299 interviews / 67 people, rerun on >1,000) ---
#: Scores run 1–4 and 3+ advances, so a continuous score passes above 2.5.
BAR: Final = 2.5
#: A person averaging 3 still fails up to ~22% of interviews: (2.5 − 3) / σ = Φ⁻¹(0.22) → σ ≈ 0.65.
NOISE_SD: Final = 0.65

# --- Practice effect (selection-test retest studies; Hausknecht et al. 2007: d = 0.26) ---
#: Gain in standard deviations of one interview's score from the first to the second interview.
PRACTICE_FIRST_GAIN_SD: Final = 0.3
#: Each further interview of a kind adds this fraction of the previous gain ("smaller after
#: that"): the curve is concave and levels off at first_gain / (1 − decay) = 0.6 SD.
PRACTICE_DECAY: Final = 0.5

#: Mean score once practised: interviewing.io's "person averaging 3" (passes ~78%), taken for an
#: engineer interviewing at her own level such as the senior engineer of the real search.
PRACTISED_SKILL: Final = 3.0
#: Mean score in the first real interview of a kind: the practised level less the whole practice
#: gain ("I was rusty … I need to go through a few real interviews", the seed write-up), so a
#: first interview passes ~57%, the second ~68%, and a practised one ~78%.
SKILL: Final = PRACTISED_SKILL - PRACTICE_FIRST_GAIN_SD / (1 - PRACTICE_DECAY) * NOISE_SD

# --- Company answers and screens (the real search, product.md) ---
#: No answer to an application: 7 of the 39 applications the candidate did not withdraw.
#: Later stages: the real search had no ghosting after the application; a small floor keeps
#: "recruiters don't answer" possible.
GHOST: Final[Mapping[Stage, float]] = MappingProxyType(
    {stage: (7 / 39 if stage is Stage.APPLIED else 0.02) for stage in STAGES}
)
#: Pass probability of the stages without an interview: the application screen passed 25 of
#: the 32 answered applications; reference checks are assumed to fail rarely (no figure).
PRIOR_PASS: Final[Mapping[Stage, float]] = MappingProxyType(
    {Stage.APPLIED: 25 / 32, Stage.REFERENCES: 0.95}
)

# --- Referral ---
#: "A referral let her skip the phone screen and go straight to the onsite."
REFERRAL_SKIPS: Final[tuple[Stage, ...]] = (Stage.RECRUITER, Stage.TECHNICAL)
#: A referral's application is answered far more often; assumed: 30% of the usual no-answer rate.
REFERRAL_GHOST_FACTOR: Final = 0.3

# --- Durations (defaults.STAGE_DAYS gives medians by company size) ---
#: Log-logistic shape: 80% of waits between 0.48× and 2.1× the median, 5% beyond 2.7×: recruiter
#: estimates for the same span differed by about 2× ("3–4 weeks" against "under 2 weeks").
DURATION_SHAPE: Final = 3.0

# --- Pruning (the real search: withdrawals outnumber rejections) ---
#: "Stop opening new early-stage conversations once the first onsite is booked."
PRUNING_TRIGGER: Final = Stage.ONSITE
PRUNING_EARLY: Final[tuple[Stage, ...]] = (Stage.APPLIED, Stage.RECRUITER, Stage.HIRING_MANAGER)

#: Withdrawals beyond the policy: from the first onsite on, the candidate withdraws from a
#: process (one the policy does not drop) before the company answers, with this prior
#: probability at each stage kind; her own withdrawals update it. From the real search's
#: withdrawals (4 at the application, 11 after a recruiter call, 1 after a technical screen, 4
#: after onsites), less those the policy and her decision explain, over the processes the rate
#: can act on (benchmarks/forecast_withdrawals.py, docs/forecast.md): the early stages
#: (15 − 10.1 by the policy − 1.7 by the decision) over 18.3 processes; the technical screen
#: none left (the decision alone explains 2.4 there against 1 real); the onsite none — a
#: withdrawal after an onsite is the decision's ("onsite 9 → 4 withdrawn (none rejected)",
#: "first offers came about week 4, all five by week 5"). No figure for the other kinds: the
#: hiring-manager call is taken as an early stage, the take-home and the reference check as
#: the technical screen. A 0 here still learns from her own withdrawals (calibrate.py).
EARLY_WITHDRAW: Final = (15 - 10.1 - 1.7) / 18.3
WITHDRAW: Final[Mapping[Stage, float]] = MappingProxyType(
    {
        Stage.APPLIED: EARLY_WITHDRAW,
        Stage.RECRUITER: EARLY_WITHDRAW,
        Stage.HIRING_MANAGER: EARLY_WITHDRAW,
        Stage.TECHNICAL: 0.0,
        Stage.TAKE_HOME: 0.0,
        Stage.ONSITE: 0.0,
        Stage.REFERENCES: 0.0,
    }
)

# --- Calibration ---
#: The prior counts as this many of the person's own outcomes at a stage (Beta prior strength).
PRIOR_STRENGTH: Final = 10.0
