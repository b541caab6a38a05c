"""Harness overhead of inspect_eval_uv.py: a 200-sample mock run, start to summary, as a process.

The model is inspect's mockllm with usage-carrying outputs (no network, no GPU), so the
time measured is ours and inspect's: interpreter start, imports, task construction,
200 generate/score cycles, log writing and the summary. The dataset is MMLU-format
(multiple choice, the `choice` scorer); the mock answers 150 of 200 right, and the run
must report exactly 0.75, so a fast wrong run cannot pass as a figure.

    uv run python measurements/inspect_overhead.py            # 3 runs, median
    uv run python measurements/inspect_overhead.py --runs 5 --samples 500
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "inspect_eval_uv.py"


def write_inputs(folder: Path, samples: int) -> tuple[Path, Path, float]:
    rows, rules = [], []
    right = 0
    for i in range(samples):
        question = f"Question number {i:05d}: which option is the correct one?"
        answer = i % 4
        rows.append(
            {
                "question": question,
                "choices": ["w", "x", "y", "z"],
                "answer": answer,
                "subject": "bench",
            }
        )
        correct = i % 4 != 3  # three of every four answered right
        right += correct
        letter = "ABCD"[answer] if correct else "ABCD"[(answer + 1) % 4]
        rules.append({"match": f"Question number {i:05d}:", "output": f"ANSWER: {letter}"})
    data = folder / "mmlu_bench.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in rows))
    responses = folder / "responses.json"
    responses.write_text(json.dumps({"rules": rules, "default": "ANSWER: A"}))
    return data, responses, right / samples


def one_run(folder: Path, data: Path, responses: Path, index: int) -> tuple[float, dict]:
    command = [
        sys.executable, str(SCRIPT), "--model", "bench/mock", "--backend", "mock", "--task", "mmlu",
        "--dataset-file", str(data), "--mock-responses", str(responses),
        "--log-dir", str(folder / f"logs-{index}"),
    ]  # fmt: skip
    start = time.perf_counter()
    proc = subprocess.run(command, capture_output=True, text=True, cwd=folder)
    elapsed = time.perf_counter() - start
    if proc.returncode != 0:
        raise SystemExit(f"run failed ({proc.returncode}): {proc.stderr.strip().splitlines()[-1:]}")
    return elapsed, json.loads(proc.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="inspect-overhead-") as tmp:
        folder = Path(tmp)
        data, responses, expected = write_inputs(folder, args.samples)
        times = []
        for i in range(args.runs):
            elapsed, summary = one_run(folder, data, responses, i)
            task = summary["tasks"][0]
            if task["samples"]["scored"] != args.samples or abs(task["score"] - expected) > 1e-9:
                raise SystemExit(
                    f"wrong result: {task['samples']} score {task['score']} (expected {expected})"
                )
            times.append(elapsed)
            print(
                f"run {i + 1}: {elapsed:.2f} s wall (script's own duration {summary['duration_s']:.2f} s, "
                f"eval of the task {task['duration_s']:.2f} s), score {task['score']:.4f}, "
                f"{task['samples']['scored']} samples"
            )
    median = statistics.median(times)
    print(
        f"inspect_eval_uv.py, {args.samples}-sample mock run, whole process start to summary: "
        f"median {median:.2f} s over {len(times)} runs (min {min(times):.2f} s, max {max(times):.2f} s); "
        f"{args.samples / median:.0f} samples/s including startup"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
