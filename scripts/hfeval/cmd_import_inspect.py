"""`import-inspect`: inspect-ai logs -> Results -> the publishing path.

The log is the evidence: the value is read from it (not retyped), converted to the
registry's scale, and the card's source points at the log on the Hub: logs that were
not pushed are previewed but never written (a card cannot link to a file on this
machine). Partial runs (--limit, unscored samples) are shown but not published unless
--allow-partial, and then say so in their setting and notes.
"""

from __future__ import annotations

from dataclasses import replace

from . import output
from .arguments import (
    add_json_argument,
    add_publish_arguments,
    add_repo_id_argument,
    mode_from_args,
    request_from_args,
)
from .errors import NothingFound, Refused, UsageError

NAME = "import-inspect"
HELP = "turn inspect-ai logs (local or pushed to a Hub dataset) into card results"
ORDER = 90
DESCRIPTION = """Import the scores of inspect-ai runs (for example those of run-eval) into a model card.

--log takes an .eval log, a folder of logs (with the summary.json inspect_eval_uv.py writes
beside them), a summary.json, or hf://datasets/ORG/NAME[/path] for logs pushed with
--push-logs. inspect's fractions are written on each benchmark's scale (0.75 -> 75.0 for
a percent benchmark), with the setting the run used (shots, CoT, epochs, pass@1) and a
source that links to the log. A run with --limit or unscored samples is partial: it is
shown, and refused (exit 4) unless --allow-partial, which writes the sample count in the
result's setting ("partial: 2 of 4 samples") and notes. Failed runs are skipped with their
error. Preview by default; writing (--apply, --create-pr, --update-pr) needs logs on the
Hub (hf://datasets/...) so the card's source opens them: local logs are previewed only."""
EPILOG = """example:
  uv run scripts/evaluation_manager.py import-inspect --log logs/20250101T000000Z_org--model
  uv run scripts/evaluation_manager.py import-inspect --log hf://datasets/my-org/eval-logs/org--model --repo-id org/model --create-pr"""


def add_arguments(parser) -> None:
    parser.add_argument(
        "--log",
        action="append",
        required=True,
        metavar="PATH|DIR|hf://datasets/REPO[/path]",
        help="inspect log(s) to import (repeatable)",
    )
    add_repo_id_argument(
        parser, help="model repo whose card gets the results (must be the logs' model)"
    )
    parser.add_argument(
        "--model-index-name", help="model-index entry name (default: the repo's name)"
    )
    parser.add_argument(
        "--allow-partial",
        action="store_true",
        help="publish partial runs (--limit, unscored samples); their setting says how many samples",
    )
    add_json_argument(parser)
    add_publish_arguments(parser)


def run(args):
    from .benchmarks import load_registry
    from .inspect_results import read_runs, runs_to_results
    from .jobs import hub_errors

    registry = load_registry()
    runs = []
    for location in args.log:
        if location.startswith("hf://"):
            with hub_errors(NAME):
                runs.extend(read_runs(location))
        else:
            runs.extend(read_runs(location))
    imported = runs_to_results(runs, registry)
    for run_, reason in imported.skipped:
        output.say(f"skipped {run_.task} ({run_.log_url or run_.log_path}): {reason}")
    if not imported.results:
        raise NothingFound(
            "no successful inspect runs to import", details=[r for _, r in imported.skipped][:5]
        )

    models = sorted({r.model for r in imported.runs if r.model})
    repo_id = args.repo_id
    if repo_id and models and models != [repo_id]:
        raise Refused(
            f"the logs evaluate {', '.join(models)}, not {repo_id}: results go on the card of the model that was run",
            details=[f"use --repo-id {models[0]}"] if len(models) == 1 else [],
        )
    if len(models) > 1 and not repo_id:
        raise UsageError(
            f"the logs evaluate several models ({', '.join(models)}): import them one model at a time"
        )

    for result, run_ in zip(imported.results, imported.runs, strict=True):
        where = run_.log_url or run_.log_path
        partial = " PARTIAL" if run_.partial else ""
        label = result.setting.label()
        output.say(
            f"{result.benchmark}: {result.value:g}{' %' if result.scale == 'percent' else ''}"
            f"{f' ({label})' if label else ''}{partial} - {run_.scored} samples, {where}"
        )

    partial = imported.partial_runs
    if partial and not args.allow_partial:
        raise Refused(
            f"{len(partial)} partial run(s) are not the benchmark's score; pass --allow-partial to publish them "
            "with their sample count in the notes",
            details=[f"{r.task}: {r.sample_note()}" for r in partial],
        )

    from .inspect_results import has_public_source
    from .publish import Mode, publish

    local = [
        run_
        for result, run_ in zip(imported.results, imported.runs, strict=True)
        if not has_public_source(result)
    ]
    if local and mode_from_args(args) is not Mode.PREVIEW:
        raise Refused(
            f"{len(local)} result(s) come from logs on this machine, which a card cannot link to: "
            "push the logs to a Hub dataset (inspect_eval_uv.py/run-eval --push-logs REPO) and "
            "import them with --log hf://datasets/REPO[/path]",
            details=[f"{r.task}: {r.log_path}" for r in local],
        )

    tasks = sorted({r.task for r in imported.runs})
    name = args.model_index_name or ((repo_id or (models[0] if models else "model")).split("/")[-1])
    request = replace(
        request_from_args(
            args,
            repo_id=repo_id,
            model_name=name,
            origin="inspect",
            eval_results_name="-".join(tasks),
            extra_pr_notes=_pr_notes(imported),
        ),
        check_open_prs=True,  # the preview says which open PR holds what
    )
    extra = {
        "inspect_runs": [r.to_dict() for r in imported.runs],
        "skipped": [
            {"task": r.task, "log": r.log_url or r.log_path, "reason": why}
            for r, why in imported.skipped
        ],
    }
    with output.payload_on_error(extra):
        outcome = publish(imported.results, request=request, registry=registry)
    output.render_publish(outcome, as_json=args.json, extra=extra)
    return outcome


def _pr_notes(imported) -> list[str]:
    lines = ["", "Scores from inspect-ai runs; each links to its log:", ""]
    for run_ in imported.runs:
        where = run_.log_url or run_.log_path
        facts = [f"{run_.scored} samples scored"]
        if run_.epochs > 1:
            facts.append(f"{run_.epochs} epochs")
        if run_.model_revision:
            facts.append(f"model revision `{run_.model_revision[:12]}`")
        if run_.dataset_revision:
            facts.append(f"dataset revision `{run_.dataset_revision[:19]}`")
        if run_.partial:
            facts.append("**" + run_.sample_note() + "**")
        lines.append(f"- `{run_.inspect_task}`: {', '.join(facts)} ([log]({where}))")
    return lines
