"""`get-prs`: open pull requests that touch evaluation results, found from their diffs."""

from __future__ import annotations

import argparse

from . import output
from .arguments import add_json_argument, add_repo_id_argument

NAME = "get-prs"
HELP = "list open PRs that touch model-index or .eval_results (from their diffs)"
ORDER = 50
DESCRIPTION = """List every open pull request on a model repo (all pages) whose diff touches the
README's `model-index` or a `.eval_results/*.yaml` file, with author, date, URL and what it
adds. Run it before --create-pr: that refuses while such a PR is open (--force-new-pr), and
--update-pr N adds to one of yours."""
EPILOG = """example:
  uv run scripts/evaluation_manager.py get-prs --repo-id example-org/sample-7b
  uv run scripts/evaluation_manager.py get-prs --repo-id example-org/sample-7b --json"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_repo_id_argument(parser, required=True)
    add_json_argument(parser)


def run(args: argparse.Namespace) -> int:
    from .hub import HubClient

    prs = HubClient().result_prs(args.repo_id)
    if args.json:
        payload = {
            "ok": True,
            "repo_id": args.repo_id,
            "count": len(prs),
            "pull_requests": [pr.to_dict() for pr in prs],
        }
        output.emit_json(payload)
        return 0
    if not prs:
        output.text(f"no open pull request touches evaluation results on {args.repo_id}")
        return 0
    output.text(f"{len(prs)} open pull request(s) touch evaluation results on {args.repo_id}:")
    for pr in prs:
        output.text(f"  {pr.describe()}")
    return 0
