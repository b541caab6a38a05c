"""Extraction speed: in-process on a 200 KB README with 30 tables, and whole
`extract-readme --readme-file` processes through `uv run` (warm cache) on that README
and on a small card (examples/sample_card.md): their difference is what the large
README costs beyond the command's start-up.

    uv run python measurements/speed.py
Targets: in-process < 0.2 s, whole process < 1.5 s (issue 2); the large README at most
0.1 s beyond start-up (issue 9; measurements/parser_speed.py breaks it down).
"""

from __future__ import annotations

import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from hfeval.benchmarks import load_registry  # noqa: E402
from hfeval.cells import (  # noqa: E402
    benchmark_core,
    is_score_cell,
    is_setting_only,
    name_qualifiers,
    parse_setting,
    parse_values,
)
from hfeval.extraction import extract  # noqa: E402
from hfeval.naming import Target  # noqa: E402

BENCHES = [
    "MMLU",
    "MMLU-Pro",
    "GSM8K",
    "MATH",
    "HumanEval",
    "MBPP",
    "ARC-Challenge",
    "HellaSwag",
    "Winogrande",
    "TruthfulQA",
    "BBH",
    "GPQA",
    "IFEval",
    "AIME 2024",
    "LiveCodeBench",
    "DROP",
]
MODELS = ["Llama-3.1-8B", "Qwen2.5-7B", "Gemma-2-9B", "Mistral-7B-v0.3", "Sample-7B"]


def synthetic_readme(target_kb: int = 200, n_tables: int = 30, seed: int = 0) -> str:
    rng = random.Random(seed)
    parts = ["---\nlicense: apache-2.0\n---\n# Sample-7B\n"]
    for i in range(n_tables):
        parts.append(f"\n## Evaluation part {i + 1}\n\nResults of our model against baselines.\n\n")
        if i % 3 == 2:
            rows = "".join(
                "<tr><td>{} (split {})</td>{}</tr>\n".format(
                    b, i + 1, "".join(f"<td><b>{rng.uniform(20, 90):.1f}</b></td>" for _ in MODELS)
                )
                for b in BENCHES
            )
            head = "".join(f"<th>{m}</th>" for m in MODELS)
            parts.append(f"<table>\n<tr><th>Benchmark</th>{head}</tr>\n{rows}</table>\n")
        else:
            parts.append(
                "| Benchmark | " + " | ".join(MODELS) + " |\n" + "|---" * (len(MODELS) + 1) + "|\n"
            )
            for b in BENCHES:
                cells = " | ".join(
                    f"**{rng.uniform(20, 90):.2f}**"
                    if rng.random() < 0.2
                    else f"{rng.uniform(20, 90):.2f}"
                    for _ in MODELS
                )
                parts.append(f"| {b} (5-shot, split {i + 1}) | {cells} |\n")
    text = "".join(parts)
    filler = "Lorem ipsum dolor sit amet, consectetur adipiscing elit. " * 20 + "\n\n"
    while len(text.encode()) < target_kb * 1024:
        text += filler
    return text


# Every memo a command fills as it reads a card: cleared before each in-process run.
COLD_CACHES = (
    parse_values,
    parse_setting,
    is_score_cell,
    is_setting_only,
    benchmark_core,
    name_qualifiers,
)


def main() -> int:
    text = synthetic_readme()
    registry = load_registry()
    target = Target.build(None, "example-org/Sample-7B")
    result = extract(text, target, registry)
    times = []
    for _ in range(7):
        for memo in COLD_CACHES:
            memo.cache_clear()  # each run starts cold, as one command does
        start = time.perf_counter()
        extract(text, target, registry)
        times.append(time.perf_counter() - start)
    n_tables = len(result.tables)
    print(
        f"in-process: {len(text) / 1024:.0f} KB, {n_tables} tables, {len(result.results)} results: "
        f"median {statistics.median(times):.3f} s (target < 0.2 s)"
    )

    uv = shutil.which("uv")
    with tempfile.TemporaryDirectory() as tmp:
        card = Path(tmp) / "README.md"
        card.write_text(text, encoding="utf-8")
        cmd = (
            [
                uv,
                "run",
                "--quiet",
                str(ROOT / "scripts" / "evaluation_manager.py"),
                "extract-readme",
                "--readme-file",
                str(card),
                "--repo-id",
                "example-org/Sample-7B",
            ]
            if uv
            else None
        )
        if cmd is None:
            print("whole process: uv not found, not measured")
            return 0
        small = [str(ROOT / "examples" / "sample_card.md") if a == str(card) else a for a in cmd]
        # The two commands take turns, so a load that comes and goes on this shared machine
        # falls on both alike; 9 runs each, after one that warms uv's cache.
        commands = {"200 KB card": cmd, "small card": small}
        for command in commands.values():
            subprocess.run(command, capture_output=True)
        runs: dict[str, list[float]] = {label: [] for label in commands}
        status: dict[str, str] = {}
        for _ in range(9):
            for label, command in commands.items():
                start = time.perf_counter()
                proc = subprocess.run(command, capture_output=True, text=True)
                runs[label].append(time.perf_counter() - start)
                status[label] = (
                    "ok"
                    if proc.returncode == 0
                    else f"exit {proc.returncode}: {proc.stderr.strip()[-200:]}"
                )
        medians = {label: statistics.median(times) for label, times in runs.items()}
        for label, times in runs.items():
            print(
                f"whole process, {label} (uv run, warm cache): median {medians[label]:.2f} s, "
                f"best {min(times):.2f} s (target < 1.5 s) [{status[label]}]"
            )
        extra = medians["200 KB card"] - medians["small card"]
        best = min(runs["200 KB card"]) - min(runs["small card"])
        met = "met" if extra <= 0.1 else "NOT met"
        print(
            f"the 200 KB README costs {extra:.2f} s beyond start-up (medians; best runs: "
            f"{best:.2f} s); target <= 0.1 s: {met}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
