"""Settings: one object, built by a function, never at import time."""

from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import platformdirs
from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

APP_NAME = "widenet"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def system_timezone() -> str:
    """The machine's IANA zone name, or UTC when it cannot be told."""
    candidates = [os.environ.get("TZ", "").lstrip(":")]
    etc_timezone = Path("/etc/timezone")
    if etc_timezone.is_file():
        candidates.append(etc_timezone.read_text(encoding="utf-8").strip())
    localtime = Path("/etc/localtime")
    if localtime.is_symlink():
        target = str(localtime.resolve())
        if "zoneinfo/" in target:
            candidates.append(target.split("zoneinfo/", 1)[1])
    for name in candidates:
        if not name:
            continue
        try:
            ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            continue
        return name
    return "UTC"


class Settings(BaseSettings):
    """Everything that can be configured, from ``WIDENET_*`` variables or arguments."""

    model_config = SettingsConfigDict(env_prefix="WIDENET_", extra="ignore")

    database_url: str | None = Field(
        default=None, description="SQLAlchemy URL; a PostgreSQL URL for hosting."
    )
    data_dir: Path = Field(default_factory=default_data_dir)
    timezone: str = Field(default_factory=system_timezone)
    ghosted_after_days: int = Field(default=21, ge=1, le=365)
    busy_timeout_ms: int = Field(default=5000, ge=0)
    host: str = "127.0.0.1"
    port: int = Field(default=8765, ge=1, le=65535)
    allowed_hosts: list[str] = Field(default_factory=list)
    secret_key: str | None = None
    caldav_password: SecretStr | None = Field(
        default=None, description="Password of `widenet calendar sync` (never an option)."
    )

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r} (use an IANA name)") from exc
        return value

    @property
    def url(self) -> str:
        """The database to open: the explicit URL, or the SQLite file in the data directory."""
        if self.database_url:
            return self.database_url
        return sqlite_url(self.data_dir / "widenet.db")

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def now(self) -> datetime:
        return datetime.now(tz=self.zone)

    def today(self) -> date:
        return self.now().date()


def sqlite_url(path: Path) -> str:
    return f"sqlite+pysqlite:///{path.expanduser().resolve()}"


def load_settings(*, db: Path | str | None = None, **overrides: object) -> Settings:
    """Build the settings; ``db`` (a file path or a URL) wins over ``WIDENET_DATABASE_URL``."""
    settings = Settings(**overrides)  # type: ignore[arg-type]
    if db is not None:
        text = str(db)
        url = text if "://" in text else sqlite_url(Path(text))
        settings = settings.model_copy(update={"database_url": url})
    return settings
