"""`trending`: the trending models, each with a status and the next command to run."""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from .errors import EXIT_OK, UsageError
from .fanout import DEFAULT_CONCURRENCY, MAX_CONCURRENCY
from .redact import redact

NAME = "trending"
HELP = "list the trending models with what each needs next (results, PRs, tables, AA, run-eval)"
ORDER = 60
DESCRIPTION = """List the Hub's trending models (sorted by trending score, fields expanded in the
one listing call) and give each a status and the command to run next:
  open-pr        an open PR already touches results: review it (get-prs)
  has-results    results on main: which benchmarks, which format
  readme-tables  README tables name the model: N scores (extract-readme)
  ambiguous      tables hold scores but not clearly the model's: candidates (inspect-tables)
  aa-only        only an Artificial Analysis match (import-aa; needs --sources readme,aa)
  run-eval       nothing to extract: the quest benchmarks it lacks (run-eval)
  gated, no-card, broken-card, error
A summary line counts each status. Models are read --concurrency at a time; the Hub's 429s
are retried after their Retry-After; a model that fails is listed as error, the run goes on.
Reads only."""
EPILOG = """environment: AA_API_KEY (with --sources readme,aa), HF_TOKEN (gated models you accepted)

example:
  uv run scripts/evaluation_manager.py trending --limit 100
  uv run scripts/evaluation_manager.py trending --limit 20 --pipeline-tag text-generation --json
  uv run scripts/evaluation_manager.py trending --sources readme,aa --aa-json aa_models.json"""

SOURCES = ("readme", "aa")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--limit", type=int, default=100, help="how many models (default 100)")
    parser.add_argument("--pipeline-tag", help="only this pipeline tag, e.g. text-generation")
    add_source_arguments(parser)
    add_concurrency_argument(parser)
    parser.add_argument("--json", action="store_true", help="one JSON object on stdout")


def add_concurrency_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--concurrency",
        type=int,
        default=DEFAULT_CONCURRENCY,
        help=f"models read at once (default {DEFAULT_CONCURRENCY}, at most {MAX_CONCURRENCY})",
    )


def add_source_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--sources",
        default="readme",
        help="comma-separated: readme (README tables), aa (Artificial Analysis); default readme",
    )
    parser.add_argument(
        "--aa-json", type=Path, metavar="FILE", help="a saved AA API response (no AA request)"
    )
    parser.add_argument("--aa-base-url", help="AA API base URL (default $AA_BASE_URL)")


def parse_sources(text: str) -> set[str]:
    chosen = {s.strip() for s in text.split(",") if s.strip()}
    unknown = chosen - set(SOURCES)
    if unknown or not chosen:
        raise UsageError(f"--sources takes {', '.join(SOURCES)} (comma-separated), not {text!r}")
    return chosen


def load_aa_catalog(args: argparse.Namespace, sources: set[str]):
    """The AA catalog when --sources names aa (one request a day, cached), else None."""
    if "aa" not in sources:
        return None
    from . import artificial_analysis as aa

    catalog = aa.load_catalog(
        base_url=aa.resolve_base_url(args.aa_base_url),
        api_key=os.environ.get(aa.API_KEY_ENV),
        cache_path=aa.default_cache_path(),
        aa_json=args.aa_json,
        warn=lambda message: print(f"warning: {redact(message)}", file=sys.stderr),
    )
    return catalog


def check_concurrency(value: int) -> None:
    if value < 1:
        raise UsageError("--concurrency must be at least 1")


def run(args: argparse.Namespace) -> int:
    from .benchmarks import load_registry
    from .hub import HubClient
    from .trending import trending

    check_concurrency(args.concurrency)
    if args.limit < 1:
        raise UsageError("--limit must be at least 1")
    catalog = load_aa_catalog(args, parse_sources(args.sources))
    report = trending(
        HubClient(),
        load_registry(),
        limit=args.limit,
        pipeline_tag=args.pipeline_tag,
        concurrency=args.concurrency,
        aa_models=catalog.models if catalog is not None else None,
    )
    if args.json:
        payload = {
            "ok": True,
            "count": len(report.entries),
            "counts": report.counts,
            "aa_checked": report.aa_checked,
            "models": [e.to_dict() for e in report.entries],
        }
        print(json.dumps(payload, indent=2))
        return EXIT_OK
    for entry in report.entries:
        print(f"{entry.rank or '-':>3}. {entry.repo_id}  [{entry.status}] {entry.detail}")
        if entry.candidates:
            print(f"       candidates: {'; '.join(entry.candidates[:6])}")
        if entry.next_command:
            print(f"       next: {entry.next_command}")
    print(report.summary())
    return EXIT_OK
