"""The leaderboard app in a real browser: Playwright on Debian's chromium, app on 127.0.0.1.

The app runs as a user starts it (`python leaderboard/app.py --data tests/leaderboard_data`)
with Gradio's analytics off and the Hub client offline; the browser context aborts and
records any request that is not to the app, and each test fails if one was made.
Playwright's own browser download does not work here, so the test needs /usr/bin/chromium
(`.ci/run` installs Debian's `chromium`) and is skipped without it.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "leaderboard" / "app.py"
DATA = ROOT / "tests" / "leaderboard_data"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
S7 = "example-org/Sample-7B-Instruct"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(),
        reason=f"{CHROMIUM} is absent (apt-get install chromium; .ci/run does)",
    ),
]
sync_api = pytest.importorskip("playwright.sync_api")
sys.path.insert(0, str(ROOT / "leaderboard"))
import board  # noqa: E402


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_app(
    data: Path, log_path: Path, home: Path, timeout: float = 180, script: Path = APP
) -> tuple[subprocess.Popen, str]:
    """Start the app as a user would and wait until it answers; fails with its log if it dies.

    `script` may be another app taking the same options (the speed measurement's baseline).
    """
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "LC_ALL", "TMPDIR")}
    env.update(
        {
            "GRADIO_ANALYTICS_ENABLED": "False",
            "HF_HUB_OFFLINE": "1",
            "HF_HUB_DISABLE_TELEMETRY": "1",
            "HF_HOME": str(home / "hf"),
            "GRADIO_TEMP_DIR": str(home / "gradio"),
            "PYTHONUNBUFFERED": "1",
        }
    )
    log = log_path.open("w")
    proc = subprocess.Popen(
        [
            sys.executable,
            str(script),
            "--data",
            str(data),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        stdout=log,
        stderr=subprocess.STDOUT,
        env=env,
        cwd=ROOT,
    )
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(
                f"the app exited ({proc.returncode}): {log_path.read_text()[-2000:]}"
            )
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return proc, url
        except OSError:
            time.sleep(0.5)
    proc.kill()
    raise RuntimeError(
        f"the app did not answer within {timeout:.0f} s: {log_path.read_text()[-2000:]}"
    )


def stop_app(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    home = tmp_path_factory.mktemp("leaderboard-app")
    proc, url = start_app(DATA, home / "app.log", home)
    yield url
    stop_app(proc)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, app_url):
    """The app's main view, loaded; fails the test if the page asked anything but the app."""
    context = browser.new_context(viewport={"width": 1500, "height": 1000}, accept_downloads=True)
    outside: list[str] = []

    def guard(route):
        host = urlsplit(route.request.url).hostname
        if route.request.url.startswith(("data:", "blob:")) or host == "127.0.0.1":
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    page = context.new_page()
    page.goto(app_url)
    page.wait_for_selector("#lb-table tbody tr[data-model-row]", timeout=60_000)
    yield page
    context.close()
    assert outside == [], f"requests outside the app: {outside}"


@pytest.fixture(scope="module")
def snap():
    return board.load_snapshot(DATA)


def header_keys(page) -> list[str]:
    return page.eval_on_selector_all("#lb-table thead th", "ths => ths.map(t => t.dataset.sort)")


def column_scores(page, key: str) -> list[float | None]:
    index = header_keys(page).index(key)
    texts = page.eval_on_selector_all(
        "#lb-table tbody tr[data-model-row]",
        f"rows => rows.map(r => r.children[{index}].innerText)",
    )
    out = []
    for text in texts:
        number = re.match(r"\s*(-?\d+(?:\.\d+)?)", text)
        out.append(float(number.group(1)) if number else None)
    return out


def shown_models(page) -> list[str]:
    return page.eval_on_selector_all(
        "#lb-table tbody tr[data-model-row]", "rows => rows.map(r => r.dataset.modelRow)"
    )


def wait_count(page, text: str) -> None:
    page.wait_for_function(
        "t => (document.querySelector('#lb-count') || {}).innerText === t", arg=text, timeout=20_000
    )


def test_main_view_renders_every_model_and_is_captured(page, tmp_path, snap):
    assert sorted(shown_models(page)) == sorted(set(snap.results["model_id"]))
    assert page.inner_text("#lb-count") == "8 of 9 models shown"
    assert "2026-12-01T06:00:00Z" in page.inner_text("#lb-updated")
    shot = tmp_path / "leaderboard_main.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 20_000


def test_clicking_a_header_sorts_by_it_and_again_reverses(page):
    page.click("#lb-table th[data-sort='mmlu']")
    page.wait_for_selector("#lb-table th.lb-sorted[data-sort='mmlu'][aria-sort='descending']")
    scores = column_scores(page, "mmlu")
    present = [s for s in scores if s is not None]
    assert present == [90.0, 83.5, 74.2, 71.2, 68.3, 60.1]
    assert scores[len(present) :] == [None] * (len(scores) - len(present))  # missing last
    page.click("#lb-table th[data-sort='mmlu']")
    page.wait_for_selector("#lb-table th.lb-sorted[data-sort='mmlu'][aria-sort='ascending']")
    assert [s for s in column_scores(page, "mmlu") if s is not None] == sorted(present)


def test_search_with_several_terms(page):
    page.locator("#lb-search textarea, #lb-search input").first.fill("tern; micro")
    wait_count(page, "3 of 9 models shown")
    assert sorted(shown_models(page)) == [
        "demo-lab/Tern-32B",
        "demo-lab/Tern-32B-Thinking",
        "tiny-co/Micro-0.5B",
    ]


def test_provenance_filter_leaves_only_artificial_analysis_values(page):
    for label in ("authors' card", "community PR", "own run"):
        page.locator("#lb-provenance label", has_text=label).click()
    wait_count(page, "2 of 9 models shown")
    assert sorted(shown_models(page)) == ["demo-lab/Tern-32B", "demo-lab/Tern-32B-Thinking"]
    marks = page.eval_on_selector_all("#lb-table td.lb-cell sup", "ms => ms.map(m => m.innerText)")
    assert marks and set(marks) == {"AA"}


def test_model_detail_shows_the_two_conflicting_sources(page):
    page.click(f"#lb-table a.lb-model[data-model='{S7}']")
    page.wait_for_function(
        "m => (document.querySelector('#lb-detail-title') || {}).innerText?.includes(m)", arg=S7
    )
    row = page.locator("#lb-side tr[data-benchmark='mmlu']")
    assert "lb-conflict" in row.get_attribute("class")
    text = row.inner_text()
    assert "74.2" in text and "71.9" in text and "⚠ 2.3" in text
    assert "InternalBench-v2" in page.inner_text("#lb-all")  # the unmapped name, in the detail only


def test_a_value_links_to_its_source(page, snap):
    rows = snap.results
    source = rows[
        (rows["model_id"] == "tiny-co/Micro-0.5B") & (rows["benchmark_id"] == "arc_challenge")
    ]
    expected = source["source_url"].iloc[0]
    index = header_keys(page).index("arc_challenge")
    link = page.locator(
        f"#lb-table tr[data-model-row='tiny-co/Micro-0.5B'] td:nth-child({index + 1}) a"
    )
    assert link.get_attribute("href") == expected
    assert link.get_attribute("target") == "_blank"
    assert "setting: 0-shot" in link.get_attribute("title")


def test_csv_export_is_the_current_view_and_matches_the_snapshot(page, snap, tmp_path):
    page.locator("#lb-search textarea, #lb-search input").first.fill("sample")
    wait_count(page, "2 of 9 models shown")
    page.click("#lb-export-csv")
    link = page.locator(
        "#lb-export-file a[download], #lb-export-file a[href*='leaderboard.csv']"
    ).first
    link.wait_for(timeout=20_000)
    with page.expect_download() as download:
        link.click()
    path = tmp_path / "export.csv"
    download.value.save_as(path)
    exported = path.read_text(encoding="utf-8")
    view = board.build_view(snap, board.Filters(search="sample"))
    assert exported == board.view_csv(view)
    rows = list(csv.DictReader(io.StringIO(exported)))
    assert [r["model_id"] for r in rows] == [S7, "example-org/Sample-1.5B-Instruct"]
    published = json.loads((DATA / "results.json").read_text())
    mmlu = {r["score"] for r in published if r["model_id"] == S7 and r["benchmark_id"] == "mmlu"}
    assert float(rows[0]["MMLU"]) in mmlu and float(rows[0]["MMLU"]) == 74.2
