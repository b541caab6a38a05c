"""Extraction accuracy on labelled sets of real model cards: the development corpus
(../shared/corpus) and measurements/extra_corpus, scored by the corpus's own scorer.

Runs the corpus's own scorer over `extract-readme` exactly as a user runs it (one process
per card), in two ways:
  named:   the model's name as the card prints it (--model-name) plus the repo id;
  repo-id: the repo id alone (the target name is the repo's name).
"Nothing extracted" (exit 3) counts as an empty answer, as it should on negative cards.

    uv run python measurements/accuracy.py [--corpus DIR ...] [--scorer PATH] [-v]
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
    # exit 3 is "nothing extracted": an empty answer (its JSON error object is not results).
    return (
        f'out=$({base} 2>/dev/null); rc=$?; [ $rc -eq 3 ] && exit 0; printf "%s" "$out"; exit $rc'
    )


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    default_dev = ROOT.parent / "shared" / "corpus"
    parser.add_argument(
        "--corpus",
        action="append",
        help="a folder with labels/ and cards/ (repeatable; default: the dev corpus and measurements/extra_corpus)",
    )
    parser.add_argument("--scorer", default=str(default_dev / "score.py"))
    parser.add_argument("-v", action="store_true", help="per-card misses and spurious pairs")
    args = parser.parse_args()
    scorer = Path(args.scorer)
    if not scorer.exists():
        print(f"no scorer at {scorer} (the development corpus's score.py)", file=sys.stderr)
        return 1
    corpora = (
        [Path(c) for c in args.corpus]
        if args.corpus
        else [default_dev, ROOT / "measurements" / "extra_corpus"]
    )
    for corpus in corpora:
        if not (corpus / "labels").is_dir():
            print(f"{corpus}: no labels/ folder, skipped", file=sys.stderr)
            continue
        print(f"{corpus}:")
        for label, named in (("named", True), ("repo-id", False)):
            cmd = [
                sys.executable,
                str(scorer),
                "labels",
                "cards",
                command(named),
                "--timeout",
                "60",
            ]
            if args.v:
                cmd.append("-v")
            out = subprocess.run(cmd, cwd=corpus, capture_output=True, text=True)
            if args.v:
                print(out.stdout)
            last = [line for line in out.stdout.splitlines() if line.startswith("precision")]
            errors = [line for line in out.stdout.splitlines() if line.startswith("cards errored")]
            print(f"  {label:8s} {last[-1] if last else 'no result: ' + out.stderr.strip()[-300:]}")
            if errors and not errors[-1].startswith("cards errored: 0"):
                print(f"           {errors[-1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
