"""Leaderboard app speed in a real browser: 100 models x 40 benchmarks.

Builds a synthetic dataset per references/leaderboard-dataset.md in a temporary folder
(registry benchmark ids, random values, several sources per cell for some models), starts
`leaderboard/app.py` on it, and measures with Playwright on Debian's chromium:
- page load: from the page request to the table's rows in the DOM (a fresh browser
  context each time, so nothing is cached);
- filter change: from a click on a provenance checkbox to the re-rendered table;
- baseline: the same page load for a bare Gradio page holding only the same table (one
  gr.HTML), which is Gradio's own floor on this machine at the time of the run.

    uv run python measurements/leaderboard_speed.py [--runs 5]
Aim (issue 12): under 1.5 s for the table on this machine.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from test_leaderboard_browser import CHROMIUM, CHROMIUM_ARGS, start_app, stop_app  # noqa: E402

AIM_S = 1.5
# A bare Gradio page with only the app's table, for the baseline (same options as app.py).
BASELINE_APP = """
import argparse, sys
sys.path.insert(0, {leaderboard!r})
import board, views, gradio as gr
parser = argparse.ArgumentParser()
for option in ("--data", "--host", "--port"):
    parser.add_argument(option)
args = parser.parse_args()
snapshot = board.load_snapshot(args.data)
with gr.Blocks() as demo:
    gr.HTML(views.table_html(board.build_view(snapshot), len(snapshot.models)), js_on_load=None)
theme = gr.themes.Default(font=["sans-serif"], font_mono=["monospace"])
demo.launch(server_name=args.host, server_port=int(args.port), ssr_mode=False, css=views.CSS, theme=theme)
"""
N_MODELS, N_BENCHMARKS = 100, 40
PROVENANCES = ("authors", "community-pr", "artificial-analysis", "own-run")


def synthetic_dataset(folder: Path, seed: int = 12) -> tuple[int, int]:
    """100 models x 40 registry benchmarks, about 60 % filled; returns (models, values)."""
    rng = random.Random(seed)
    registry = json.loads((ROOT / "examples" / "metric_mapping.json").read_text())["benchmarks"]
    benchmarks = [b for b in registry if b.get("scale", "percent") == "percent"][:N_BENCHMARKS]
    at = "2026-12-02T06:00:00Z"
    results, models = [], []
    for i in range(N_MODELS):
        model_id = (
            f"synthetic-org-{i % 17}/Model-{i:03d}-{rng.choice(['7B', '14B', '32B', '3B', '70B'])}"
        )
        n = 0
        for bench in benchmarks:
            if rng.random() > 0.6:
                continue
            for _ in range(1 if rng.random() > 0.15 else 2):
                prov = rng.choice(PROVENANCES)
                fraction = prov == "artificial-analysis"
                score = round(rng.uniform(20, 95), 1)
                results.append(
                    {
                        "model_id": model_id, "benchmark_id": bench["id"], "benchmark": bench["name"],
                        "printed_name": bench["name"], "mapped": True,
                        "value": round(score / 100, 4) if fraction else score,
                        "scale": "fraction" if fraction else "percent", "score": score,
                        "score_scale": "percent", "metric": "acc", "setting": rng.choice(["", "5-shot", "0-shot, CoT"]),
                        "shots": None, "cot": None, "tools": None, "thinking": None, "provenance": prov,
                        "verified": rng.random() < 0.05, "format": "model-index",
                        "location": "pr" if prov == "community-pr" else "main", "revision": f"{i:040x}",
                        "pr_num": 1 if prov == "community-pr" else None, "pr_author": None, "pr_url": None,
                        "source_name": "model card",
                        "source_url": f"https://huggingface.co/{model_id}/blob/main/README.md#L{10 + n}",
                        "collected_at": at,
                    }
                )  # fmt: skip
                n += 1
        models.append(
            {
                "model_id": model_id, "trending_rank": i + 1, "pipeline_tag": "text-generation",
                "library": "transformers", "license": rng.choice(["apache-2.0", "mit", "llama3.1", "other"]),
                "parameters": rng.choice([3, 7, 14, 32, 70, 120]) * 10**9, "gated": False,
                "downloads": rng.randint(100, 10**6), "likes": rng.randint(0, 5000),
                "last_modified": at, "card_sha": f"{i:040x}", "status": "ok", "status_detail": None,
                "n_results": n,
            }
        )  # fmt: skip
    metadata = {
        "schema_version": 1, "collected_at": at, "tool": "measurements/leaderboard_speed.py (synthetic)",
        "tool_version": "0.1.0", "source": "repos-file", "models": [m["model_id"] for m in models],
        "counts": {"ok": N_MODELS, "no-card": 0, "broken-card": 0, "gated": 0, "error": 0},
        "n_results": len(results), "problems": [],
    }  # fmt: skip
    (folder / "results.json").write_text(json.dumps(results))
    (folder / "models.json").write_text(json.dumps(models))
    (folder / "metadata.json").write_text(json.dumps(metadata))
    return len(models), len(results)


def measure(url: str, runs: int, filters_too: bool = True) -> tuple[list[float], list[float]]:
    from playwright.sync_api import sync_playwright

    loads, filters = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(runs):
            context = browser.new_context(viewport={"width": 1500, "height": 1000})
            page = context.new_page()
            start = time.perf_counter()
            page.goto(url, wait_until="commit")
            page.wait_for_selector("#lb-table tbody tr[data-model-row]", timeout=60_000)
            loads.append(time.perf_counter() - start)
            if not filters_too:
                context.close()
                continue
            page.wait_for_timeout(
                1000
            )  # let the page's load event settle (Gradio keeps a stream open)
            # Unticking "community PR": done when the table has no community-PR cell left.
            selector = "#lb-table td.prov-community-pr"
            assert page.locator(selector).count() > 0
            start = time.perf_counter()
            page.locator("#lb-provenance label", has_text="community PR").click()
            page.wait_for_function(f"() => !document.querySelector('{selector}')", timeout=30_000)
            filters.append(time.perf_counter() - start)
            context.close()
        browser.close()
    return loads, filters


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not Path(CHROMIUM).exists():
        print(f"error: {CHROMIUM} is absent (apt-get install chromium)", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="leaderboard-speed-") as tmp:
        folder = Path(tmp) / "data"
        folder.mkdir()
        n_models, n_values = synthetic_dataset(folder)
        proc, url = start_app(folder, Path(tmp) / "app.log", Path(tmp))
        try:
            loads, filters = measure(url, args.runs)
        finally:
            stop_app(proc)
        baseline_app = Path(tmp) / "baseline_app.py"
        baseline_app.write_text(BASELINE_APP.format(leaderboard=str(ROOT / "leaderboard")))
        proc, url = start_app(folder, Path(tmp) / "baseline.log", Path(tmp), script=baseline_app)
        try:
            baseline, _ = measure(url, args.runs, filters_too=False)
        finally:
            stop_app(proc)
    print(f"dataset: {n_models} models x {N_BENCHMARKS} benchmarks, {n_values} values")
    for name, times in (
        ("page request -> table rendered", loads),
        ("filter change -> table", filters),
        ("baseline: bare Gradio page, same table", baseline),
    ):
        print(
            f"{name}: median {statistics.median(times):.3f} s, first {times[0]:.3f} s, "
            f"max {max(times):.3f} s over {len(times)} runs"
        )
    met = statistics.median(loads) < AIM_S
    print(
        f"aim: table under {AIM_S} s: {'met' if met else 'NOT met'} (median {statistics.median(loads):.3f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
