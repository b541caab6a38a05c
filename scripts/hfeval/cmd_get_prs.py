"""`get-prs`: open pull requests that touch evaluation results, found from their diffs."""

from __future__ import annotations

import argparse
import json

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
    parser.add_argument("--repo-id", required=True, help="the model repo, e.g. org/name")
    parser.add_argument("--json", action="store_true", help="one JSON object on stdout")


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
        print(json.dumps(payload, indent=2))
        return 0
    if not prs:
        print(f"no open pull request touches evaluation results on {args.repo_id}")
        return 0
    print(f"{len(prs)} open pull request(s) touch evaluation results on {args.repo_id}:")
    for pr in prs:
        print(f"  {pr.describe()}")
    return 0
