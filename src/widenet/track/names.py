"""Finding a company by what a person types: exact, then unique prefix, else suggestions."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass


def name_key(name: str) -> str:
    """The form names are compared in: case-folded with spacing collapsed."""
    return " ".join(name.casefold().split())


@dataclass(frozen=True)
class Match:
    found: str | None
    candidates: tuple[str, ...]


def find(query: str, names: Iterable[str]) -> Match:
    """Resolve ``query`` against ``names``.

    ``found`` is set on an exact (case-insensitive) match or a unique prefix; otherwise
    ``candidates`` holds several prefix matches (ambiguous) or the closest names (unknown).
    """
    key = name_key(query)
    by_key = {name_key(name): name for name in names}
    if key in by_key:
        return Match(by_key[key], ())
    prefixed = sorted(name for k, name in by_key.items() if k.startswith(key)) if key else []
    if len(prefixed) == 1:
        return Match(prefixed[0], ())
    if len(prefixed) > 1:
        return Match(None, tuple(prefixed))
    close = difflib.get_close_matches(key, list(by_key), n=3, cutoff=0.6)
    contained = [k for k in by_key if key and key in k and k not in close]
    return Match(None, tuple(by_key[k] for k in [*close, *contained][:5]))
