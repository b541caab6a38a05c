"""Shared fixtures: one local Hub stand-in per test session, fresh state per test.

huggingface_hub reads HF_ENDPOINT (and HF_HOME) once, when it is imported, and a
pytest process imports it once. So the stand-in is started here, when pytest loads
this file and before any test module imports huggingface_hub, and the environment
points at it for the whole session. Each test gets a clean state through `hub`
(which calls `reset()`), and command-line tests run the real script as a subprocess
with their own HF_HOME, so nothing cached leaks between tests.
"""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "evaluation_manager.py"
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "tests"))

from hub_stub import HubStub  # noqa: E402

if "huggingface_hub" in sys.modules:  # pragma: no cover - would silently talk to the real Hub
    raise RuntimeError("huggingface_hub was imported before tests/conftest.py set HF_ENDPOINT")

_SESSION_HOME = tempfile.mkdtemp(prefix="hfeval-tests-hf-home-")
atexit.register(shutil.rmtree, _SESSION_HOME, True)
# The per-repo write locks (hfeval/locks.py) of every test, in-process or not: never the
# user's ~/.cache.
_SESSION_LOCKS = str(Path(_SESSION_HOME) / "locks")

HUB = HubStub().start()
atexit.register(HUB.stop)

for _name in ("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "HF_HUB_TOKEN", "HF_HUB_OFFLINE"):
    os.environ.pop(_name, None)
os.environ.update(
    {
        "HF_ENDPOINT": HUB.url,
        "HF_HOME": _SESSION_HOME,
        "HF_HUB_DISABLE_TELEMETRY": "1",
        "HF_HUB_DISABLE_PROGRESS_BARS": "1",
        # Retries back off in milliseconds here; the defaults are seconds.
        "HFEVAL_RETRY_DELAY": "0.01",
        "HFEVAL_LOCK_DIR": _SESSION_LOCKS,
    }
)


@pytest.fixture
def hub() -> HubStub:
    """The session's Hub stand-in, reset to an empty state for this test."""
    HUB.reset()
    yield HUB
    HUB.reset()


@pytest.fixture
def alice(hub):
    """A user of the org `acme` (the org that owns most test repos); a module whose tests
    need another alice defines its own."""
    return hub.add_user("alice", orgs=["acme"])


@dataclass
class CLIResult:
    returncode: int
    stdout: str
    stderr: str

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def cli_environment(
    endpoint: str, *, home: Path | str, lock_dir: Path | str, token: str | None = None
) -> dict[str, str]:
    """The environment a command-line run of the script gets in tests: only what a user's
    shell would pass through, the stand-in's endpoint, its own HF_HOME and lock folder,
    and HF_TOKEN only when `token` is given."""
    environment = {
        key: value
        for key, value in os.environ.items()
        if key in ("PATH", "HOME", "LANG", "LC_ALL", "SYSTEMROOT", "TMPDIR", "UV_CACHE_DIR")
    }
    environment.update(
        HF_ENDPOINT=endpoint,
        HF_HOME=str(home),
        HF_HUB_DISABLE_TELEMETRY="1",
        HFEVAL_RETRY_DELAY="0.01",
        HFEVAL_LOCK_DIR=str(lock_dir),
        PYTHONIOENCODING="utf-8",
    )
    if token is not None:
        environment["HF_TOKEN"] = token
    return environment


@pytest.fixture
def run_cli(tmp_path):
    """Run `python scripts/evaluation_manager.py ARGS` against the stand-in, as a user would.

    Each call gets its own HF_HOME (no cache or stored token shared between runs) and
    only the environment we give it: HF_ENDPOINT, HF_TOKEN (when `token` is given) and
    HF_HUB_DISABLE_TELEMETRY=1.
    """
    counter = {"n": 0}

    def run(*args: str, token: str | None = None, env: dict | None = None, cwd=None, timeout=60):
        counter["n"] += 1
        home = tmp_path / f"hf-home-{counter['n']}"
        home.mkdir()
        environment = cli_environment(HUB.url, home=home, lock_dir=_SESSION_LOCKS, token=token)
        environment.update(env or {})
        proc = subprocess.run(
            [sys.executable, str(SCRIPT), *map(str, args)],
            capture_output=True,
            text=True,
            env=environment,
            cwd=cwd or ROOT,
            timeout=timeout,
        )
        return CLIResult(proc.returncode, proc.stdout, proc.stderr)

    return run


# Variables run_cli's clean environment leaves out, so an in-process run must not see them.
_NOT_INHERITED = (
    "HF_TOKEN",
    "HUGGING_FACE_HUB_TOKEN",
    "HF_HUB_TOKEN",
    "AA_API_KEY",
    "AA_BASE_URL",
    "HF_EVAL_CACHE",
    "XDG_CACHE_HOME",
)


@pytest.fixture
def cli(tmp_path, capfd, monkeypatch):
    """`cli.main(ARGS)` in this process, with what run_cli gives a subprocess: its own Hub
    download cache per call, HF_TOKEN only when `token` is given, `env` on top, the bundle
    as the working folder; stdout and stderr captured (at the file descriptors, so even a
    library that writes to the real stderr is seen). No interpreter start-up, so a test
    of many commands takes a fraction of the time; run_cli stays for what only a real
    process shows (the script's PEP 723 header, `uv run`, import order)."""
    import huggingface_hub.constants as hf_constants
    from hfeval.cli import main

    counter = {"n": 0}

    def run(*args: str, token: str | None = None, env: dict | None = None, cwd=None):
        counter["n"] += 1
        with monkeypatch.context() as patch:
            for name in _NOT_INHERITED:
                patch.delenv(name, raising=False)
            patch.setattr(hf_constants, "HF_HUB_CACHE", str(tmp_path / f"hub-{counter['n']}"))
            if token is not None:
                patch.setenv("HF_TOKEN", token)
            for key, value in (env or {}).items():
                patch.setenv(key, str(value))
            patch.chdir(cwd or ROOT)
            capfd.readouterr()  # what the test printed before is not this command's output
            code = main([str(arg) for arg in args])
            out, err = capfd.readouterr()
        return CLIResult(code, out, err)

    return run
