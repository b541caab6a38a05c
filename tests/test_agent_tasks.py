"""The agent-task harness (tests/agent_tasks.py): its five tasks done the way SKILL.md tells
an agent to, against `agent_tasks.py serve` in a subprocess (the same servers, seed and
env.sh a by-hand agent trial gets), then judged by `agent_tasks.py check`.

Each step runs the exact command SKILL.md documents, with the environment D/env.sh
exports, and decides the next step only from what the tool printed (`--json`), as an
agent would: the open-PR check before a repeat, `--list` to find AA's Reasoning variant,
the base-model advice of a dry run before submitting a job.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import agent_tasks as harness
import pytest
from conftest import ROOT

HARNESS = ROOT / "tests" / "agent_tasks.py"


@pytest.fixture
def trial(tmp_path):
    """`agent_tasks.py serve --dir D` running; yields D once servers.json says it is ready."""
    directory = tmp_path / "trial"
    server = subprocess.Popen(
        [sys.executable, str(HARNESS), "serve", "--dir", str(directory)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while not (directory / "servers.json").exists():
            assert server.poll() is None, server.stderr.read()
            assert time.monotonic() < deadline, "the harness did not start"
            time.sleep(0.05)
        yield directory
    finally:
        server.terminate()
        server.wait(timeout=10)


def check(directory: Path) -> tuple[int, list[str]]:
    proc = subprocess.run(
        [sys.executable, str(HARNESS), "check", "--dir", str(directory)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    return proc.returncode, proc.stdout.splitlines()


@pytest.fixture
def agent(run_cli, trial):
    """`uv run scripts/evaluation_manager.py ARGS` (the run_cli fixture) in the trial's env."""
    env = harness.read_env(trial)

    def run(*args: str, expect: int = 0):
        result = run_cli(*args, env=env)
        assert result.returncode == expect, (args, result.output)
        assert env["HF_TOKEN"] not in result.output and env["AA_API_KEY"] not in result.output
        return result

    return run


def as_json(result) -> dict:
    return json.loads(result.stdout)


def test_the_seed_alone_passes_nothing(trial):
    code, lines = check(trial)
    assert code == 1
    assert len(lines) == 5 and all(line.startswith("FAIL task") for line in lines)
    tasks = (trial / "tasks.md").read_text(encoding="utf-8")
    for repo in (harness.TABLE_REPO, harness.AA_REPO, harness.JOBS_REPO, harness.SPLIT_REPO):
        assert f"`{repo}`" in tasks
    assert "evaluation_manager" not in tasks and "--" not in tasks  # goals, not commands
    env = harness.read_env(trial)
    assert set(env) >= {"HF_ENDPOINT", "HF_TOKEN", "AA_API_KEY", "AA_BASE_URL"}


