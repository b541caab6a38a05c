"""Figures for `import-aa`: AA requests and wall time, against the local stand-ins.

(a) With the catalog cached, one `import-aa` preview as a whole process
    (`python scripts/evaluation_manager.py import-aa ... --aa-base-url <stub>`):
    AA requests (target 0) and wall time (target < 1.5 s), with and without a card to read.
(b) A batch of 100 models (`import-aa --batch FILE`, cold cache): AA requests (target 1).

Run: uv run python measurements/aa_speed.py [--runs N]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "evaluation_manager.py"
sys.path.insert(0, str(ROOT / "tests"))

from aa_stub import DEFAULT_KEY, AAStub, generated_catalog, realistic_catalog  # noqa: E402
from hub_stub import HubStub  # noqa: E402

CARD = "---\nlicense: apache-2.0\n---\n# Model\n"


def run(
    args: list[str], env: dict[str, str], launcher: tuple[str, ...] = (sys.executable,)
) -> tuple[float, subprocess.CompletedProcess]:
    start = time.perf_counter()
    proc = subprocess.run(
        [*launcher, str(SCRIPT), *args], env=env, capture_output=True, text=True, cwd=ROOT
    )
    return time.perf_counter() - start, proc


def check(proc: subprocess.CompletedProcess, allowed=(0,)) -> None:
    if proc.returncode not in allowed:
        sys.exit(f"command failed ({proc.returncode}): {proc.stderr.strip()[-500:]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="timed runs per figure (median shown)")
    options = parser.parse_args()

    hub = HubStub().start()
    work = Path(tempfile.mkdtemp(prefix="aa-speed-"))
    env = {
        **{k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG", "TMPDIR")},
        "HF_ENDPOINT": hub.url,
        "HF_HOME": str(work / "hf-home"),
        "HF_HUB_DISABLE_TELEMETRY": "1",
        "AA_API_KEY": DEFAULT_KEY,
    }

    # (a) one model, catalog cached
    with AAStub(realistic_catalog()) as aa:
        env_a = {**env, "HF_EVAL_CACHE": str(work / "cache-a")}
        if os.environ.get("UV_CACHE_DIR"):
            env_a["UV_CACHE_DIR"] = os.environ["UV_CACHE_DIR"]
        hub.create_repo("target/model", {"README.md": CARD})
        base = [
            "import-aa",
            "--creator-slug",
            "anthropic",
            "--model-name",
            "claude-sonnet-4",
            "--aa-base-url",
            aa.url,
        ]
        _, warm = run(base, env_a)  # fills the cache (1 request)
        check(warm)
        before = aa.catalog_requests
        timings: dict[str, list[float]] = {}
        cases = [("python, no card", base, (sys.executable,))]
        cases.append(("python, card", [*base, "--repo-id", "target/model"], (sys.executable,)))
        if shutil.which("uv"):  # the seed command's launcher (PEP 723 environment, cached)
            uv = ("uv", "run", "--quiet")
            check(run(base, env_a, uv)[1])  # warm uv's script environment
            cases.append(("uv run, card", [*base, "--repo-id", "target/model"], uv))
        for _ in range(options.runs):
            for label, args, launcher in cases:
                seconds, proc = run(args, env_a, launcher)
                check(proc)
                timings.setdefault(label, []).append(seconds)
        cached_requests = aa.catalog_requests - before
    print(
        "(a) import-aa preview, one model, catalog cached (whole process, python "
        f"{sys.version_info.major}.{sys.version_info.minor}):"
    )
    runs = sum(len(v) for v in timings.values())
    print(f"    AA requests over {runs} runs: {cached_requests} (target 0)")
    for label, values in timings.items():
        print(
            f"    {label:<18} median {statistics.median(values):.2f} s, "
            f"max {max(values):.2f} s over {len(values)} runs (target < 1.5 s)"
        )

    # (b) a batch of 100 models, cold cache
    count = 100
    with AAStub(generated_catalog(count + 20)) as aa:
        env_b = {**env, "HF_EVAL_CACHE": str(work / "cache-b")}
        lines = []
        for i in range(count):
            repo = f"org-{i % 10}/model-{i:04d}"
            hub.create_repo(repo, {"README.md": CARD})
            lines.append(json.dumps({"model_name": f"Model {i:04d}", "repo_id": repo}))
        batch = work / "batch.jsonl"
        batch.write_text("\n".join(lines) + "\n")
        seconds, proc = run(
            ["import-aa", "--batch", str(batch), "--aa-base-url", aa.url, "--json"], env_b
        )
        check(proc)
        report = json.loads(proc.stdout)
        done = sum(1 for item in report["items"] if item["ok"])
    print(f"(b) import-aa --batch, {count} models previewed against {count} cards, cold cache:")
    print(
        f"    AA requests: {aa.catalog_requests} (target 1); {done}/{count} models done; "
        f"wall time {seconds:.1f} s"
    )
    hub.stop()


if __name__ == "__main__":
    main()
