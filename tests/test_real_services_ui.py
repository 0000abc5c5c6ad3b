"""The Airflow UI in a real browser: Debian's headless Chromium (``/usr/bin/chromium``, package
``chromium``) driven by Python ``playwright`` (never ``playwright install``), against the session's
real services (``conftest.airflow_stack``).

Log in, see every Rasd DAG, open the backfill DAG's trigger form, fill start/end/mode, trigger, see
the run succeed; on a task instance, the "Open in Kibana" extra link points at Discover filtered
on that run. Screenshots go to ``$RASD_ARTIFACTS_DIR`` (default ``.rasd/artifacts/ui``); their
paths are printed. In CI (``CI`` set) a missing browser fails the test with the install command.
"""

from __future__ import annotations

import os
import urllib.parse
from datetime import UTC, datetime
from pathlib import Path

import pytest

from pipeline.airflow_support import kibana_discover_url
from pipeline.config import REPO_ROOT

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1200)]  # under load: services start, heartbeat timeout, retry

CHROMIUM = Path(os.environ.get("RASD_CHROMIUM", "/usr/bin/chromium"))
INSTALL = "apt-get install -y chromium"
# Flags that work on these machines (no GPU, no sandbox as root, nothing fetched from elsewhere)
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
BACKFILL = "libya_news_backfill"
DAGS = tuple(sorted(p.stem for p in (REPO_ROOT / "dags").glob("libya_news_*.py")))  # every DAG file
SEEN: dict[str, str] = {}  # what one test hands to the next (they run in file order)


@pytest.fixture(scope="module")
def shots() -> Path:
    folder = Path(os.environ.get("RASD_ARTIFACTS_DIR") or REPO_ROOT / ".rasd" / "artifacts") / "ui"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def page(airflow_stack):
    if not CHROMIUM.is_file():
        message = f"no Chromium at {CHROMIUM}: install Debian's browser with `{INSTALL}` (never `playwright install`)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.set_default_timeout(90_000)
        yield page
        browser.close()


def snap(page, shots: Path, name: str) -> Path:
    path = shots / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    print(f"\nscreenshot: {path}")
    return path


def test_log_in_and_see_every_dag(airflow_stack, page, shots):
    base = airflow_stack.airflow.api_url
    page.goto(base + "/", wait_until="networkidle")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", "not the password")
    page.click("button[type=submit]")
    page.wait_for_timeout(1500)
    assert page.locator("input[name=password]").is_visible()  # refused: still on the login form
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", airflow_stack.airflow.admin_password())
    page.click("button[type=submit]")
    page.wait_for_url(lambda url: "/auth/login" not in url)  # logged in: redirected to the UI
    page.wait_for_load_state("networkidle")
    page.goto(base + "/dags", wait_until="networkidle")
    page.get_by_text(f"{len(DAGS)} Dags").wait_for()
    for dag_id in DAGS:
        assert page.get_by_role("link", name=dag_id, exact=True).is_visible(), dag_id
    snap(page, shots, "01-dags")


def test_trigger_the_backfill_form_and_see_the_run_succeed(airflow_stack, page, shots):
    base = airflow_stack.airflow.api_url
    today = datetime.now(UTC).date().isoformat()
    page.goto(f"{base}/dags/{BACKFILL}", wait_until="networkidle")
    page.get_by_role("button", name="Trigger Dag").click()
    form = page.get_by_role("dialog")
    form.get_by_text("Run Parameters").wait_for()
    for param in ("start", "end", "sources", "mode", "dry_run"):  # the DAG's Params, as form fields
        assert form.locator(f"[name=element_{param}]").count() == 1, param
    form.locator("#element_start").fill(today)
    form.locator("#element_end").fill(today)
    form.get_by_role("combobox").last.click()
    page.get_by_role("option", name="archive").click()
    assert form.get_by_text("Unpause libya_news_backfill on trigger").is_visible()
    snap(page, shots, "02-backfill-form")
    form.get_by_role("button", name="Trigger").click()
    page.wait_for_url("**/runs/**")
    run_id = urllib.parse.unquote(page.url.split("/runs/", 1)[1].split("/")[0].split("?")[0])
    try:
        run = airflow_stack.run(BACKFILL, run_id)
        assert run["run_type"] == "manual" and run["conf"]["start"] == today and run["conf"]["end"] == today
        assert run["conf"]["mode"] == "archive" and run["conf"]["dry_run"] is False
        assert airflow_stack.wait(BACKFILL, run_id) == "success"
    finally:
        airflow_stack.set_paused(BACKFILL, True)  # the form unpaused it
    SEEN["run_id"] = run_id
    page.reload(wait_until="networkidle")
    title = page.get_by_role("heading", name=run_id)
    title.wait_for()
    header = title.locator("xpath=..")  # the run id and its state badge, side by side
    assert "Success" in header.inner_text(), header.inner_text()
    snap(page, shots, "03-backfill-run-success")


def test_task_instance_links_to_kibana_discover_of_its_run(airflow_stack, page, shots):
    run_id = SEEN.get("run_id")
    if run_id is None:
        pytest.fail("the trigger test did not produce a run")
    base = airflow_stack.airflow.api_url
    page.goto(f"{base}/dags/{BACKFILL}/runs/{urllib.parse.quote(run_id)}/tasks/finish", wait_until="networkidle")
    page.get_by_text("Details", exact=True).click()  # the task instance's Details tab
    link = page.get_by_role("link", name="Open in Kibana")
    link.wait_for()
    href = link.get_attribute("href")
    assert href == kibana_discover_url(run_id, airflow_stack.env["RASD_KIBANA_URL"])
    assert href.startswith("http://kibana.rasd.test:5601/app/discover#/")
    assert urllib.parse.quote(f'run_id:"{run_id}"', safe="") in href
    snap(page, shots, "04-task-instance-kibana-link")
