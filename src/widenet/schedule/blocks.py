"""Time spans of a schedule: what an interview occupies, its preparation block, free time."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from widenet.track.model import Interview, InterviewKind


@dataclass(frozen=True, order=True)
class Span:
    """A half-open stretch of time [start, end) between two timezone-aware datetimes."""

    start: datetime
    end: datetime

    @property
    def minutes(self) -> int:
        return int((self.end - self.start).total_seconds() // 60)

    def overlaps(self, other: Span) -> bool:
        """True when the two share some time; spans that only touch do not overlap."""
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end

    def widened(self, minutes: int) -> Span:
        """The span grown by ``minutes`` on both sides (a buffer around a call)."""
        pad = timedelta(minutes=minutes)
        return Span(self.start - pad, self.end + pad)


@dataclass(frozen=True)
class PrepBlock:
    """Time kept free before an interview to prepare for it."""

    interview_id: int
    kind: InterviewKind
    start: datetime
    end: datetime

    @property
    def minutes(self) -> int:
        return int((self.end - self.start).total_seconds() // 60)


def interview_span(interview: Interview) -> Span:
    return Span(interview.start, interview.end)


def prep_block(interview: Interview) -> PrepBlock | None:
    """The preparation block right before an interview, or None when it needs none."""
    if interview.prep_minutes <= 0:
        return None
    start = interview.start - timedelta(minutes=interview.prep_minutes)
    return PrepBlock(interview.id, interview.kind, start, interview.start)


def occupied_span(interview: Interview) -> Span:
    """The interview with its preparation: the time nothing else may use."""
    return Span(interview.start - timedelta(minutes=interview.prep_minutes), interview.end)


def local_day(moment: datetime, zone: ZoneInfo) -> date:
    """The user's calendar day of a moment (interviews belong to the day they start on)."""
    return moment.astimezone(zone).date()


def merge(spans: Iterable[Span]) -> list[Span]:
    """Sorted spans with overlapping or touching ones joined."""
    merged: list[Span] = []
    for span in sorted(spans):
        if merged and span.start <= merged[-1].end:
            last = merged[-1]
            merged[-1] = Span(last.start, max(last.end, span.end))
        else:
            merged.append(span)
    return merged


def subtract(spans: Sequence[Span], cuts: Iterable[Span]) -> list[Span]:
    """What is left of ``spans`` once every part covered by ``cuts`` is removed."""
    left = merge(spans)
    for cut in merge(cuts):
        pieces: list[Span] = []
        for span in left:
            if not span.overlaps(cut):
                pieces.append(span)
                continue
            if span.start < cut.start:
                pieces.append(Span(span.start, cut.start))
            if cut.end < span.end:
                pieces.append(Span(cut.end, span.end))
        left = pieces
    return left
