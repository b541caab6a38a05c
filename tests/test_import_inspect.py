"""import-inspect on real inspect logs produced here by inspect_eval_uv.py (mock model).

The user-visible promises: the card gets the value on the benchmark's scale (0.75 ->
75.0 for a percent benchmark) with the run's setting and a source that opens the log
(pinned to a commit when pushed to the Hub); partial runs are refused unless asked, and
then carry their sample count; results only go on the card of the model that was run.
Commands run in this process (`cli` fixture); the PR is opened by the real script.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import sys
from pathlib import Path

import pytest
import yaml
from jobs_stub import JobsStub

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "inspect_eval_uv.py"
DATA = ROOT / "tests" / "data"
MODEL = "example-org/tiny-model"
RESPONSES = {
    "rules": [
        {"match": "chemical symbol for sodium", "output": "ANSWER: B"},
        {"match": "most of Earth's atmosphere", "output": "ANSWER: C"},
        {"match": "7 multiplied by 8", "output": "ANSWER: A"},
        {"match": "Tom has 3 boxes", "output": "ANSWER: 12"},
        {"match": "A pen costs 2 dollars", "output": "ANSWER: 10"},
    ],
    "default": "ANSWER: 1",
}


def _script():
    spec = importlib.util.spec_from_file_location("inspect_eval_uv", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("inspect_eval_uv", module)
    spec.loader.exec_module(module)
    return module


ev = _script()


def evaluate(tmp: Path, *tasks: str, extra: list[str] = (), model: str = MODEL) -> tuple[int, dict]:
    responses = tmp / "responses.json"
    responses.write_text(json.dumps(RESPONSES))
    args = [
        "--model",
        model,
        "--backend",
        "mock",
        "--mock-responses",
        str(responses),
        "--task",
        *tasks,
    ]
    for task in tasks:
        args += ["--dataset-file", f"{task}={DATA / (task.replace('_5_shot', '') + '.jsonl')}"]
    out = io.StringIO()
    with (
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(io.StringIO()),
        contextlib.chdir(tmp),
    ):
        code = ev.main([*args, *extra])
    return code, json.loads(out.getvalue())


@pytest.fixture(scope="module")
def full_run(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("full")
    code, summary = evaluate(tmp, "mmlu", "gsm8k", extra=["--log-dir", str(tmp / "logs")])
    assert code == 0
    return tmp / "logs", summary


@pytest.fixture(scope="module")
def partial_run(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("partial")
    code, _ = evaluate(tmp, "mmlu", extra=["--limit", "2", "--log-dir", str(tmp / "logs")])
    assert code == 0
    return tmp / "logs"


def test_logs_become_results_on_the_registry_scale(cli, full_run):
    logs, _ = full_run
    result = cli("import-inspect", "--log", str(logs), "--json")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    by_id = {r["benchmark_id"]: r for r in out["results"]}
    # mmlu: 3 of 4 right; gsm8k: 2 of 4 right
    assert by_id["mmlu"]["value"] == 75.0 and by_id["mmlu"]["scale"] == "percent"
    assert by_id["gsm8k"]["value"] == 50.0
    assert by_id["mmlu"]["setting"] == {"shots": 0, "cot": False}
    assert by_id["gsm8k"]["setting"] == {"shots": 10, "cot": True}
    source = by_id["mmlu"]["source"]
    assert source["kind"] == "inspect"
    assert source["path"].endswith(".eval") and Path(source["path"]).parent == logs
    assert by_id["mmlu"]["model"] == MODEL
    # a complete run; the notes say which implementation ran it
    assert (
        by_id["mmlu"]["notes"]
        == "builtin implementation of inspect_evals/mmlu_0_shot (same prompt, solver and scorer)"
    )
    assert {r["task"] for r in out["inspect_runs"]} == {"mmlu", "gsm8k"}


def test_a_single_log_file_and_the_summary_file_give_the_same_value(cli, full_run):
    logs, _ = full_run
    log = next(p for p in logs.glob("*.eval") if "mmlu" in p.name)
    from_log = json.loads(cli("import-inspect", "--log", str(log), "--json").stdout)
    from_summary = json.loads(
        cli("import-inspect", "--log", str(logs / "summary.json"), "--json").stdout
    )
    mmlu_summary = next(r for r in from_summary["results"] if r["benchmark_id"] == "mmlu")
    assert from_log["results"][0]["value"] == mmlu_summary["value"] == 75.0


def test_partial_run_is_refused_unless_allowed(cli, partial_run):
    refused = cli("import-inspect", "--log", str(partial_run))
    assert refused.returncode == 4
    assert "--allow-partial" in refused.stderr
    assert "2 of 4 samples scored (--limit 2)" in refused.stderr
    allowed = cli("import-inspect", "--log", str(partial_run), "--allow-partial", "--json")
    assert allowed.returncode == 0, allowed.stderr
    (result,) = json.loads(allowed.stdout)["results"]
    assert result["value"] == 100.0  # the two answered samples were right
    assert result["notes"].startswith("partial run: 2 of 4 samples scored (--limit 2)")
    # the sample count is part of the setting, so model-index (which has no notes) says it too
    assert result["setting"] == {"shots": 0, "cot": False, "extra": ["partial: 2 of 4 samples"]}


def test_a_partial_score_says_so_in_model_index(cli, partial_run):
    preview = cli(
        "import-inspect", "--log", str(partial_run), "--allow-partial", "--format", "model-index"
    )
    assert preview.returncode == 0, preview.stderr
    card = yaml.safe_load(preview.stdout)
    (block,) = card["model-index"][0]["results"]
    (metric,) = block["metrics"]
    assert metric["value"] == 100.0
    assert metric["name"] == "MMLU (0-shot, no CoT, partial: 2 of 4 samples)"
    assert metric["args"]["extra"] == ["partial: 2 of 4 samples"]


@pytest.mark.parametrize("mode", [["--apply"], ["--create-pr"], ["--update-pr", "1"]])
def test_local_logs_are_previewed_but_not_published(cli, hub, full_run, mode):
    # a card's source must open the log for anyone: a path on this machine does not
    logs, _ = full_run
    alice = hub.add_user("alice", orgs=["example-org"])  # may write to the model's repo
    hub.create_repo(MODEL, {"README.md": "---\nlicense: mit\n---\n# Tiny model\n"})
    head = hub.head(MODEL)
    result = cli("import-inspect", "--log", str(logs), "--repo-id", MODEL, *mode, token=alice)
    assert result.returncode == 4
    (line,) = [l for l in result.stderr.splitlines() if l.startswith("error:")]  # noqa: E741
    assert "--push-logs" in line and "hf://datasets/" in line
    assert hub.head(MODEL) == head and hub.pull_requests(MODEL) == []
    preview = cli("import-inspect", "--log", str(logs), "--repo-id", MODEL, token=alice)
    assert preview.returncode == 0, preview.stderr


def test_results_only_go_on_the_card_of_the_model_that_ran(cli, full_run):
    logs, _ = full_run
    result = cli("import-inspect", "--log", str(logs), "--repo-id", "other-org/other-model")
    assert result.returncode == 4
    assert f"evaluate {MODEL}, not other-org/other-model" in result.stderr


def test_failed_runs_are_skipped_with_their_error(cli, tmp_path):
    responses = {"rules": [{"match": "sodium", "raise": "provider unavailable (503)"}]}
    (tmp_path / "r.json").write_text(json.dumps(responses))
    out = io.StringIO()
    args = ["--model", MODEL, "--backend", "mock", "--mock-responses", str(tmp_path / "r.json"), "--task", "mmlu",
            "--dataset-file", str(DATA / "mmlu.jsonl"), "--log-dir", str(tmp_path / "logs")]  # fmt: skip
    with (
        contextlib.redirect_stdout(out),
        contextlib.redirect_stderr(io.StringIO()),
        contextlib.chdir(tmp_path),
    ):
        assert ev.main(args) == 1
    result = cli("import-inspect", "--log", str(tmp_path / "logs"))
    assert result.returncode == 3
    assert "provider unavailable (503)" in result.stderr


def test_pushed_logs_import_from_the_hub_and_open_a_pr(cli, run_cli, hub, tmp_path, monkeypatch):
    JobsStub(hub).install()
    alice = hub.add_user("alice")
    hub.create_repo(MODEL, {"README.md": "---\nlicense: mit\n---\n# Tiny model\n"})
    monkeypatch.setenv("HF_TOKEN", alice)
    code, summary = evaluate(
        tmp_path,
        "mmlu",
        extra=["--push-logs", "alice/eval-logs", "--log-dir", str(tmp_path / "logs")],
    )
    assert code == 0, summary
    files = hub.files("alice/eval-logs", repo_type="dataset")
    pushed = sorted(files)
    assert len(pushed) == 2 and pushed[1].endswith("/summary.json") and pushed[0].endswith(".eval")
    head = hub.head("alice/eval-logs", repo_type="dataset")
    log_url = summary["tasks"][0]["log_url"]
    assert log_url == f"{hub.url}/datasets/alice/eval-logs/blob/{head}/{pushed[0]}"
    assert hub.repo("alice/eval-logs", "dataset").private is True
    assert alice not in json.dumps(summary)
    monkeypatch.delenv("HF_TOKEN")

    preview = cli(
        "import-inspect",
        "--log",
        "hf://datasets/alice/eval-logs",
        "--repo-id",
        MODEL,
        "--json",
        token=alice,
    )
    assert preview.returncode == 0, preview.stderr
    (result,) = json.loads(preview.stdout)["results"]
    assert result["value"] == 75.0
    assert result["source"]["url"] == log_url

    # The write as a real process.
    pr = run_cli("import-inspect", "--log", f"hf://datasets/alice/eval-logs/{Path(pushed[0]).parent}",
                 "--repo-id", MODEL, "--create-pr", token=alice)  # fmt: skip
    assert pr.returncode == 0, pr.stderr
    (opened,) = hub.pull_requests(MODEL)
    written = hub.files(MODEL, revision=f"refs/pr/{opened.num}")
    # MMLU has no registered Hub Benchmark dataset, so it goes to model-index only
    assert not any(path.startswith(".eval_results/") for path in written)
    card = yaml.safe_load(written["README.md"].split("---")[1])
    (entry,) = card["model-index"][0]["results"]
    assert entry["metrics"][0]["value"] == 75.0
    assert entry["source"]["url"] == log_url
    assert alice not in preview.stdout + preview.stderr + pr.stdout + pr.stderr


def test_hf_uri_parsing():
    from hfeval.inspect_results import parse_hf_uri

    assert parse_hf_uri("hf://datasets/org/logs") == ("org/logs", "", None)
    assert parse_hf_uri("hf://datasets/org/logs@abc123/run/x.eval") == (
        "org/logs",
        "run/x.eval",
        "abc123",
    )
    with pytest.raises(Exception, match="hf://datasets"):
        parse_hf_uri("hf://models/org/m")


def test_livecodebench_release_maps_to_its_registry_benchmark():
    from hfeval.benchmarks import load_registry
    from hfeval.inspect_results import InspectRun, run_to_result

    registry = load_registry()
    base = dict(inspect_task="builtin/livecodebench", status="success", value=0.5, metric="pass@1", scored=4, total=4, dataset_samples=4)  # fmt: skip
    v5 = run_to_result(
        InspectRun(task="livecodebench", task_args={"release": "release_v5"}, **base), registry
    )
    assert (v5.benchmark_id, v5.value, v5.setting.pass_at) == ("livecodebench_v5", 50.0, 1)
    window = run_to_result(
        InspectRun(
            task="livecodebench",
            task_args={"start_date": "2024-08-01", "end_date": "2025-02-01"},
            **base,
        ),
        registry,
    )
    assert window.benchmark_id == "livecodebench"
    assert "problems 2024-08-01 to 2025-02-01" in window.setting.extra


def test_logs_on_the_hub_are_read_through_the_gateway_with_its_retries(run_cli, hub, full_run):
    logs, _ = full_run
    log = next(p for p in logs.glob("*.eval") if "mmlu" in p.name)
    alice = hub.add_user("alice")
    hub.create_repo(
        "alice/eval-logs", {f"run/{log.name}": log.read_bytes()}, private=True, repo_type="dataset"
    )
    head = hub.head("alice/eval-logs", repo_type="dataset")
    hub.fail("GET", r"^/api/datasets/alice/eval-logs$", 503, times=1)
    hub.fail("GET", rf"^/datasets/alice/eval-logs/resolve/{head}/run/", 502, times=1)
    result = run_cli(
        "import-inspect", "--log", "hf://datasets/alice/eval-logs", "--json", token=alice
    )
    assert result.returncode == 0, result.stderr
    (mmlu,) = json.loads(result.stdout)["results"]
    assert mmlu["value"] == 75.0
    # pinned to the commit the listing was read at
    assert mmlu["source"]["url"] == f"{hub.url}/datasets/alice/eval-logs/blob/{head}/run/{log.name}"
    assert [r.status for r in hub.requests("GET", r"^/api/datasets/alice/eval-logs$")] == [503, 200]
    # without access, the gateway's words: the same as for any missing repo
    stranger = run_cli(
        "import-inspect", "--log", "hf://datasets/alice/eval-logs", token=hub.add_user("eve")
    )
    assert stranger.returncode == 1
    assert stranger.stderr.strip().splitlines()[-1] == (
        "error: repository datasets/alice/eval-logs does not exist"
    )
