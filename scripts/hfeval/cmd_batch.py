"""`batch`: extraction (and the AA import) for many models; a report, or one PR a model."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .cmd_trending import (
    add_concurrency_argument,
    add_source_arguments,
    check_concurrency,
    load_aa_catalog,
    parse_sources,
)
from .errors import EXIT_NOTHING, EXIT_OK, EXIT_REFUSED, UsageError

EXIT_INTERRUPTED = 130  # as the command line answers Ctrl-C anywhere else

NAME = "batch"
HELP = "extract results for many models (trending or --repos FILE): a report, or one PR each"
ORDER = 61
DESCRIPTION = """Run README extraction (and, with --sources readme,aa, the Artificial Analysis
import for models whose tables give nothing) for the trending models or a list of repos.
Without --create-pr it writes a report and touches nothing on the Hub: batch.jsonl (one
line a model) and batch.md (model, status, values found, conflicts, left out) in --report.
With --create-pr: at most one PR a model, every guard of the single-model commands
(an open results PR refuses a new one, a disagreeing value is a conflict, an ambiguous
table gives nothing), --pause seconds between two PRs, --max-prs N stops after N.
Resumable: a rerun skips the models a --create-pr run already handled (a preview never
makes a model skipped); Ctrl-C leaves every finished line of the report whole. Two batch
processes on one machine never open a PR twice (the per-repo lock every --create-pr
takes, $HFEVAL_LOCK_DIR).

statuses: would-open-pr (preview), pr-opened, open-pr (a results PR is open already),
  up-to-date, conflict, ambiguous, nothing, gated, no-card, broken-card, error"""
EPILOG = """exit: 0 done; 3 nothing left to do (all handled before); 4 some models failed (error);
  130 interrupted (the report holds every model finished; rerun to go on)

example:
  uv run scripts/evaluation_manager.py batch --from-trending 100 --report batch-report
  uv run scripts/evaluation_manager.py batch --from-trending 100 --create-pr --max-prs 10 --report batch-report
  uv run scripts/evaluation_manager.py batch --repos repos.txt --sources readme,aa --aa-json aa.json --json"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    which = parser.add_mutually_exclusive_group(required=True)
    which.add_argument("--from-trending", type=int, metavar="N", help="the N top trending models")
    which.add_argument(
        "--repos", type=Path, metavar="FILE", help="repo ids, one a line (# comments allowed)"
    )
    parser.add_argument("--pipeline-tag", help="with --from-trending: only this pipeline tag")
    add_source_arguments(parser)
    parser.add_argument(
        "--create-pr",
        action="store_true",
        help="open one pull request per model with new results (default: report only)",
    )
    parser.add_argument(
        "--report",
        type=Path,
        default=Path("batch-report"),
        metavar="DIR",
        help="where batch.jsonl and batch.md go (default batch-report/); also what a rerun resumes from",
    )
    parser.add_argument(
        "--max-prs",
        type=int,
        metavar="N",
        help="stop after opening N PRs (in a preview: after the N it would open)",
    )
    parser.add_argument(
        "--pause",
        type=float,
        default=5.0,
        metavar="SECONDS",
        help="wait between two PRs (default 5)",
    )
    add_concurrency_argument(parser)
    parser.add_argument("--json", action="store_true", help="one JSON object on stdout")


def run(args: argparse.Namespace) -> int:
    from .batch import BatchRequest, run_batch
    from .benchmarks import load_registry
    from .collect import list_targets, read_repos_file
    from .hub import HubClient

    check_concurrency(args.concurrency)
    if args.from_trending is not None and args.from_trending < 1:
        raise UsageError("--from-trending must be at least 1")
    if args.max_prs is not None and args.max_prs < 1:
        raise UsageError("--max-prs must be at least 1")
    if args.pause < 0:
        raise UsageError("--pause cannot be negative")
    sources = parse_sources(args.sources)
    catalog = load_aa_catalog(args, sources)
    client = HubClient()
    if args.create_pr and not client.has_token:
        raise UsageError(
            "--create-pr needs a Hugging Face token: set HF_TOKEN or run `hf auth login`"
        )
    targets, failed = list_targets(
        client,
        limit=args.from_trending or 0,
        repos=read_repos_file(args.repos) if args.repos else None,
        pipeline_tag=args.pipeline_tag,
        concurrency=args.concurrency,
    )
    request = BatchRequest(
        report_dir=args.report,
        create_pr=args.create_pr,
        sources=frozenset(sources),
        max_prs=args.max_prs,
        pause=args.pause,
        concurrency=args.concurrency,
    )
    run_ = run_batch(
        targets, request, client=client, registry=load_registry(), aa_catalog=catalog, failed=failed
    )
    code = EXIT_OK
    if run_.stopped == "interrupted":
        code = EXIT_INTERRUPTED
    elif run_.failed:
        code = EXIT_REFUSED
    elif not run_.outcomes and run_.skipped:
        code = EXIT_NOTHING
    if args.json:
        payload = {
            "ok": not run_.failed,
            "mode": request.mode,
            "counts": run_.counts,
            "prs_opened": run_.prs_opened,
            "skipped": run_.skipped,
            "stopped": run_.stopped,
            "report": str(run_.report),
            "markdown": str(run_.markdown),
            "models": [o.to_dict() for o in run_.outcomes],
            "exit_code": code,
        }
        print(json.dumps(payload, indent=2))
        return code
    for o in run_.outcomes:
        where = f" {o.pr_url}" if o.pr_url else ""
        print(f"{o.repo_id}  [{o.status}] {o.detail}{where}")
    counts = ", ".join(f"{n} {status}" for status, n in sorted(run_.counts.items()))
    print(
        f"batch ({request.mode}): {len(run_.outcomes)} models ({counts or 'none'}); "
        f"{run_.prs_opened} PR(s) opened; {len(run_.skipped)} handled before, skipped"
        + (f"; stopped: {run_.stopped}" if run_.stopped else "")
    )
    print(f"report: {run_.report} and {run_.markdown}")
    if run_.failed:
        print(f"{len(run_.failed)} model(s) failed; rerun to retry them", file=sys.stderr)
    return code
