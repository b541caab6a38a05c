"""Every script runs in its own uv environment, the way a user runs it.

`uv run scripts/evaluation_manager.py ...`, `uv run scripts/inspect_eval_uv.py ...` and
`uv run leaderboard/app.py ...` install what the script's PEP 723 header lists, and nothing
from the development venv. A module the header forgets works in the tests' venv and fails
for the user ("No module named 'inspect_ai'"). Two checks:

- static (fast): each header lists the distribution of every third-party module its script
  imports on any path, through the local modules it reaches (scripts/hfeval/*.py for
  evaluation_manager.py, which also loads inspect_eval_uv.py's module level for the task
  table; board.py and views.py for app.py). Imports under `if TYPE_CHECKING:` are not run;
  imports by name through importlib (httpx2/httpx, the backends' torch/vllm) are optional
  by design and not counted. pyproject.toml's dependencies and leaderboard/requirements.txt
  repeat their script's header.
- slow (marked `slow`, run by the suite and CI): the documented commands run with
  `uv run SCRIPT` from the repository root with VIRTUAL_ENV unset and the venv off PATH:
  `--help` of every subcommand and one real command per family, offline or against the
  Hub, Jobs and AA stand-ins, including the Hub-unreachable paths. uv caches each script's
  environment, so a warm run takes seconds; the first resolves from PyPI.
"""

from __future__ import annotations

import ast
import importlib.metadata
import json
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path

import pytest
from conftest import HUB, ROOT, cli_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

SCRIPTS = [
    ROOT / "scripts" / "evaluation_manager.py",
    ROOT / "scripts" / "inspect_eval_uv.py",
    ROOT / "leaderboard" / "app.py",
]
# Modules a script loads without importing them by name (jobs.script_module() executes
# inspect_eval_uv.py's module level inside evaluation_manager.py's process).
LOADED_FILES = {
    "evaluation_manager.py": [ROOT / "scripts" / "inspect_eval_uv.py"],
}
# Import names of distributions the development venv does not install (the job's).
NOT_IN_DEV_VENV = {"inspect_evals": "inspect-evals", "datasets": "datasets"}
HEADER_RE = re.compile(
    r"(?m)^# /// (?P<type>[a-zA-Z0-9-]+)$\s(?P<content>(^#(| .*)$\s)+)^# ///$"
)  # PEP 723's reference expression
SHIPPED_LOG = ROOT / "examples" / "inspect-logs" / "mmlu-mock.eval"


def header(path: Path) -> dict:
    blocks = [
        m for m in HEADER_RE.finditer(path.read_text(encoding="utf-8")) if m["type"] == "script"
    ]
    assert len(blocks) == 1, f"{path.name}: expected one `# /// script` block"
    content = "".join(
        line[2:] if line.startswith("# ") else line[1:]
        for line in blocks[0]["content"].splitlines(keepends=True)
    )
    return tomllib.loads(content)


def declared(path: Path) -> set[str]:
    return {canonicalize_name(Requirement(d).name) for d in header(path).get("dependencies", [])}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imported_names(path: Path, *, module_level_only: bool = False) -> set[str]:
    """Top-level names of the absolute imports the file runs (not under TYPE_CHECKING);
    `module_level_only`: those run when the file is loaded (not inside functions)."""
    names: set[str] = set()

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module.split(".")[0])
        if module_level_only and isinstance(
            node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda
        ):
            return
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return names


def reachable_imports(script: Path) -> dict[str, set[str]]:
    """Third-party import name -> the files that import it, over the local modules reached."""
    found: dict[str, set[str]] = {}
    seen: set[Path] = set()
    todo: list[tuple[Path, bool]] = [(script, False)]
    todo += [(p, True) for p in LOADED_FILES.get(script.name, [])]
    while todo:
        path, module_level_only = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        for name in imported_names(path, module_level_only=module_level_only):
            if name in sys.stdlib_module_names or name == "__future__":
                continue
            local_file, local_package = path.parent / f"{name}.py", path.parent / name
            if local_file.exists():
                todo.append((local_file, False))
            elif (local_package / "__init__.py").exists():
                todo += [(p, False) for p in sorted(local_package.glob("*.py"))]
            else:
                found.setdefault(name, set()).add(str(path.relative_to(ROOT)))
    return found


def distribution(import_name: str) -> str:
    packages = importlib.metadata.packages_distributions()
    if import_name in packages:
        return canonicalize_name(packages[import_name][0])
    assert import_name in NOT_IN_DEV_VENV, (
        f"{import_name}: not installed here; add its distribution to NOT_IN_DEV_VENV"
    )
    return canonicalize_name(NOT_IN_DEV_VENV[import_name])


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_each_header_lists_every_third_party_import(script):
    listed = declared(script)
    missing = {
        f"{distribution(name)} (import {name}: {', '.join(sorted(where))})"
        for name, where in reachable_imports(script).items()
        if distribution(name) not in listed
    }
    assert not missing, f"{script.name}'s `# /// script` header lacks: {sorted(missing)}"


