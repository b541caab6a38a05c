"""Extraction accuracy on a labelled corpus of real model cards (default: ../shared/corpus).

Runs the corpus's own scorer over `extract-readme` exactly as a user runs it (one process
per card), in two ways:
  named:   the model's name as the card prints it (--model-name) plus the repo id;
  repo-id: the repo id alone (the target name is the repo's name).
"Nothing extracted" (exit 3) counts as an empty answer, as it should on negative cards.

    uv run python benchmarks/accuracy.py [--corpus PATH] [-v]
"""

from __future__ import annotations

import argparse
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MANAGER = ROOT / "scripts" / "evaluation_manager.py"


def command(named: bool) -> str:
    base = f"{shlex.quote(sys.executable)} {shlex.quote(str(MANAGER))} extract-readme --readme-file {{card}} --repo-id {{repo_id}} --no-compare --json"
    if named:
        base += " --model-name {model}"
    # exit 3 is "nothing extracted": an empty answer, not a failure.
    return f"{base} 2>/dev/null; rc=$?; [ $rc -eq 3 ] && exit 0; exit $rc"


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--corpus", default=str(ROOT.parent / "shared" / "corpus"))
    parser.add_argument("-v", action="store_true", help="per-card misses and spurious pairs")
    args = parser.parse_args()
    corpus = Path(args.corpus)
    if not (corpus / "score.py").exists():
        print(f"no corpus at {corpus} (expected score.py, labels/, cards/)", file=sys.stderr)
        return 1
    for label, named in (("named", True), ("repo-id", False)):
        cmd = [sys.executable, "score.py", "labels", "cards", command(named), "--timeout", "60"]
        if args.v:
            cmd.append("-v")
        out = subprocess.run(cmd, cwd=corpus, capture_output=True, text=True)
        if args.v:
            print(out.stdout)
        last = [line for line in out.stdout.splitlines() if line.startswith("precision")]
        errors = [line for line in out.stdout.splitlines() if line.startswith("cards errored")]
        print(f"{label:8s} {last[-1] if last else 'no result: ' + out.stderr.strip()[-300:]}")
        if errors:
            print(f"         {errors[-1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
