"""One settings object carrying every knob (environment variables ``RASD_*``).

``ES_URL`` / ``ES_USERNAME`` / ``ES_PASSWORD`` / ``ES_API_KEY`` are read
without the prefix too, since operators know them under those names.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
REPO_ROOT = PACKAGE_DIR.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="RASD_", extra="ignore")

    # Elasticsearch
    es_url: str = Field(
        default="http://127.0.0.1:9200", validation_alias=AliasChoices("ES_URL", "RASD_ES_URL")
    )
    es_username: str | None = Field(
        default=None, validation_alias=AliasChoices("ES_USERNAME", "RASD_ES_USERNAME")
    )
    es_password: str | None = Field(
        default=None, validation_alias=AliasChoices("ES_PASSWORD", "RASD_ES_PASSWORD")
    )
    es_api_key: str | None = Field(
        default=None, validation_alias=AliasChoices("ES_API_KEY", "RASD_ES_API_KEY")
    )
    es_ca_certs: str | None = Field(
        default=None, validation_alias=AliasChoices("ES_CA_CERTS", "RASD_ES_CA_CERTS")
    )
    es_timeout: float = 30.0
    index_prefix: str = "rasd"
    bulk_chunk_size: int = 200
    bulk_max_retries: int = 5
    bulk_initial_backoff: float = 1.0
    # New entries per processing task. Each Airflow task is a fresh process that pays ~5 s of
    # imports and set-up (bench/replay.py --fresh-workers), so chunks are large.
    chunk_size: int = 100

    # Sources
    sources_file: Path = DATA_DIR / "sources.yaml"
    # Origin that replaces {base} in a sources file (the bundled sample site)
    sources_base_url: str | None = None

    # Fetching
    user_agent: str = "RasdBot/0.1 (+https://github.com/rasd-project/rasd; news monitoring)"
    connect_timeout: float = 5.0
    read_timeout: float = 15.0
    total_timeout: float = 30.0
    max_feed_bytes: int = 10 * 1024 * 1024
    max_page_bytes: int = 5 * 1024 * 1024
    max_redirects: int = 5
    fetch_allow_loopback: bool = False
    max_articles_per_feed: int = 200
    per_host_delay: float = 1.0
    # Pages that failed for a reason that may pass (timeout, 5xx, 429, robots.txt unavailable):
    # fetched again by later runs after base × 2^(n−1) minutes, at most this many attempts
    fetch_retry_base_minutes: float = 15.0
    fetch_retry_max_attempts: int = 6
    # robots.txt answers shared by all workers (rasd-robots) stay fresh this long (RFC 9309: ≤ 24 h)
    robots_cache_minutes: float = 60.0

    # Processing
    min_body_chars: int = 200
    min_language_chars: int = 40

    # Archive of raw pages (local folder or any fsspec URL)
    archive_url: str = str(REPO_ROOT / ".rasd" / "archive")

    # Kibana (for links)
    kibana_url: str = "http://127.0.0.1:5601"

    @property
    def articles_alias(self) -> str:
        """Alias searchers read from."""
        return f"{self.index_prefix}-articles"

    @property
    def articles_write_alias(self) -> str:
        return f"{self.index_prefix}-articles-write"

    @property
    def feeds_index(self) -> str:
        return f"{self.index_prefix}-feeds"

    @property
    def runs_index(self) -> str:
        return f"{self.index_prefix}-runs"

    @property
    def deadletter_index(self) -> str:
        return f"{self.index_prefix}-deadletter"

    @property
    def digests_index(self) -> str:
        return f"{self.index_prefix}-digests"

    @property
    def robots_index(self) -> str:
        return f"{self.index_prefix}-robots"

    @property
    def retries_index(self) -> str:
        return f"{self.index_prefix}-retries"

    @property
    def skipped_index(self) -> str:
        return f"{self.index_prefix}-skipped"

    @property
    def names_index(self) -> str:
        """Name discovery: candidate names and the operator's decisions (pipeline/names.py)."""
        return f"{self.index_prefix}-names"

    @property
    def trends_index(self) -> str:
        """Rising stories and terms, one row per ranked item (pipeline/trends.py)."""
        return f"{self.index_prefix}-trends"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()


def reset_settings() -> None:
    """Forget cached settings (tests and the CLI change the environment)."""
    get_settings.cache_clear()