def test_the_walk_sees_the_imports_that_matter():
    """The static check is only as good as its walk: these imports must be found."""
    manager = reachable_imports(ROOT / "scripts" / "evaluation_manager.py")
    assert {"yaml", "huggingface_hub", "inspect_ai", "pyarrow", "requests", "markdown_it"} <= set(
        manager
    )
    assert "inspect_ai" in manager and "scripts/hfeval/inspect_results.py" in manager["inspect_ai"]
    assert "gradio" in reachable_imports(ROOT / "leaderboard" / "app.py")
    script = imported_names(ROOT / "scripts" / "inspect_eval_uv.py", module_level_only=True)
    assert "inspect_ai" not in script  # under TYPE_CHECKING only: the manager loads it cheaply


def test_pyproject_and_the_space_requirements_repeat_their_headers():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    manager = header(ROOT / "scripts" / "evaluation_manager.py")
    assert sorted(project["dependencies"]) == sorted(manager["dependencies"])
    requirements = [
        line.strip()
        for line in (ROOT / "leaderboard" / "requirements.txt").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert sorted(requirements) == sorted(header(ROOT / "leaderboard" / "app.py")["dependencies"])


# --------------------------------------------------------------------------- uv run, for real


# What uv itself needs from the user's shell to reach its index: its own settings, the
# proxies and the certificate store (never passed to the scripts' Hub clients otherwise).
_UV_NETWORK = ("SSL_CERT_FILE", "SSL_CERT_DIR", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY",
               "NO_PROXY", "XDG_CACHE_HOME")  # fmt: skip


def uv_environment(tmp_path: Path, token: str | None = None, **extra: str) -> dict[str, str]:
    """What a user's shell passes: no VIRTUAL_ENV, the development venv off PATH."""
    env = cli_environment(
        extra.pop("HF_ENDPOINT", HUB.url), home=tmp_path / "hf-home", lock_dir=tmp_path / "locks",
        token=token,
    )  # fmt: skip
    env.update(
        (key, value)
        for key, value in os.environ.items()
        if (key.startswith("UV_") and key != "UV_PROJECT_ENVIRONMENT") or key.upper() in _UV_NETWORK
    )
    venv_bin = str(Path(sys.executable).parent)
    env["PATH"] = os.pathsep.join(p for p in env["PATH"].split(os.pathsep) if p != venv_bin)
    env.update(extra)
    assert "VIRTUAL_ENV" not in env
    return env


@pytest.fixture(scope="module")
def uv() -> str:
    path = shutil.which("uv")
    assert path, "uv is needed to run the scripts as users do (.ci/run installs it)"
    return path


class UvRunner:
    def __init__(self, uv: str, tmp_path: Path):
        self.uv, self.tmp_path, self.times = uv, tmp_path, []

    def __call__(self, script: str, *args: str, token: str | None = None, timeout: float = 600,
                 **env: str) -> subprocess.CompletedProcess:  # fmt: skip
        start = time.monotonic()
        proc = subprocess.run(
            [self.uv, "run", "--quiet", script, *args],
            cwd=ROOT,
            env=uv_environment(self.tmp_path, token, **env),
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        self.times.append((" ".join([script, *args])[:80], time.monotonic() - start))
        return proc


@pytest.fixture
def uv_run(uv, tmp_path):
    return UvRunner(uv, tmp_path)


def ok(proc: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    assert proc.returncode == 0, f"exit {proc.returncode}\n{proc.stderr[-3000:]}"
    assert "Traceback" not in proc.stderr
    return proc


def one_error_line(proc: subprocess.CompletedProcess, code: int) -> str:
    assert proc.returncode == code, f"exit {proc.returncode}\n{proc.stderr[-3000:]}"
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), proc.stderr[-3000:]
    assert "No module named" not in lines[0]
    return lines[0]


def _closed_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


MANAGER = "scripts/evaluation_manager.py"


@pytest.mark.slow
def test_evaluation_manager_commands_run_in_the_scripts_own_environment(uv_run, hub, tmp_path):
    from aa_stub import DEFAULT_KEY, AAStub
    from hfeval.cli import _command_modules
    from jobs_stub import JobsStub

    # --help of the tool and of every subcommand
    assert "run-eval" in ok(uv_run(MANAGER, "--help")).stdout
    for module in _command_modules():
        assert module.NAME in ok(uv_run(MANAGER, module.NAME, "--help")).stdout

    # local files, no network: tables, extraction, validation, an inspect log the project ships
    sample = "examples/sample_card.md"
    ok(
        uv_run(
            MANAGER, "inspect-tables", "--readme-file", sample, "--repo-id", "example-org/sample-7b"
        )
    )
    extracted = ok(uv_run(MANAGER, "extract-readme", "--readme-file", sample, "--repo-id",
                          "example-org/sample-7b", "--json"))  # fmt: skip
    assert json.loads(extracted.stdout)["results"]
    ok(uv_run(MANAGER, "validate", "--readme-file", sample))
    imported = ok(
        uv_run(MANAGER, "import-inspect", "--log", str(SHIPPED_LOG.relative_to(ROOT)), "--json")
    )
    (mmlu,) = json.loads(imported.stdout)["results"]
    assert (mmlu["benchmark_id"], mmlu["value"]) == ("mmlu", 75.0)

    # the Hub and Jobs stand-ins: read a card, size and preview a job, a job's status
    jobs = JobsStub(hub).install()
    token = hub.add_user("alice", orgs=["example-org"])
    hub.create_repo(
        "example-org/sample-7b",
        {"README.md": (ROOT / sample).read_text(encoding="utf-8"), "config.json": "{}"},
        safetensors={"parameters": {"BF16": 6_738_415_616}, "total": 6_738_415_616},
    )
    ok(uv_run(MANAGER, "show", "--repo-id", "example-org/sample-7b", token=token))
    dry = ok(uv_run(MANAGER, "run-eval", "--model", "example-org/sample-7b", "--task", "mmlu_5_shot",
                    "--dry-run", token=token))  # fmt: skip
    assert dry.stdout.startswith("hf jobs uv run --flavor a10g-small ")
    job_id = jobs.add_job("alice", stage="COMPLETED")
    assert "COMPLETED" in ok(uv_run(MANAGER, "job-status", f"alice/{job_id}", token=token)).stdout

    # Artificial Analysis (requests)
    with AAStub() as aa:
        ok(uv_run(MANAGER, "import-aa", "--list", "--creator-slug", "anthropic",
                  AA_BASE_URL=aa.url, AA_API_KEY=DEFAULT_KEY, HF_EVAL_CACHE=str(tmp_path / "aa")))  # fmt: skip

    # collect writes parquet (pyarrow)
    out = tmp_path / "collected"
    ok(uv_run(MANAGER, "collect", "--limit", "5", "--output", str(out), token=token))
    assert (out / "metadata.json").exists()

    # the Hub unreachable: one line, never a missing module
    down = f"http://127.0.0.1:{_closed_port()}"
    for args in (
        ["run-eval", "--model", "example-org/sample-7b", "--task", "mmlu", "--dry-run"],
        ["job-status", "alice/687fb701029421ae5549d998"],
        ["show", "--repo-id", "example-org/sample-7b"],
    ):
        line = one_error_line(uv_run(MANAGER, *args, token=token, HF_ENDPOINT=down), 1)
        assert line.startswith(f"error: cannot reach the Hub at {down}"), line
    warm = sum(seconds for _, seconds in uv_run.times)
    print(f"\n{len(uv_run.times)} uv runs in {warm:.1f} s")


@pytest.mark.slow
def test_inspect_eval_script_runs_in_its_own_environment(uv_run, tmp_path):
    script = "scripts/inspect_eval_uv.py"
    assert "--task" in ok(uv_run(script, "--help")).stdout
    tasks = json.loads(ok(uv_run(script, "--list-tasks")).stdout)
    assert "mmlu_5_shot" in json.dumps(tasks)
    responses = tmp_path / "responses.json"
    responses.write_text(json.dumps({"rules": [], "default": "ANSWER: B"}))
    run = ok(uv_run(
        script, "--model", "example-org/sample-7b", "--backend", "mock", "--mock-responses",
        str(responses), "--task", "mmlu", "--dataset-file", "mmlu=tests/data/mmlu.jsonl",
        "--log-dir", str(tmp_path / "logs"),
    ))  # fmt: skip
    summary = json.loads(run.stdout)
    assert summary["ok"] and summary["tasks"][0]["samples"]["scored"] == 4


@pytest.mark.slow
def test_leaderboard_app_runs_in_its_own_environment(uv_run, hub):
    app = "leaderboard/app.py"
    assert "--dataset" in ok(uv_run(app, "--help")).stdout
    missing = one_error_line(uv_run(app, "--dataset", "example-org/missing"), 1)
    assert "example-org/missing" in missing
    down = f"http://127.0.0.1:{_closed_port()}"
    line = one_error_line(uv_run(app, "--dataset", "example-org/evals", HF_ENDPOINT=down), 1)
    assert "example-org/evals" in line
