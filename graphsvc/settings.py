"""Settings, read from ``GRAPHSVC_*`` environment variables when asked for, never at import."""

from __future__ import annotations

from pathlib import Path

import platformdirs
from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

REPOSITORY_ROOT = Path(__file__).resolve().parents[1]


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
    queries_dir: Path = REPOSITORY_ROOT / "queries"
    seed_dir: Path = REPOSITORY_ROOT / "seed"
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
