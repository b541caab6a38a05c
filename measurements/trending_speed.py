"""Figures for issue 10: `collect`, `trending` and `batch` over 100 trending models.

    uv run python measurements/trending_speed.py [--models 100] [--latency 0.05] [--concurrency N]

The Hub stand-in (tests/hub_stub.py, seeded by tests/trending_seed.py with 100 models in
every state) runs in a child process, so its threads do not share our interpreter lock,
and answers every request after `--latency` seconds. The tool runs in this process
through its library calls (what the commands call), each timed run with a fresh
huggingface_hub cache so nothing is served from disk that a first run would fetch.

Targets: collect of 100 models < 10 s and >= 5x faster than --concurrency 1; trending
--limit 100 likewise; a second collect with nothing changed makes one listing call plus
at most one request a model; batch --from-trending 100 (preview): wall time and requests.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from hfeval.fanout import DEFAULT_CONCURRENCY  # noqa: E402  (imports no Hub client)

SERVER = r"""
import sys, time
sys.path[:0] = [{tests!r}]
from hub_stub import HubStub, StubResponse
from trending_seed import seed
stub = HubStub().start()
seed(stub, {models})
stub.delay({latency})
def count(req):
    return {{"requests": sum(1 for r in stub.log if not r.path.startswith("/_stub"))}}
def clear(req):
    stub.clear_log()
    return {{}}
stub.add_route("GET", r"/_stub/count", count)
stub.add_route("POST", r"/_stub/clear", clear)
print(stub.url, flush=True)
while True:
    time.sleep(60)
"""


def _stub(models: int, latency: float) -> tuple[subprocess.Popen, str]:
    code = SERVER.format(tests=str(ROOT / "tests"), models=models, latency=latency)
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    url = proc.stdout.readline().strip()
    return proc, url


def _control(url: str, what: str) -> dict:
    method = "POST" if what == "clear" else "GET"
    # The stand-in delays every request; these control calls are not counted.
    request = urllib.request.Request(
        f"{url}/_stub/{what}", method=method, data=b"" if method == "POST" else None
    )
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read() or b"{}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--models", type=int, default=100)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--concurrency", type=int, default=DEFAULT_CONCURRENCY)
    args = parser.parse_args()

    proc, url = _stub(args.models, args.latency)
    home = tempfile.mkdtemp(prefix="hfeval-speed-")
    os.environ.update(HF_ENDPOINT=url, HF_HOME=home, HF_HUB_DISABLE_TELEMETRY="1")
    for name in ("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN"):
        os.environ.pop(name, None)
    from hfeval.batch import BatchRequest, run_batch
    from hfeval.benchmarks import load_registry
    from hfeval.collect import CollectRequest, collect, list_targets
    from hfeval.hub import HubClient
    from hfeval.trending import trending

    registry = load_registry()

    def client() -> HubClient:
        return HubClient(cache_dir=tempfile.mkdtemp(dir=home))

    def timed(func):
        _control(url, "clear")
        start = time.perf_counter()
        value = func()
        return time.perf_counter() - start, _control(url, "count")["requests"], value

    out = Path(tempfile.mkdtemp(dir=home))
    figures: list[tuple[str, str, bool | None]] = []
    try:

        def run_collect(concurrency: int, output: Path, full: bool = True):
            request = CollectRequest(
                output=output, limit=args.models, concurrency=concurrency, full=full
            )
            return collect(request, client=client(), registry=registry)

        fast_s, fast_n, fast = timed(lambda: run_collect(args.concurrency, out / "fast"))
        slow_s, slow_n, _ = timed(lambda: run_collect(1, out / "slow"))
        ratio = slow_s / fast_s
        figures += [
            (
                f"collect {args.models} models, --concurrency {args.concurrency}",
                f"{fast_s:.2f} s, {fast_n} requests, {fast.metadata['n_results']} values, counts {fast.counts}",
                fast_s < 10,
            ),
            ("collect, --concurrency 1", f"{slow_s:.2f} s, {slow_n} requests", None),
            ("collect speed-up", f"{ratio:.1f}x (target >= 5x)", ratio >= 5),
        ]
        again_s, again_n, again = timed(
            lambda: run_collect(args.concurrency, out / "fast", full=False)
        )
        figures.append(
            (
                "second collect, nothing changed",
                f"{again_n} requests for {args.models} models ({len(again.reused)} not read again), {again_s:.2f} s",
                again_n <= 1 + args.models,
            )
        )

        def run_trending(concurrency: int):
            return trending(client(), registry, limit=args.models, concurrency=concurrency)

        t_fast_s, t_fast_n, report = timed(lambda: run_trending(args.concurrency))
        t_slow_s, t_slow_n, _ = timed(lambda: run_trending(1))
        t_ratio = t_slow_s / t_fast_s
        figures += [
            (
                f"trending --limit {args.models}, --concurrency {args.concurrency}",
                f"{t_fast_s:.2f} s, {t_fast_n} requests; {report.summary()}",
                t_fast_s < 10,
            ),
            ("trending, --concurrency 1", f"{t_slow_s:.2f} s, {t_slow_n} requests", None),
            ("trending speed-up", f"{t_ratio:.1f}x (target >= 5x)", t_ratio >= 5),
        ]

        def run_preview():
            c = client()
            targets, failed = list_targets(
                c, limit=args.models, repos=None, pipeline_tag=None, concurrency=args.concurrency
            )
            request = BatchRequest(report_dir=out / "batch", concurrency=args.concurrency, pause=0)
            return run_batch(targets, request, client=c, registry=registry, failed=failed)

        b_s, b_n, batch = timed(run_preview)
        figures.append(
            (
                f"batch --from-trending {args.models} (preview), --concurrency {args.concurrency}",
                f"{b_s:.2f} s, {b_n} requests; {dict(sorted(batch.counts.items()))}",
                None,
            )
        )
    finally:
        proc.terminate()

    print(f"stand-in: {args.models} models, {args.latency * 1000:.0f} ms per request")
    for name, value, met in figures:
        mark = "" if met is None else ("  [target met]" if met else "  [TARGET MISSED]")
        print(f"  {name}: {value}{mark}")
    return 0 if all(met is not False for _, _, met in figures) else 1


if __name__ == "__main__":
    sys.exit(main())
