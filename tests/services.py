"""The real Airflow services for tests: one stack per test session (see ``conftest.airflow_stack``).

PostgreSQL and the four Airflow services (LocalExecutor) on free ports, over the session's
Elasticsearch, with their own index prefix (``rasdsvc``), raw archive, sources file (the bundled
sample site served by a ``NewsWeb`` in the test process) and ingest schedule ``none`` (runs only
when a test triggers them). Tests talk to it as an operator would: the REST API with a token.
"""

from __future__ import annotations

import shutil
import time
import urllib.error
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from pipeline.config import DATA_DIR
from pipeline.newsweb import NewsWeb
from pipeline.services.airflow import Airflow
from pipeline.services.proc import free_port
from pipeline.services.stack import Stack, StackConfig

PREFIX = "rasdsvc"
TERMINAL = {"success", "failed"}


@dataclass
class Services:
    stack: Stack
    web: NewsWeb
    root: Path
    env: dict[str, str]
    _token: str = ""
    _token_at: float = 0.0
    extra_sources: list[dict[str, Any]] = field(default_factory=list)

    @property
    def airflow(self) -> Airflow:
        return self.stack.airflow

    @property
    def sources_file(self) -> Path:
        return Path(self.env["RASD_SOURCES_FILE"])

    def token(self) -> str:
        if not self._token or time.monotonic() - self._token_at > 600:
            self._token, self._token_at = self.airflow.token(), time.monotonic()
        return self._token

    def api(self, method: str, path: str, body: Any = None) -> Any:
        return self.airflow.api(method, path, body, token=self.token())

    def api_error(self, method: str, path: str, body: Any = None) -> tuple[int, str]:
        """Status and body of a call expected to fail (an AssertionError if it succeeds)."""
        try:
            answer = self.api(method, path, body)
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode("utf-8", "replace")
        raise AssertionError(f"{method} {path} succeeded: {answer}")

    def set_paused(self, dag_id: str, paused: bool) -> None:
        self.api("PATCH", f"dags/{dag_id}", {"is_paused": paused})

    def trigger(self, dag_id: str, conf: dict[str, Any] | None = None) -> str:
        run = self.api("POST", f"dags/{dag_id}/dagRuns", {"logical_date": None, "conf": conf or {}})
        return str(run["dag_run_id"])

    def runs(self, dag_id: str) -> list[dict[str, Any]]:
        return list(self.api("GET", f"dags/{dag_id}/dagRuns?limit=100&order_by=start_date")["dag_runs"])

    def run(self, dag_id: str, run_id: str) -> dict[str, Any]:
        return dict(self.api("GET", f"dags/{dag_id}/dagRuns/{run_id}"))

    def wait(self, dag_id: str, run_id: str, timeout: float = 420) -> str:
        """Wait until the run ends; its final state (with the task states in the message on timeout)."""
        deadline = time.monotonic() + timeout
        while True:
            state = self.run(dag_id, run_id)["state"]
            if state in TERMINAL:
                return str(state)
            if time.monotonic() > deadline:
                tis = {(t["task_id"], t["map_index"]): t["state"] for t in self.task_instances(dag_id, run_id)}
                raise AssertionError(f"{dag_id} {run_id} still {state} after {timeout} s: {tis}\n"
                                     f"{self.airflow.daemon('scheduler').tail(40)}")
            time.sleep(2)

    def task_instances(self, dag_id: str, run_id: str) -> list[dict[str, Any]]:
        return list(self.api("GET", f"dags/{dag_id}/dagRuns/{run_id}/taskInstances?limit=500")["task_instances"])

    def add_source(self, source: dict[str, Any]) -> None:
        """Add a source to the registry the tasks read (each task process reads the file anew)."""
        data = yaml.safe_load(self.sources_file.read_text(encoding="utf-8"))
        data["sources"].append(source)
        self.sources_file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def start_services(es_url: str, root: Path) -> Services:
    web = NewsWeb().start()
    sources = root / "sources.yaml"
    shutil.copy(DATA_DIR / "sample_sources.yaml", sources)
    env = {
        "RASD_INDEX_PREFIX": PREFIX,
        "RASD_SOURCES_FILE": str(sources),
        "RASD_SOURCES_BASE_URL": web.base_url,
        "RASD_FETCH_ALLOW_LOOPBACK": "1",
        "RASD_PER_HOST_DELAY": "0",
        "RASD_ARCHIVE_URL": str(root / "archive"),
        "RASD_INGEST_SCHEDULE": "none",
        "RASD_KIBANA_URL": "http://kibana.rasd.test:5601",
    }
    config = StackConfig(
        es_url=es_url, pg_port=free_port(), api_port=free_port(), task_env=env,
        # A task whose supervisor died (with the SIGKILLed scheduler) is declared dead after this long
        # (default 300 s), then retried.
        airflow_config={"scheduler": {"task_instance_heartbeat_timeout": "45"}},
        unpause=["libya_news_ingest"],  # no digest runs beside the tests' runs
    )
    stack = Stack(root / "stack", config)
    bring_up(stack, web, timeout=600)
    return Services(stack=stack, web=web, root=root, env=env)


