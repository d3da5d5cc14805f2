"""Import and export of a whole search: CSV for spreadsheets, JSON for everything."""

from __future__ import annotations

from pathlib import Path

from widenet.errors import InvalidInput
from widenet.services import csvio, jsonio, tracking
from widenet.services.tracking import Moment
from widenet.storage.repo import Store

FORMATS = ("csv", "json")


def read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InvalidInput(f"No file at {path}.", field="file") from None
    except UnicodeDecodeError:
        raise InvalidInput(f"{path} is not UTF-8 text.", field="file") from None
    except OSError as exc:
        raise InvalidInput(f"Cannot read {path}: {exc.strerror}.", field="file") from None


def import_text(store: Store, moment: Moment, text: str, *, fmt: str) -> dict[str, int]:
    """Import a CSV (adds to the search) or a JSON export (into an empty search)."""
    if fmt == "csv":
        summary = csvio.import_csv(store, text, today=moment.today)
        return {
            "rows": summary.rows,
            "companies_created": summary.companies_created,
            "applications": summary.applications,
            "events": summary.events,
        }
    if fmt == "json":
        return jsonio.import_json(store, text)
    raise InvalidInput(f"Unknown format {fmt!r}; use csv or json.", field="format")


MAX_UPLOAD_BYTES = 50 * 1024 * 1024


def import_upload(store: Store, moment: Moment, data: bytes, *, filename: str) -> dict[str, int]:
    """Import an uploaded file; its name says the format (.csv or .json). All or nothing."""
    if not filename:
        raise InvalidInput("Choose a .csv or .json file to import.", field="file")
    if len(data) > MAX_UPLOAD_BYTES:
        raise InvalidInput("The file is larger than 50 MB.", field="file")
    fmt = format_of(Path(filename))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInput(f"{filename} is not UTF-8 text.", field="file") from None
    return import_text(store, moment, text, fmt=fmt)


def format_of(path: Path, given: str | None = None) -> str:
    fmt = (given or path.suffix.lstrip(".")).casefold()
    if fmt not in FORMATS:
        raise InvalidInput(
            f"Cannot tell the format of {path.name}; name it .csv or .json, or pass --format.",
            field="format",
        )
    return fmt


def export_text(store: Store, moment: Moment, *, fmt: str) -> str:
    if fmt == "csv":
        return csvio.export_csv(tracking.application_views(store, moment))
    if fmt == "json":
        return jsonio.export_json(store, now=moment.now)
    raise InvalidInput(f"Unknown format {fmt!r}; use csv or json.", field="format")
