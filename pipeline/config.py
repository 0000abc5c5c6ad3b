"""One settings object carrying every knob (environment variables ``RASD_*``).

``ES_URL`` / ``ES_USERNAME`` / ``ES_PASSWORD`` / ``ES_API_KEY`` are read
without the prefix too, since operators know them under those names.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import AliasChoices, Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"
REPO_ROOT = PACKAGE_DIR.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="RASD_", extra="ignore")

    # Elasticsearch: one URL, or the nodes of a cluster separated by commas (the client spreads
    # requests over them and fails over when one does not answer)
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
    # Replicas of every Rasd index: "auto" = auto_expand_replicas 0-1 (none on one node, one on a
    # cluster), or a fixed number (docs/decisions.md, "Scale-out")
    index_replicas: str = "auto"
    bulk_chunk_size: int = 200
    bulk_max_retries: int = 5
    bulk_initial_backoff: float = 1.0
    # New entries per processing task. Each Airflow task is a fresh process that pays ~5 s of
    # imports and set-up (bench/replay.py --fresh-workers), so chunks are large.
    chunk_size: int = 100

    # Airflow (read when the DAG files are parsed: restart the dag-processor after a change)
    # Ingest timetable: cron, a duration such as "45s" or "2m", or "none" (pipeline/schedules.py)
    ingest_schedule: str = "*/15 * * * *"
    # Sources polled by one task (one process: ~1.5 s of CPU to start), and poll tasks of one ingest
    # run at once (max_active_tis_per_dagrun of poll_sources; no pool needed)
    sources_per_task: int = Field(default=10, ge=1)
    feed_poll_concurrency: int = Field(default=4, ge=1)

    # Sources
    sources_file: Path = DATA_DIR / "sources.yaml"
    # Origin that replaces {base} in a sources file (the bundled sample site)
    sources_base_url: str | None = None

    # Fetching
    # The default names the project and where a publisher can read what it does and reach its operators;
    # a source of the registry may send another (``user_agent:`` in sources.yaml)
    user_agent: str = "RasdBot/0.1 (Rasd Libya news monitor; +https://github.com/rasd-project/rasd#crawler)"
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
    # A way into a source that is down (above the one in use) is tried again at most this often
    fallback_probe_minutes: float = 60.0
    # A sitemap polled as a way in yields URLs dated within this many hours (undated ones: backfill only)
    sitemap_recent_hours: float = 48.0
    # Discovery keeps candidates whose newest entry is at most this many days old
    discover_recent_days: float = 30.0
    # Discovery fetches the Google News site: search it suggests (off: only constructs it)
    discover_check_google: bool = True

    # Processing
    min_body_chars: int = 200
    min_language_chars: int = 40

    # Archive of raw pages (local folder or any fsspec URL)
    archive_url: str = str(REPO_ROOT / ".rasd" / "archive")

    # Search (rasd search, the default "news" order): the share of the score that depends on the age
    # of the story, and the age at which that share is halved (after a day's grace)
    search_recency_weight: float = Field(default=0.2, ge=0.0, le=1.0)
    search_recency_scale: str = Field(default="7d", pattern=r"^\d+[hd]$")  # hours or days

    # Kibana (for links)
    kibana_url: str = "http://127.0.0.1:5601"

    # Watchlists and alerts (pipeline/watchlists.py, alerts.py, delivery.py; docs/decisions.md "Alerts")
    # Articles published (else first fetched) longer ago than this never alert (backfills do not flood).
    alert_max_age_hours: float = 48.0
    # Each evaluation looks again this far before its checkpoint (first fetch to searchable can take a
    # run's length, or longer for a dead letter); the outbox's deterministic ids make the overlap harmless.
    alert_lateness_minutes: float = 360.0
    # A story already alerted gets a follow-up each time it is carried by this many more outlets
    # than at its first alert (steps 1, 2, …), at most alert_max_followups times.
    alert_followup_outlets: int = 2
    alert_max_followups: int = 3
    alert_max_stories: int = 500  # stories per watchlist per evaluation (more: a warning, the rest next run)
    # More stories than this waiting for one watchlist and channel in "story" mode go out as one message.
    alert_burst: int = 10
    alert_send_tries: int = 3  # attempts per message inside one delivery run (back-off 1 s, 2 s, …)
    alert_retry_base_minutes: float = 5.0  # then later runs: base × 2^(n−1) minutes …
    alert_max_attempts: int = 8  # … until this many attempts: failed (rasd alerts retry revives)
    alert_lease_minutes: float = 10.0  # a message being sent is re-sent after this if its worker died
    alert_smtp_conn_id: str = "smtp_default"  # Airflow connection of the SMTP server
    alert_email_from: str | None = None  # when the connection has no from_email
    alert_email_domains: str = ""  # comma-separated recipient domains allowed in watchlists ("" = any)
    # Webhook channel NAME posts to the URL of Airflow connection rasd_webhook_NAME; private and
    # loopback addresses are refused unless allowed (an internal Mattermost: set this)
    alert_webhook_allow_private: bool = False
    alert_webhook_timeout: float = 15.0
    alert_timezone: str = "Africa/Tripoli"  # times in messages

    @field_validator("index_replicas")
    @classmethod
    def _replicas(cls, value: str) -> str:
        if value.strip().lower() != "auto" and not value.strip().isdigit():
            raise ValueError(f"RASD_INDEX_REPLICAS must be 'auto' or a number of replicas (0, 1, 2 …), not {value!r}")
        return value.strip().lower()

    @property
    def es_urls(self) -> list[str]:
        """The node URLs of ``es_url`` (comma-separated)."""
        return [u.strip().rstrip("/") for u in self.es_url.split(",") if u.strip()]

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
        """Name discovery: candidate names and the operator's decisions (pipeline/name_suggestions.py)."""
        return f"{self.index_prefix}-names"

    @property
    def trends_index(self) -> str:
        """Rising stories and terms, one row per ranked item (pipeline/trends.py)."""
        return f"{self.index_prefix}-trends"

    @property
    def sources_index(self) -> str:
        return f"{self.index_prefix}-sources"

    @property
    def suggestions_index(self) -> str:
        return f"{self.index_prefix}-suggestions"

    @property
    def watchlists_index(self) -> str:
        return f"{self.index_prefix}-watchlists"

    @property
    def alerts_index(self) -> str:
        return f"{self.index_prefix}-alerts"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()


def reset_settings() -> None:
    """Forget cached settings (tests and the CLI change the environment)."""
    get_settings.cache_clear()
