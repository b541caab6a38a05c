"""Docs never drift: every `uv run scripts/...` command shown in README.md, SKILL.md and
examples/USAGE_EXAMPLES.md runs against the local stand-ins (write commands in their
preview form), and must succeed (exit 0)."""

from __future__ import annotations

import re
import shlex

import pytest
from aa_stub import DEFAULT_KEY, AAStub
from conftest import ROOT
from jobs_stub import JobsStub

DOCS = ["README.md", "SKILL.md", "examples/USAGE_EXAMPLES.md"]
WRITE_FLAGS = {"--apply", "--create-pr", "--force-new-pr", "--wait", "--detach"}
SIZE_1B_BF16 = {"parameters": {"BF16": 1_235_814_400}, "total": 1_235_814_400}
WRITE_OPTIONS = {"--update-pr"}  # take a value
SAMPLE = (ROOT / "examples" / "sample_card.md").read_text(encoding="utf-8")


def documented_commands() -> list[tuple[str, str]]:
    """(doc, command line) for each `uv run scripts/...` line in a fenced code block."""
    found = []
    for doc in DOCS:
        text = (ROOT / doc).read_text(encoding="utf-8")
        for block in re.findall(r"```(?:bash|sh|console)?\n(.*?)```", text, re.S):
            for line in block.replace("\\\n", " ").splitlines():
                line = line.strip()
                if line.startswith("uv run scripts/"):
                    found.append((doc, line))
    return found


COMMANDS = documented_commands()


def test_the_docs_show_the_main_commands():
    shown = " ".join(c for _, c in COMMANDS)
    for name in (
        "inspect-tables",
        "extract-readme",
        "get-prs",
        "import-aa",
        "show",
        "validate",
        "add-eval",
    ):
        assert f"evaluation_manager.py {name}" in shown
    assert any(doc == "README.md" for doc, _ in COMMANDS)


def preview_form(argv: list[str]) -> list[str]:
    """The command with its write flags removed; a job submission becomes --dry-run."""
    out, skip = [], False
    for arg in argv:
        if skip:
            skip = False
            continue
        if arg in WRITE_FLAGS:
            continue
        if arg in WRITE_OPTIONS:
            skip = True
            continue
        out.append(arg)
    if out and out[0] == "run-eval" and "--dry-run" not in out:
        out.append("--dry-run")
    return out


def card_for(repo_id: str) -> str:
    """The sample card, with the model's column named after this repo."""
    return SAMPLE.replace("Sample-7B-Instruct (ours)", repo_id.split("/")[-1])


@pytest.fixture
def aa_server():
    with AAStub() as server:
        yield server


def option(args: list[str], name: str) -> str | None:
    return args[args.index(name) + 1] if name in args and args.index(name) + 1 < len(args) else None


def push_logs(dataset: str, model: str, tmp_path, token: str, monkeypatch) -> None:
    """A real inspect run (mock model, shipped data) pushed to `dataset`, as run-eval leaves it."""
    from test_import_inspect import evaluate

    monkeypatch.setenv("HF_TOKEN", token)
    code, summary = evaluate(
        tmp_path,
        "gsm8k",
        model=model,
        extra=["--push-logs", dataset, "--log-dir", str(tmp_path / "logs")],
    )
    monkeypatch.delenv("HF_TOKEN")
    assert code == 0, summary


@pytest.mark.slow
@pytest.mark.parametrize("doc,line", COMMANDS, ids=[f"{d}:{c[27:80]}" for d, c in COMMANDS])
def test_documented_command_runs(doc, line, hub, run_cli, aa_server, tmp_path, monkeypatch):
    argv = shlex.split(line)
    assert argv[:2] == ["uv", "run"]
    script, *args = argv[2:]
    assert script == "scripts/evaluation_manager.py", (
        f"{doc}: only evaluation_manager.py lines are expected"
    )
    args = preview_form(args)
    JobsStub(hub).install()
    owner = hub.add_user(
        "docs-user", orgs=["example-org", "target", "meta-llama", "my-org", "HuggingFaceTB"]
    )
    for name in ("--repo-id", "--model"):
        repo = option(args, name)
        if repo and repo not in hub.repos:
            hub.create_repo(
                repo, {"README.md": card_for(repo), "config.json": "{}"}, safetensors=SIZE_1B_BF16
            )
    dataset = option(args, "--dataset")
    if args[0] == "deploy-leaderboard" and dataset:  # the dataset collect --push-to-hub made
        hub.create_repo(
            dataset,
            {"metadata.json": '{"schema_version": 1, "models": ["example-org/sample-7b"]}'},
            repo_type="dataset",
        )
    log = option(args, "--log")
    if log and log.startswith("hf://datasets/"):
        push_logs(
            log.removeprefix("hf://datasets/"),
            option(args, "--repo-id"),
            tmp_path,
            owner,
            monkeypatch,
        )
    env = {
        "AA_BASE_URL": aa_server.url,
        "AA_API_KEY": DEFAULT_KEY,
        "HF_EVAL_CACHE": str(tmp_path / "cache"),
    }
    result = run_cli(*args, token=owner, env=env, cwd=ROOT)
    assert result.returncode == 0, (
        f"{doc}: {line}\nexit {result.returncode}\n{result.stderr[-2000:]}"
    )
    assert "Traceback" not in result.stderr
    assert owner not in result.output and DEFAULT_KEY not in result.output
