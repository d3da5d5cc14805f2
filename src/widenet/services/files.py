"""Writing files for the user without ever overwriting one silently."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

from widenet.errors import Conflict, InvalidInput


def check_target(path: Path, *, force: bool, example: str = "search.json") -> None:
    """Refuse a folder, a missing folder, or an existing file unless ``force``."""
    if path.is_dir():
        raise InvalidInput(
            f"{path} is a folder; give a file name such as {example}.", field="output"
        )
    if path.exists() and not force:
        raise _exists(path)
    if not path.parent.is_dir():
        raise InvalidInput(f"The folder {path.parent} does not exist.", field="output")


def write_new(path: Path, text: str, *, force: bool = False) -> Path:
    """Write ``text`` to ``path``; an existing file is replaced only with ``force``."""
    path = path.expanduser()
    check_target(path, force=force)
    try:
        if force and path.exists():
            _replace(path, text)
        else:
            # Exclusive creation: a file that appeared meanwhile is still not overwritten.
            with path.open("x", encoding="utf-8") as out:
                out.write(text)
    except FileExistsError:
        raise _exists(path) from None
    except OSError as exc:
        raise InvalidInput(f"Cannot write {path}: {exc.strerror}.", field="output") from None
    return path.resolve()


def _exists(path: Path) -> Conflict:
    return Conflict(
        f"{path} already exists; not overwriting it.",
        hint="Pass --force to replace it, or choose another file with -o.",
    )


def _replace(path: Path, text: str) -> None:
    """Write beside the old file, then swap: a failed write leaves the old file whole."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        shutil.copymode(path, temporary)  # the replaced file's permissions, not mkstemp's 0600
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(temporary).unlink()
        raise