def bring_up(stack: Stack, web: NewsWeb, timeout: float) -> None:
    """``stack.up``; when it fails, whatever it started is stopped (and the test's site) before raising."""
    try:
        stack.up(timeout=timeout)
    except BaseException:
        stack.down()
        web.stop()
        raise


CITIES = ["طرابلس", "بنغازي", "مصراتة", "سبها", "الزاوية", "غدامس", "درنة", "زوارة", "البيضاء", "غريان"]
TOPICS = ["صيانة شبكة المياه", "افتتاح مدرسة جديدة", "تنظيم سوق الخضار", "رصف الطرق الداخلية",
          "حملة تطعيم للأطفال", "تشغيل محطة كهرباء فرعية", "معرض للكتاب المحلي", "مهرجان للتراث الشعبي"]


def synthetic_article(n: int, tag: str) -> tuple[str, str]:
    """Title and body (original text written for these tests) of the ``n``-th made-up local story."""
    city, topic = CITIES[n % len(CITIES)], TOPICS[(n // len(CITIES)) % len(TOPICS)]
    title = f"{city}: {topic} ضمن خطة البلدية رقم {n} ({tag})"
    paragraphs = [
        f"أعلنت بلدية {city} في ليبيا اليوم عن {topic} في إطار خطة محلية تحمل الرقم {n}، "
        f"وقال مسؤول في المجلس البلدي إن الأعمال ستستمر {n % 9 + 2} أسابيع.",
        f"وأوضح المسؤول أن الميزانية المخصصة بلغت {1000 + 37 * n} ألف دينار ليبي، "
        f"وأن فرقا فنية من {CITIES[(n + 3) % len(CITIES)]} ستشارك في التنفيذ.",
        f"ورحب سكان الأحياء المجاورة بالخطوة، مشيرين إلى أن المنطقة انتظرت هذا المشروع منذ {n % 7 + 3} سنوات، "
        "وطالبوا بمتابعة دقيقة لجودة الأعمال ومواعيد التسليم.",
        f"ويأتي الإعلان بعد اجتماع عقده عميد البلدية مع ممثلي المجتمع المدني في {city} لمناقشة أولويات العام الجاري.",
    ]
    return title, "\n".join(paragraphs)


def serve_synthetic_outlet(web: NewsWeb, slug: str, count: int, *, page_delay: float = 0.0) -> dict[str, Any]:
    """Serve an RSS feed of ``count`` new articles under ``/<slug>/`` and return its source entry."""
    from datetime import UTC, datetime
    from email.utils import format_datetime

    from pipeline.newsweb import Route

    now = time.time()
    items = []
    for n in range(count):
        title, body = synthetic_article(n, slug)
        path = f"/{slug}/news/{n}.html"
        paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n"))
        page = (f'<!doctype html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>{title}</title></head>'
                f"<body><header><a href='/'>الرئيسية</a></header><article><h1>{title}</h1>{paragraphs}</article>"
                "<footer>جميع الحقوق محفوظة</footer></body></html>").encode()
        web.add_route(path, Route(body=page, delay=page_delay, headers={"Content-Type": "text/html; charset=utf-8"}))
        published = format_datetime(datetime.fromtimestamp(now - 60 * n, tz=UTC))
        items.append(f"<item><title>{title}</title><link>{web.url(path)}</link><guid>{web.url(path)}</guid>"
                     f"<pubDate>{published}</pubDate></item>")
    feed = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>{slug}</title><link>{web.url('/' + slug + '/')}</link>{''.join(items)}</channel></rss>").encode()
    web.add_route(f"/{slug}/rss.xml", Route(body=feed, headers={"Content-Type": "application/rss+xml; charset=utf-8"}))
    return {"id": slug, "name": f"مصدر تجريبي {slug}", "homepage": web.url(f"/{slug}/"),
            "feeds": [{"url": web.url(f"/{slug}/rss.xml"), "kind": "rss", "verified": True}],
            "libya_focused": True, "language": "ar", "poll_interval_minutes": 15, "enabled": True}
