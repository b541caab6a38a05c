"""`deploy-leaderboard`: the leaderboard app (leaderboard/) to a Hugging Face Space."""

from __future__ import annotations

import argparse

from . import output
from .arguments import add_json_argument
from .errors import EXIT_NOTHING, EXIT_OK

NAME = "deploy-leaderboard"
HELP = "upload the leaderboard app to a Space (preview by default; --apply to write)"
ORDER = 64
DESCRIPTION = """Upload the leaderboard app (leaderboard/: app.py, board.py, views.py,
requirements.txt, README.md with the Space front matter) to a Gradio Space, in one commit.
The Space also gets models.txt and `models:` in its README metadata, naming every model
the leaderboard shows (the dataset's with --dataset, else the shipped snapshot's), so the
Hub lists the Space on each of those models' pages; and dataset.txt, the Hub dataset the
app reads (made by `collect --push-to-hub`; empty without --dataset: the app then shows
its data/ snapshot, uploaded with --with-snapshot).

Preview by default: the files and what would change against the Space's current files,
nothing written. --apply creates the Space if needed (public unless --private) and writes
the changed files; a run with nothing to change says so and exits 3. Run it again after
each refresh of the dataset to keep the model list in step (README: scheduled refresh)."""
EPILOG = """example:
  uv run scripts/evaluation_manager.py deploy-leaderboard --space my-org/leaderboard --with-snapshot
  uv run scripts/evaluation_manager.py deploy-leaderboard --space my-org/leaderboard --dataset my-org/trending-evals --apply"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--space", required=True, help="the Space repo, e.g. my-org/leaderboard")
    parser.add_argument(
        "--dataset",
        metavar="DATASET_REPO",
        help="the Hub dataset the Space reads (made by collect --push-to-hub)",
    )
    parser.add_argument(
        "--with-snapshot",
        action="store_true",
        help="also upload the snapshot in leaderboard/data/ (shown when no dataset is set)",
    )
    parser.add_argument(
        "--apply",
        action="store_true",
        help="write to the Space (created if missing); without it, a preview",
    )
    parser.add_argument(
        "--private", action="store_true", help="with --apply: create the Space private"
    )
    add_json_argument(parser)


def run(args: argparse.Namespace) -> int:
    from .deploy import deploy, plan_deploy
    from .hub import HubClient

    client = HubClient()
    plan = plan_deploy(client, args.space, dataset=args.dataset, with_snapshot=args.with_snapshot)
    outcome = deploy(client, plan, apply=args.apply, private=args.private)
    if args.json:
        output.emit_json(outcome.to_dict())
    else:
        _render(outcome)
    return EXIT_NOTHING if outcome.status == "up-to-date" else EXIT_OK


def _render(outcome) -> None:
    plan = outcome.plan
    if outcome.status == "up-to-date":
        output.text(f"spaces/{plan.space} is already up to date ({len(plan.models)} models)")
        return
    if outcome.status == "committed":
        created = " (created)" if outcome.created else ""
        output.text(f"deployed to {outcome.space_url}{created}")
        output.text(f"  {outcome.commit_url}")
    else:
        where = f"spaces/{plan.space}" + (
            f" at {plan.revision[:12]}" if plan.revision else " (does not exist yet: created)"
        )
        output.text(f"preview for {where}:")
    for change in plan.changes:
        output.text(f"  {change.change:<9} {change.path} ({change.size} bytes)")
    for path in plan.kept:
        output.text(f"  kept      {path} (not managed by deploy-leaderboard)")
    dataset = plan.dataset or "none (the app shows its data/ snapshot)"
    output.say(f"{len(plan.models)} models from {plan.models_from}; dataset: {dataset}")
    if outcome.status == "previewed":
        for change in plan.changes:
            if change.diff:
                output.say("\n".join(change.diff))
        output.say("nothing written (preview): add --apply to write to the Space")
