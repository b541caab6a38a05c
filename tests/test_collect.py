"""`collect` against the Hub stand-in: every source kept, no closed PR, broken cards skipped,
incremental reruns, the files the leaderboard reads, and the push to a Hub dataset."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from hfeval.benchmarks import load_registry
from hfeval.collect import (
    MODEL_COLUMNS,
    RESULT_COLUMNS,
    CollectRequest,
    collect,
    value_scale,
)
from hfeval.hub import HubClient, RetryPolicy
from trending_seed import COMMUNITY, KINDS, seed

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def registry():
    return load_registry()


def _client(token: str | None = None) -> HubClient:
    return HubClient(token, retry=RetryPolicy(attempts=4, base_delay=0.001))


def _run(tmp_path, registry, **kwargs):
    request = CollectRequest(output=tmp_path / "data", **kwargs)
    return collect(request, client=_client(), registry=registry)


def _rows(collection, model_suffix: str) -> list[dict]:
    return [r for r in collection.results if r["model_id"] == f"trend/{model_suffix}"]


def test_statuses_and_counts(hub, registry, tmp_path):
    seeded = seed(hub, len(KINDS))
    collection = _run(tmp_path, registry)
    statuses = {m["model_id"]: m["status"] for m in collection.models}
    assert statuses == {s.repo_id: s.collect_status for s in seeded}
    assert collection.counts == {"ok": 16, "no-card": 1, "broken-card": 2, "gated": 1, "error": 0}
    meta = collection.metadata
    assert meta["models"] == [s.repo_id for s in seeded]
    broken = {p["model_id"]: p for p in meta["problems"] if p["status"] == "broken-card"}
    assert set(broken) == {"trend/Nova-9B", "trend/Nova-10B"}
    assert "model-index is not a list" in broken["trend/Nova-10B"]["detail"]
    assert not _rows(collection, "Nova-9B") and not _rows(collection, "Nova-10B")


def test_main_and_open_prs_count_closed_ones_do_not(hub, registry, tmp_path):
    seed(hub, len(KINDS))
    collection = _run(tmp_path, registry)
    # closed PR (its 99.0 MMLU) left out; the table-only model has no published values
    assert not _rows(collection, "Nova-6B")
    assert all(r["value"] != 99.0 for r in collection.results)
    # an open PR's values: community-pr, with number, author and URL
    pr_rows = _rows(collection, "Nova-4B")
    assert {r["provenance"] for r in pr_rows} == {"community-pr"}
    assert {r["pr_num"] for r in pr_rows} == {1} and {r["pr_author"] for r in pr_rows} == {
        COMMUNITY
    }
    assert pr_rows[0]["pr_url"].endswith("/trend/Nova-4B/discussions/1")
    assert pr_rows[0]["location"] == "pr" and len(pr_rows[0]["revision"]) == 40
    # a draft PR counts as open
    assert {r["format"] for r in _rows(collection, "Nova-5B")} == {"eval-results"}
    # a merged PR is on main
    merged = _rows(collection, "Nova-7B")
    assert merged and {r["location"] for r in merged} == {"main"}
    # a PR that no longer applies: reported, its values left out, the model stays ok
    assert not _rows(collection, "Nova-17B")
    problem = next(p for p in collection.metadata["problems"] if p["model_id"] == "trend/Nova-17B")
    assert problem["status"] == "broken-pr" and "no longer applies" in problem["detail"]
    # a README-body PR is not a results PR
    assert not _rows(collection, "Nova-19B")


def test_a_pr_changing_a_main_value_is_a_second_row(hub, registry, tmp_path):
    seed(hub, len(KINDS))
    rows = _rows(_run(tmp_path, registry), "Nova-18B")
    arc = sorted((r["location"], r["value"]) for r in rows if r["benchmark_id"] == "arc_challenge")
    assert arc == [("main", 0.581), ("pr", 0.602)]
    assert [r for r in rows if r["benchmark_id"] == "mmlu" and r["location"] == "pr"] == []


def test_provenance_mapping_scale_and_setting(hub, registry, tmp_path):
    seed(hub, len(KINDS))
    collection = _run(tmp_path, registry)
    main = _rows(collection, "Nova-2B")
    mmlu = next(r for r in main if r["benchmark_id"] == "mmlu")
    assert (mmlu["provenance"], mmlu["format"], mmlu["location"]) == (
        "authors",
        "model-index",
        "main",
    )
    assert (mmlu["shots"], mmlu["setting"], mmlu["scale"], mmlu["score"]) == (
        5,
        "5-shot",
        "percent",
        mmlu["value"],
    )
    assert mmlu["source_name"] == "Open LLM Leaderboard" and mmlu["printed_name"] == "MMLU (5-Shot)"
    arc = next(r for r in main if r["benchmark_id"] == "arc_challenge")
    assert (arc["value"], arc["scale"], arc["score"], arc["score_scale"]) == (
        0.581,
        "fraction",
        58.1,
        "percent",
    )
    er = _rows(collection, "Nova-3B")
    gpqa = next(r for r in er if r["benchmark_id"] == "gpqa_diamond")
    assert gpqa["verified"] is True and gpqa["format"] == "eval-results"
    assert {r["benchmark_id"] for r in er} == {
        "gpqa_diamond",
        "mmlu_pro",
    }  # GPQA Diamond, MMLU-Pro: exact
    assert {r["provenance"] for r in _rows(collection, "Nova-15B")} == {"artificial-analysis"}
    own = _rows(collection, "Nova-16B")
    assert {r["provenance"] for r in own} == {"own-run"} and own[0]["source_url"].endswith(
        "run.eval"
    )
    facts = next(m for m in collection.models if m["model_id"] == "trend/Nova-2B")
    assert facts | {"last_modified": None, "card_sha": None} == {
        "model_id": "trend/Nova-2B",
        "trending_rank": 2,
        "pipeline_tag": "text-generation",
        "library": "transformers",
        "license": "apache-2.0",
        "parameters": 2_000_000_000,
        "gated": False,
        "downloads": 19000,
        "likes": 19,
        "last_modified": None,
        "card_sha": None,
        "status": "ok",
        "status_detail": None,
        "n_results": len(main),
    }
    gated = next(m for m in collection.models if m["model_id"] == "trend/Nova-8B")
    assert gated["gated"] is True and gated["status"] == "gated"


def test_value_scale_rules(registry):
    mmlu, mt = registry.get("mmlu"), registry.get("mt_bench")
    assert value_scale(81.2, mmlu) == ("percent", 81.2, "percent")
    assert value_scale(0.812, mmlu) == ("fraction", 81.2, "percent")
    assert value_scale(8.1, mt) == ("points", 8.1, "points")
    assert value_scale(71.3, None) == ("percent", None, None)


def test_files_follow_the_leaderboard_contract(hub, registry, tmp_path):
    seed(hub, len(KINDS))
    collection = _run(tmp_path, registry)
    data = tmp_path / "data"
    for name, columns, rows in (
        ("results", RESULT_COLUMNS, collection.results),
        ("models", MODEL_COLUMNS, collection.models),
    ):
        table = pq.read_table(data / f"{name}.parquet")
        assert table.column_names == [c[0] for c in columns]
        assert table.num_rows == len(rows)
        as_json = json.loads((data / f"{name}.json").read_text())
        assert as_json == table.to_pylist()
    meta = json.loads((data / "metadata.json").read_text())
    assert meta["schema_version"] == 1 and meta["tool"] == "hf-evaluation collect"
    assert meta["n_results"] == len(collection.results) and meta["source"] == "trending"
    unmapped = [r for r in collection.results if not r["mapped"]]
    assert all(r["benchmark_id"] is None and r["score"] is None for r in unmapped)


def test_the_contract_page_lists_exactly_these_columns():
    doc = (ROOT / "references" / "leaderboard-dataset.md").read_text()
    sections = re.split(r"^## ", doc, flags=re.M)
    for title, columns in (("`results` rows", RESULT_COLUMNS), ("`models` rows", MODEL_COLUMNS)):
        section = next(s for s in sections if s.startswith(title))
        names = re.findall(r"^\| `([a-z_]+)` \|", section, flags=re.M)
        assert names == [c[0] for c in columns]


def test_second_run_with_nothing_changed_reads_no_card(hub, registry, tmp_path):
    seed(hub, len(KINDS))
    first = _run(tmp_path, registry)
    hub.clear_log()
    second = _run(tmp_path, registry)
    paths = [r.path for r in hub.requests()]
    assert paths.count("/api/models") == 1
    assert len(paths) <= 1 + len(KINDS)  # the listing plus one PR listing a model
    assert not [p for p in paths if "/resolve/" in p]
    assert len(second.reused) == len(KINDS)
    strip = lambda rows: [{k: v for k, v in r.items() if k != "collected_at"} for r in rows]  # noqa: E731
    assert strip(second.results) == strip(first.results)
    # a new commit on main, or a new PR, makes that model (only) read again
    hub.commit_files("trend/Nova-1B", {"README.md": hub.read_file("trend/Nova-2B", "README.md")})
    third = _run(tmp_path, registry)
    assert "trend/Nova-1B" not in third.reused and len(third.reused) == len(KINDS) - 1
    assert _rows(third, "Nova-1B")


def test_a_failing_model_is_an_error_row_and_read_again_next_time(hub, registry, tmp_path):
    seed(hub, 6)
    hub.fail("GET", r"^/api/models/trend/Nova-2B/discussions", status=500, times=None)
    collection = _run(tmp_path, registry, concurrency=3)
    assert collection.counts["error"] == 1 and collection.counts["ok"] == 5
    hub.faults.clear()
    again = _run(tmp_path, registry)
    assert "trend/Nova-2B" not in again.reused and again.counts["error"] == 0


def test_repos_file(hub, registry, tmp_path):
    seed(hub, len(KINDS))
    listing = tmp_path / "repos.txt"
    listing.write_text("# two models\ntrend/Nova-2B\ntrend/Nova-4B  # with a PR\ntrend/missing\n")
    from hfeval.collect import read_repos_file

    collection = _run(tmp_path, registry, repos=read_repos_file(listing))
    models = {m["model_id"]: m for m in collection.models}
    assert models["trend/Nova-2B"]["trending_rank"] is None
    assert models["trend/missing"]["status"] == "error"
    assert collection.metadata["source"] == "repos-file"


def test_cli_writes_the_folder_and_pushes_one_commit(hub, run_cli, tmp_path):
    seed(hub, len(KINDS))
    token = hub.add_user("collector")
    out = tmp_path / "out"
    result = run_cli(
        "collect",
        "--limit",
        "20",
        "--output",
        out,
        "--push-to-hub",
        "collector/evals",
        "--json",
        token=token,
    )
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert payload["counts"]["ok"] == 16 and payload["pushed"]["commit_url"]
    commits = hub.commits("collector/evals", repo_type="dataset")
    assert len(commits) == 2  # the initial one, then ours with every file
    files = hub.files("collector/evals", repo_type="dataset")
    assert set(files) == {
        "README.md",
        "results.parquet",
        "results.json",
        "models.parquet",
        "models.json",
        "metadata.json",
    }
    assert "| `provenance` | str |" in files["README.md"] and "collect_state" not in files
    assert json.loads(files["results.json"]) == json.loads((out / "results.json").read_text())
    text = run_cli("collect", "--limit", "20", "--output", out)
    assert text.returncode == 0 and "20 unchanged since the last run" in text.stdout
