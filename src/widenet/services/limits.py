"""How long each text a person types may be, checked before it reaches the database.

The lengths mirror the columns in storage/tables.py: PostgreSQL refuses longer values with a
database error, so every interface gets a clear message naming the field instead.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from widenet.errors import InvalidInput

#: Longest text per field name; free-text fields get a generous bound so a pasted page fits.
MAX_LENGTH: dict[str, int] = {
    "name": 200,
    "role": 200,
    "location": 200,
    "website": 500,
    "role_family": 60,
    "url": 1000,
    "email": 320,
    "reason": 60,
    "stage": 120,
    "level": 120,  # market data
    "label": 120,  # a criterion's label
    "company": 200,  # market data: who made the offer
    "referrer": 200,
    "interviewers": 2000,
    "notes": 100_000,
    "note": 100_000,
    "questions": 100_000,
}


def check(values: Mapping[str, Any]) -> None:
    """Raise InvalidInput naming the first text longer than its field allows."""
    for field, value in values.items():
        limit = MAX_LENGTH.get(field)
        if limit is not None and isinstance(value, str) and len(value) > limit:
            raise InvalidInput(
                f"{len(value)} characters is too long; at most {limit} fit here.", field=field
            )
