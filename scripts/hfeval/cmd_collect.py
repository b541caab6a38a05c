"""`collect`: the leaderboard's dataset (results and model facts) of the trending models."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .errors import EXIT_OK, UsageError
from .fanout import DEFAULT_CONCURRENCY, MAX_CONCURRENCY

NAME = "collect"
HELP = "collect the published results of the trending models (or --repos FILE) into a dataset"
ORDER = 62
DESCRIPTION = """Read the evaluation results of many models, on main (model-index and
.eval_results) and in open pull requests (closed and merged ones do not count), each value
with its provenance (the authors, a community PR, Artificial Analysis, an own inspect run),
its registry benchmark (exact match, or flagged unmapped), setting and scale; plus the model
facts a leaderboard filters by. Writes results.parquet/.json, models.parquet/.json and
metadata.json to --output (schema: references/leaderboard-dataset.md). A broken card is
reported in metadata.json and skipped. A second run reads again only the models whose card
commit or open PRs changed (collect_state.json in --output; --full reads all).
Reads only, unless --push-to-hub REPO: then the same files and a dataset card go to that
Hub dataset in one commit."""
EPILOG = """example:
  uv run scripts/evaluation_manager.py collect --limit 100 --output leaderboard-data
  uv run scripts/evaluation_manager.py collect --repos repos.txt --output data --json
  uv run scripts/evaluation_manager.py collect --output data --push-to-hub my-org/trending-evals"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    which = parser.add_mutually_exclusive_group()
    which.add_argument(
        "--limit", type=int, default=100, help="how many trending models (default 100)"
    )
    which.add_argument(
        "--repos", type=Path, metavar="FILE", help="repo ids, one a line (# comments allowed)"
    )
    parser.add_argument("--pipeline-tag", help="only trending models of this pipeline tag")
    parser.add_argument("--output", type=Path, required=True, metavar="DIR", help="where to write")
    parser.add_argument(
        "--push-to-hub", metavar="REPO", help="also upload to this Hub dataset, in one commit"
    )
    parser.add_argument(
        "--private", action="store_true", help="with --push-to-hub: create the dataset private"
    )
    parser.add_argument(
        "--concurrency",
        type=int,
        default=DEFAULT_CONCURRENCY,
        help=f"models read at once (default {DEFAULT_CONCURRENCY}, at most {MAX_CONCURRENCY})",
    )
    parser.add_argument(
        "--full", action="store_true", help="read every model again (ignore collect_state.json)"
    )
    parser.add_argument("--json", action="store_true", help="one JSON object on stdout")


def run(args: argparse.Namespace) -> int:
    from .benchmarks import load_registry
    from .collect import CollectRequest, collect, push_to_hub, read_repos_file
    from .hub import HubClient

    if args.concurrency < 1:
        raise UsageError("--concurrency must be at least 1")
    if args.limit is not None and args.limit < 1:
        raise UsageError("--limit must be at least 1")
    request = CollectRequest(
        output=args.output,
        limit=args.limit,
        repos=read_repos_file(args.repos) if args.repos else None,
        pipeline_tag=args.pipeline_tag,
        concurrency=args.concurrency,
        full=args.full,
    )
    client = HubClient()
    collection = collect(request, client=client, registry=load_registry())
    pushed = None
    if args.push_to_hub:
        pushed = push_to_hub(
            client, args.push_to_hub, collection, args.output, private=args.private
        )
    meta = collection.metadata
    if args.json:
        payload = {
            "ok": True,
            "output": str(args.output),
            "files": [str(p) for p in collection.files],
            "models": len(meta["models"]),
            "n_results": meta["n_results"],
            "counts": meta["counts"],
            "reused": collection.reused,
            "problems": meta["problems"],
            "pushed": pushed.to_dict() if pushed else None,
        }
        print(json.dumps(payload, indent=2))
        return EXIT_OK
    counts = ", ".join(f"{n} {status}" for status, n in meta["counts"].items() if n)
    print(
        f"collected {meta['n_results']} values from {len(meta['models'])} models ({counts}); "
        f"{len(collection.reused)} unchanged since the last run -> {args.output}"
    )
    for problem in meta["problems"]:
        print(f"  {problem['status']}: {problem['model_id']}: {problem['detail']}", file=sys.stderr)
    if pushed:
        print(f"pushed to {pushed.commit_url}")
    return EXIT_OK