def test_the_five_tasks_done_as_skill_md_says_all_pass(trial, agent):
    # 1. README to PR: inspect-tables, extract-readme --json, get-prs, then --create-pr.
    repo = harness.TABLE_REPO
    tables = as_json(agent("inspect-tables", "--repo-id", repo, "--json"))["tables"]
    assert [t["status"] for t in tables] == ["extracted"]
    preview = as_json(agent("extract-readme", "--repo-id", repo, "--json"))
    assert preview["open_pr_check"]["checked"] and preview["open_pr_check"]["prs"] == []
    by_benchmark = {r["benchmark_id"]: r["value"] for r in preview["results"]}
    assert by_benchmark["gsm8k"] == 86.2  # checked against its line, as SKILL.md asks
    agent("get-prs", "--repo-id", repo)
    agent("extract-readme", "--repo-id", repo, "--create-pr")

    # 2. The repeat: the preview says the open PR already holds the results; stop there.
    again = as_json(agent("extract-readme", "--repo-id", repo, "--json"))
    assert again["open_pr_check"]["create_pr_refused"] is True
    assert again["holding"] == [1]
    # (and a careless --create-pr is refused, exit 4, writing nothing)
    agent("extract-readme", "--repo-id", repo, "--create-pr", expect=4)

    # 3. AA (SKILL.md's three commands): --list, a preview by name, then --create-pr. The
    # preview of "Halcyon 2 Pro" names its Reasoning twin, the mode the user asked for.
    listed = as_json(agent("import-aa", "--list", "--creator-slug", "halcyon", "--json"))
    assert "Halcyon 2 Pro" in {m["name"] for m in listed["models"]}
    by_name = as_json(agent("import-aa", "--creator-slug", "halcyon", "--model-name",
                            "Halcyon 2 Pro", "--repo-id", harness.AA_REPO, "--json"))  # fmt: skip
    (reasoning,) = [v for v in by_name["artificial_analysis"]["mode_variants"] if v["thinking"]]
    aa = ["import-aa", "--aa-id", reasoning["id"], "--repo-id", harness.AA_REPO]
    shown = as_json(agent(*aa, "--json"))
    assert {r["source"]["url"] for r in shown["results"]} == {harness.AA_PAGE}
    agent(*aa, "--create-pr")

    # 4. HF Jobs: a dry run first; its base-model advice names the task to run instead.
    model = harness.JOBS_REPO
    dry = as_json(agent("run-eval", "--model", model, "--task", "mmlu", "--flavor", "auto",
                        "--limit", "20", "--dry-run", "--json"))  # fmt: skip
    task = dry["base_model"]["alternatives"]["mmlu"]
    flavor = dry["request"]["flavor"]
    smoke = as_json(agent("run-eval", "--model", model, "--task", task, "--flavor", flavor,
                          "--limit", "20", "--push-logs", harness.LOGS_DATASET, "--wait",
                          "--json"))  # fmt: skip
    assert [r["partial"] for r in smoke["results"]] == [True]  # a smoke test: not publishable
    assert "import-inspect --log hf://datasets/" in smoke["publish_with"]

    # 5. The split card: the instruct table is the repo's model (variant from its heading).
    repo = harness.SPLIT_REPO
    tables = as_json(agent("inspect-tables", "--repo-id", repo, "--json"))["tables"]
    assert [(t["variant_from_context"], t["status"]) for t in tables] == [
        ("base", "model-not-found"),
        ("instruct", "extracted"),
    ]
    preview = as_json(agent("extract-readme", "--repo-id", repo, "--json"))
    assert {r["benchmark_id"]: r["value"] for r in preview["results"]}["mmlu"] == 79.3
    agent("extract-readme", "--repo-id", repo, "--create-pr")

    code, lines = check(trial)
    assert code == 0, "\n".join(lines)
    assert [line.split(":")[0] for line in lines] == [
        f"PASS {label}" for label, _ in harness.CHECKS
    ]


def test_the_checker_catches_the_wrong_variant_a_duplicate_and_a_0_shot_base_run(trial, agent):
    agent("extract-readme", "--repo-id", harness.TABLE_REPO, "--create-pr")
    agent("extract-readme", "--repo-id", harness.TABLE_REPO, "--create-pr", "--force-new-pr")
    agent("import-aa", "--creator-slug", "halcyon", "--model-name", "Halcyon 2 Pro",
          "--repo-id", harness.AA_REPO, "--create-pr")  # fmt: skip
    agent("run-eval", "--model", harness.JOBS_REPO, "--task", "mmlu", "--flavor", "auto",
          "--limit", "20", "--push-logs", harness.LOGS_DATASET, "--detach")  # fmt: skip

    code, lines = check(trial)
    assert code == 1
    verdicts = dict(line.split(": ", 1) for line in lines)
    assert verdicts["FAIL task 1 (README to PR)"].startswith("2 open pull requests")
    assert verdicts["FAIL task 2 (the repeat)"].startswith("2 pull requests by harness-user")
    assert "the Reasoning variant's is" in verdicts["FAIL task 3 (AA, Reasoning variant)"]
    assert "a base model runs MMLU as mmlu_5_shot" in verdicts["FAIL task 4 (HF Jobs smoke test)"]
    assert verdicts["FAIL task 5 (base/instruct split)"].startswith("no pull request")
