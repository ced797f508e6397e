"""Settings, read from ``GRAPHSVC_*`` environment variables when asked for, never at import."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import platformdirs
from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from graphsvc.resources import resource_dir


class Settings(BaseSettings):
    """Everything graphsvc can be configured with.

    The embedded FalkorDB server is used unless ``GRAPHSVC_NEO4J_URI`` is set.
    """

    model_config = SettingsConfigDict(env_prefix="GRAPHSVC_", extra="ignore")

    data_dir: Path = Field(
        default_factory=lambda: Path(platformdirs.user_data_dir("graphsvc")),
        description="Where the embedded database keeps its files.",
    )
    graph_name: str = Field(default="graphsvc", pattern=r"^[A-Za-z0-9_-]+$")
    queries_dir: Path = Field(default_factory=lambda: resource_dir("queries"))
    seed_dir: Path = Field(default_factory=lambda: resource_dir("seed"))
    batch_size: int = Field(default=5000, ge=1, le=100_000)
    server_start_timeout: float = Field(
        default=15.0,
        gt=0,
        description="Seconds a start waits for a server making no progress (never a loading one).",
    )
    allow_duplicate_ids: bool = Field(
        default=False,
        description="Open a graph whose ids are not unique (written by an older graphsvc) "
        "without enforcing unique ids, to delete or rename the duplicates it names.",
    )
    auto_migrate: bool = Field(
        default=True,
        description="Upgrade a graph written by an older graphsvc when it is opened (a backup "
        "is taken first); off, opening it fails until `graphsvc db migrate` has run.",
    )

    neo4j_uri: str | None = None
    neo4j_user: str = "neo4j"
    neo4j_password: SecretStr | None = None
    neo4j_database: str = "neo4j"

    @property
    def backend(self) -> str:
        return "neo4j" if self.neo4j_uri else "falkordb"


def get_settings(**overrides: object) -> Settings:
    """Build the settings from the environment, with explicit overrides on top."""
    return Settings(**overrides)  # type: ignore[arg-type]


class ApiSettings(BaseSettings):
    """Settings of the API server (``GRAPHSVC_*`` environment variables)."""

    model_config = SettingsConfigDict(env_prefix="GRAPHSVC_", extra="ignore")

    max_upload_bytes: int = Field(
        default=20 * 1024 * 1024, ge=1, description="Largest accepted import upload (bytes)."
    )
    demo: bool = Field(
        default=False,
        description="No API keys: every request acts as an editor (loopback only).",
    )
    cache_size: int = Field(default=64, ge=0, description="Cached analysis results.")
    key_cache_seconds: float = Field(
        default=2.0,
        ge=0,
        description="How long a verified API key is trusted without a look-up; a key "
        "revoked outside this process stops working within this time.",
    )
    allowed_hosts: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="Host names (``name`` or ``name:port``) the app answers to besides "
        "the address it listens on, e.g. the public name behind a proxy; comma-separated "
        "in GRAPHSVC_ALLOWED_HOSTS. Other Host headers get 400.",
    )
    failed_key_limit: int = Field(
        default=10, ge=1, description="Failed key checks per client address and window."
    )
    failed_key_window: float = Field(
        default=60.0, gt=0, description="The window of failed_key_limit (seconds)."
    )

    @field_validator("allowed_hosts", mode="before")
    @classmethod
    def _split_hosts(cls, value: Any) -> Any:
        if isinstance(value, str):
            return [part.strip().lower() for part in value.split(",") if part.strip()]
        return value


def get_api_settings(**overrides: Any) -> ApiSettings:
    """Build the API settings from the environment, with explicit overrides on top."""
    return ApiSettings(**overrides)


class MailSettings(BaseSettings):
    """Sending survey invitations (``GRAPHSVC_SMTP_*``, ``GRAPHSVC_PUBLIC_URL``).

    Sending is optional: without ``smtp_host`` and ``smtp_from`` the mail merge (CSV and
    ``.eml`` files) still works, and ``send`` says what is missing.
    """

    model_config = SettingsConfigDict(env_prefix="GRAPHSVC_", extra="ignore")

    smtp_host: str | None = Field(default=None, description="The SMTP server's host name.")
    smtp_port: int = Field(default=587, ge=1, le=65535, description="The SMTP server's port.")
    smtp_user: str | None = Field(default=None, description="Log in with this user, if set.")
    smtp_password: SecretStr | None = Field(default=None, description="The user's password.")
    smtp_from: str | None = Field(
        default=None, description="The sender, e.g. 'Middelfart Kommune <netvaerk@middelfart.dk>'."
    )
    smtp_starttls: bool = Field(
        default=True, description="Switch to TLS (STARTTLS) before logging in and sending."
    )
    smtp_timeout: float = Field(default=30.0, gt=0, description="Seconds per SMTP command.")
    public_url: str | None = Field(
        default=None,
        description="The address respondents open links at, e.g. 'https://netvaerk.kommune.dk' "
        "(links are this plus /s/<token>); by default the address the request came to.",
    )

    @property
    def can_send(self) -> bool:
        return bool(self.smtp_host and self.smtp_from)


def get_mail_settings(**overrides: Any) -> MailSettings:
    """Build the mail settings from the environment, with explicit overrides on top."""
    return MailSettings(**overrides)
