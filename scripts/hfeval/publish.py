"""Preview, --apply, --create-pr and --update-pr: the one road every result takes to a card.

README extraction, Artificial Analysis imports, inspect runs and hand-entered values all
call `publish_from_args`, so the guards live in one place:
- the preview (the default) reads the card and shows exactly what would change, and
  writes nothing;
- nothing is written twice: when the place a write goes to already holds these results
  (main for --apply and --create-pr, PR #N for --update-pr N) the answer is "already up
  to date" (exit 3), "nothing to do";
- a value that disagrees with the card is a conflict (exit 4) unless --overwrite;
- --apply needs the token's user or one of its orgs to own the repo (exit 4 otherwise,
  with a hint to use --create-pr);
- --create-pr first lists open PRs that already touch results and refuses (exit 4)
  unless --force-new-pr, so a model does not collect duplicate PRs. That includes an
  open PR that already holds exactly these results: a second --create-pr is refused as a
  duplicate (exit 4, the PR named), not answered "already up to date", because what the
  user asked for, another PR, is what the guard forbids. --update-pr N adds a commit to
  open PR #N instead: a PR the token's user opened, or any open PR on a repo the user
  (or one of its orgs) owns;
- every write is one commit based on the commit we planned against, so a write either
  lands whole or not at all, and never on top of a change we have not seen.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from . import TOOL_NAME, __version__
from .errors import (
    EXIT_NOTHING,
    EXIT_OK,
    EXIT_REFUSED,
    Conflict,
    DuplicatePR,
    EvalToolError,
    HubError,
    InputError,
    NothingFound,
    NotOwner,
    UsageError,
)
from .frontmatter import dump_yaml
from .results import Result

ORIGIN_LABELS = {
    "readme": "the README",
    "artificial_analysis": "Artificial Analysis",
    "inspect": "inspect-ai runs",
    "manual": "a manual entry",
}


def add_publish_arguments(parser: argparse.ArgumentParser) -> None:
    """The write options every publishing command shares."""
    group = parser.add_argument_group(
        "publishing (preview by default; nothing is written without a flag)"
    )
    mode = group.add_mutually_exclusive_group()
    mode.add_argument(
        "--apply",
        action="store_true",
        help="commit to main (refused unless you or your org own the repo)",
    )
    mode.add_argument(
        "--create-pr",
        action="store_true",
        help="open a pull request; refused (exit 4) while an open PR touches results, "
        "including one that already holds these results (see --force-new-pr, --update-pr)",
    )
    mode.add_argument(
        "--update-pr",
        type=_positive_int,
        metavar="N",
        help="add a commit to open pull request #N instead of opening another: a PR you opened, "
        "or any open PR on a repo you or one of your orgs own",
    )
    mode.add_argument(
        "--dry-run", action="store_true", help="preview only (the default; accepted for clarity)"
    )
    group.add_argument(
        "--force-new-pr",
        action="store_true",
        help="with --create-pr: open a PR even though open PRs already touch results",
    )
    group.add_argument(
        "--overwrite",
        action="store_true",
        help="replace a value the card already has for the same benchmark, setting and source",
    )
    group.add_argument(
        "--format",
        choices=("model-index", "eval-results", "both"),
        default="both",
        help="card format(s) to write: README `model-index`, `.eval_results/*.yaml`, or both (default)",
    )
    if not any("--json" in action.option_strings for action in parser._actions):
        parser.add_argument(
            "--json", action="store_true", help="one JSON object on stdout, for agents"
        )


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a PR number: {text!r}") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"not a PR number: {text!r}")
    return value


def publish_mode(args: argparse.Namespace) -> str:
    if getattr(args, "apply", False):
        return "apply"
    if getattr(args, "create_pr", False):
        return "create_pr"
    if getattr(args, "update_pr", None):
        return "update_pr"
    return "preview"


def publish_from_args(
    args: argparse.Namespace,
    *,
    repo_id: str | None,
    results: list[Result],
    model_name: str,
    origin: str,
    eval_results_name: str | None = None,
    readme_path: str | None = None,
    extra_pr_notes: list[str] | None = None,
    hub: Any = None,
    registry: Any = None,
    extra_json: dict | None = None,
) -> int:
    """Plan `results` into the card and preview or write them; returns the exit code.

    `hub`: a HubClient to reuse (what it already read is not asked for again).
    `readme_path`: a local README to preview against (no network) when not writing.
    `extra_json`: fields only the calling command knows (its table reports, the AA model),
    added to the one JSON object --json prints, on success and on refusal alike.
    """
    try:
        return _publish(
            args,
            repo_id=repo_id,
            results=results,
            model_name=model_name,
            origin=origin,
            eval_results_name=eval_results_name,
            readme_path=readme_path,
            extra_pr_notes=extra_pr_notes,
            hub=hub,
            registry=registry,
            extra_json=extra_json or {},
        )
    except EvalToolError as error:
        error.payload = {**error.payload, **(extra_json or {})}
        raise


def _publish(
    args: argparse.Namespace,
    *,
    repo_id: str | None,
    results: list[Result],
    model_name: str,
    origin: str,
    eval_results_name: str | None,
    readme_path: str | None,
    extra_pr_notes: list[str] | None,
    hub: Any,
    registry: Any,
    extra_json: dict,
) -> int:
    from .benchmarks import load_registry
    from .cards import normalize_formats, plan_update

    mode = publish_mode(args)
    as_json = bool(getattr(args, "json", False))
    formats = normalize_formats(getattr(args, "format", None) or "both")
    overwrite = bool(getattr(args, "overwrite", False))
    if getattr(args, "force_new_pr", False) and mode != "create_pr":
        raise UsageError("--force-new-pr goes with --create-pr")
    if mode != "preview" and not repo_id:
        raise UsageError(
            f"--{mode.replace('_', '-')} needs --repo-id: a local file has nowhere to be written"
        )
    if not results:
        raise NothingFound("no results to publish")
    registry = registry or load_registry()

    client = None
    identity = None
    revision = None  # where we plan against: None (main) or refs/pr/N
    if mode == "preview" and (readme_path or not repo_id):
        files = local_repo_files(readme_path)
    else:
        from .hub import HubClient

        client = hub or HubClient()
        if mode != "preview" and not client.has_token:
            raise HubError(
                "writing needs a Hugging Face token: set HF_TOKEN or run `hf auth login`"
            )
        if mode == "apply":
            identity = client.whoami()
            if not identity.owns(repo_id):
                raise NotOwner(
                    f"{identity.name} cannot write to {repo_id}: neither the user nor one of its orgs owns it",
                    details=["use --create-pr to propose the change as a pull request"],
                )
        elif mode == "update_pr":
            revision = _check_our_pr(client, repo_id, args.update_pr)
        files = client.read_repo_files(repo_id, revision)

    plan_args = {
        "model_name": model_name,
        "formats": formats,
        "origin": origin,
        "registry": registry,
        "overwrite": overwrite,
        "eval_results_name": eval_results_name,
    }
    plan = plan_update(files, results, **plan_args)
    context = {
        "mode": mode,
        "repo_id": repo_id,
        "revision": files.revision,
        "planned_against": revision or ("main" if repo_id and files.revision else readme_path),
        "model_name": model_name,
        "origin": origin,
        "formats": sorted(formats),
        **extra_json,
    }

    if plan.conflicts and not overwrite:
        if mode == "preview":
            _print_preview(
                plan, results, model_name, formats, registry, context, as_json, eval_results_name
            )
            for line in _conflict_lines(plan):
                print(line, file=sys.stderr)
            return EXIT_REFUSED
        raise Conflict(
            f"{len(plan.conflicts)} value(s) differ from what the card already has: "
            "nothing written (check the sources; --overwrite replaces them)",
            details=[c.describe() for c in plan.conflicts],
        )

    if plan.is_noop:
        where = {"update_pr": f"pull request #{getattr(args, 'update_pr', '')}"}.get(
            mode, "the card"
        )
        if plan.already_present:
            message = (
                f"already up to date: {where} already holds these "
                f"{len(plan.already_present)} result(s); nothing written"
            )
        else:
            message = "nothing to write: " + "; ".join(
                sorted({f"{r.benchmark} ({why})" for r, why in plan.skipped})[:10]
            )
        _emit(
            as_json,
            {
                **context,
                "ok": True,
                "status": "up_to_date",
                "message": message,
                "plan": plan.to_dict(),
            },
            message,
        )
        return EXIT_NOTHING

    if mode == "preview":
        _print_preview(
            plan, results, model_name, formats, registry, context, as_json, eval_results_name
        )
        return EXIT_OK

    title = pr_title(plan, origin, eval_results_name)
    body = pr_body(
        plan,
        model_name=model_name,
        origin=origin,
        command=getattr(args, "command", None),
        extra_notes=extra_pr_notes,
        eval_results_name=eval_results_name,
    )
    if mode == "create_pr":
        prs = client.result_prs(repo_id)
        if prs and not getattr(args, "force_new_pr", False):
            holding = _prs_holding(client, repo_id, prs, results, plan_args)
            details = [
                pr.describe()
                + (" - already holds all of these results" if pr.num in holding else "")
                for pr in prs
            ]
            if holding:
                # The same write again: a duplicate of that PR (exit 4), named first.
                message = (
                    f"duplicate pull request refused: open pull request #{holding[0]} on "
                    f"{repo_id} already holds these results; nothing written"
                )
                hint = (
                    f"nothing new to propose: review or merge #{holding[0]}; "
                    "open another anyway with --force-new-pr"
                )
            else:
                message = (
                    f"duplicate pull request refused: {len(prs)} open pull request(s) on "
                    f"{repo_id} already touch evaluation results; nothing written"
                )
                hint = (
                    "review or merge them; add to one with --update-pr N (a PR you opened, "
                    "or any on a repo you own); or open another anyway with --force-new-pr"
                )
            raise DuplicatePR(
                message,
                details=details + [hint],
                payload={
                    "status": "duplicate_pr",
                    "holding": holding,
                    "pull_requests": [pr.to_dict() for pr in prs],
                },
            )
    # One commit for every mode: to main, as a new PR, or onto PR N, based on the
    # commit we planned against.
    outcome = client.commit(
        repo_id,
        plan.new_files,
        message=title,
        description=body,
        create_pr=mode == "create_pr",
        revision=revision,
        parent_commit=files.revision,
    )
    if mode == "create_pr":
        summary = f"opened pull request #{outcome.pr_num}: {outcome.pr_url}"
    elif mode == "update_pr":
        summary = f"added a commit to pull request #{outcome.pr_num}: {outcome.pr_url}"
    else:
        summary = f"committed to main: {outcome.commit_url}"

    payload = {
        **context,
        "ok": True,
        "status": "written",
        "title": title,
        "commit": outcome.to_dict(),
        "pr": {"num": outcome.pr_num, "url": outcome.pr_url}
        if outcome.pr_num is not None
        else None,
        "results": [r.to_dict() for r in plan.added],
        "plan": plan.to_dict(),
    }
    if as_json:
        print(json.dumps(payload, indent=2, default=str))
    else:
        print(summary)
        print(f"  {title}")
        print(f"  {plan.summary()}", file=sys.stderr)
        for result, why in plan.skipped:
            print(f"  {_skip_line(result, why)}", file=sys.stderr)
    return EXIT_OK


def _prs_holding(client, repo_id: str, prs, results, plan_args: dict, limit: int = 3) -> list[int]:
    """Which of the (first few) open result PRs already hold exactly these results.

    Only asked on the refusal path, to say "nothing to do" rather than just "refused".
    """
    from .cards import plan_update

    holding = []
    for pr in prs[:limit]:
        try:
            files = client.read_repo_files(repo_id, f"refs/pr/{pr.num}")
            if plan_update(files, results, **plan_args).is_noop:
                holding.append(pr.num)
        except EvalToolError:
            continue  # the refusal stands either way
    return holding


def _check_our_pr(client, repo_id: str, num: int) -> str:
    """--update-pr N: the PR must be open, and opened by the token's user, or on a repo that the
    user or one of its orgs owns (the Hub lets a repo's owners push to any PR on it; so do we,
    deliberately: maintainers fixing a contributor's results PR is the common case)."""
    details = client.pr_details(repo_id, num)
    if not details.is_pull_request:
        raise UsageError(f"#{num} on {repo_id} is a discussion, not a pull request")
    if details.status not in ("open", "draft"):
        raise NothingFound(
            f"pull request #{num} on {repo_id} is {details.status}: open a new one with --create-pr"
        )
    identity = client.whoami()
    if details.author != identity.name and not identity.owns(repo_id):
        raise NotOwner(
            f"pull request #{num} on {repo_id} was opened by {details.author}, and {identity.name} "
            f"neither opened it nor owns {repo_id}: nothing written",
            details=["comment on it instead, or open your own with --create-pr --force-new-pr"],
        )
    return f"refs/pr/{num}"


def local_repo_files(readme_path: str | None, eval_results_dir: str | None = None):
    """A local README and its `.eval_results/*.yaml` (default: the folder beside it), as RepoFiles."""
    from .cards import RepoFiles

    if not readme_path:
        return RepoFiles(readme=None, eval_results={}, revision=None)
    from .readme_input import read_local_text

    path = Path(readme_path)
    readme = read_local_text(readme_path)  # the one local reader: its decoding policy
    folder = Path(eval_results_dir) if eval_results_dir else path.parent / ".eval_results"
    if eval_results_dir and not folder.is_dir():
        raise InputError(f"{eval_results_dir} is not a folder")
    eval_results: dict[str, str] = {}
    if folder.is_dir():
        for file in sorted(folder.glob("*.y*ml")):
            try:
                eval_results[f".eval_results/{file.name}"] = file.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as error:
                raise InputError(f"cannot read {file}: {error}") from None
    return RepoFiles(readme=readme, eval_results=eval_results, revision=None)


# --------------------------------------------------------------------------- output


def preview_document(results, model_name, formats, registry, eval_results_path_str) -> dict:
    """The YAML document a preview prints: the results in each chosen format."""
    from .cards import results_to_eval_results_entries, results_to_model_index

    doc: dict[str, Any] = {}
    if "model-index" in formats:
        doc["model-index"] = results_to_model_index(results, model_name, registry)
    if "eval-results" in formats:
        entries, _skipped = results_to_eval_results_entries(results, registry)
        doc["eval_results"] = {eval_results_path_str: entries}
    return doc


def _print_preview(
    plan, results, model_name, formats, registry, context, as_json, eval_results_name
) -> None:
    from .cards import eval_results_path

    er_path = eval_results_path(context["origin"], eval_results_name)
    conflicting = {id(c.result) for c in plan.conflicts}
    shown = [r for r in results if id(r) not in conflicting]
    doc = preview_document(shown, model_name, formats, registry, er_path)
    if as_json:
        payload = {
            **context,
            "ok": not plan.conflicts,
            "status": "conflict" if plan.conflicts else "preview",
            "written": False,
            "results": [r.to_dict() for r in results],
            "document": doc,
            "plan": plan.to_dict(),
        }
        print(json.dumps(payload, indent=2, default=str))
        return
    print(dump_yaml(doc, sort_keys=False, allow_unicode=True, width=1000), end="")
    where = context["repo_id"] or context["planned_against"] or "a new card"
    at = f" at {context['revision'][:12]}" if context.get("revision") else ""
    err = sys.stderr
    print(f"\npreview for {where}{at}: {plan.summary()}", file=err)
    for result, why in plan.skipped:
        print(f"  {_skip_line(result, why)}", file=err)
    diff = plan.diff()
    if diff:
        print(diff, file=err, end="" if diff.endswith("\n") else "\n")
    if not plan.conflicts:
        hint = (
            "add --create-pr to propose it, or --apply if you own the repo"
            if context["repo_id"]
            else ("add --repo-id ID with --create-pr or --apply to publish")
        )
        print(f"nothing written (preview): {hint}", file=err)


_EVAL_RESULTS_ONLY = ("unmapped benchmark", "no Hub Benchmark dataset/task_id known")


def _skip_line(result: Result, why: str) -> str:
    name = result.benchmark.replace("\n", " ")
    if why in _EVAL_RESULTS_ONLY:
        return f"model-index only (not in .eval_results): {name}: {why}"
    return f"skipped: {name}: {why}"


def _conflict_lines(plan) -> list[str]:
    lines = [
        f"error: {len(plan.conflicts)} value(s) differ from what the card already has (--overwrite replaces them):"
    ]
    lines += [f"  {c.describe()}" for c in plan.conflicts]
    return lines


def _emit(as_json: bool, payload: dict, message: str) -> None:
    if as_json:
        print(json.dumps(payload, indent=2, default=str))
    else:
        print(message)


def _changed_formats(plan) -> list[str]:
    kinds = []
    if "README.md" in plan.new_files:
        kinds.append("model-index")
    if any(p.startswith(".eval_results/") for p in plan.new_files):
        kinds.append(".eval_results")
    return kinds


def pr_title(plan, origin: str, eval_results_name: str | None = None) -> str:
    """E.g. "Add 12 evaluation results from the README (model-index, .eval_results)"."""
    count = len(plan.added)
    source = ORIGIN_LABELS.get(origin, origin)
    if origin == "inspect" and eval_results_name:
        source = f"an inspect-ai run ({eval_results_name})"
    verb = "Update" if plan.replaced and count == len(plan.replaced) else "Add"
    noun = "evaluation result" + ("s" if count != 1 else "")
    return f"{verb} {count} {noun} from {source} ({', '.join(_changed_formats(plan))})"


def _cell(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _source_link(result: Result) -> str:
    source = result.source
    url = source.url
    if not url and source.path:
        url = f"{source.path}#L{source.line}" if source.line else source.path
    label = source.name or source.kind
    if source.line:
        label += f", line {source.line}"
    elif source.reference and source.kind != "readme":
        label += f" ({source.reference})"
    if url and (url.startswith(("http://", "https://"))):
        return f"[{_cell(label)}]({url})"
    return _cell(f"{label}: {url}" if url else label)


def pr_body(
    plan,
    *,
    model_name: str,
    origin: str,
    command: str | None = None,
    extra_notes: list[str] | None = None,
    eval_results_name: str | None = None,
) -> str:
    """The PR description: every value with its setting and a link to where it was read."""
    from .cards import metric_display_name

    source = ORIGIN_LABELS.get(origin, origin)
    lines = [
        f"This pull request adds {len(plan.added)} evaluation result{'s' if len(plan.added) != 1 else ''} "
        f"for **{_cell(model_name)}** from {source}.",
        "",
        "| Benchmark | Setting | Value | Source |",
        "| --- | --- | --- | --- |",
    ]
    replaced = {id(c.result): c for c in plan.replaced}
    for result in plan.added:
        value = f"{result.value:g}" if isinstance(result.value, float) else str(result.value)
        if id(result) in replaced:
            value += f" (was {replaced[id(result)].existing_value})"
        lines.append(
            f"| {_cell(metric_display_name(result))} | {_cell(result.setting.label() or '-')} | {value} "
            f"| {_source_link(result)} |"
        )
    lines.append("")
    files = []
    for path in plan.new_files:
        if path == "README.md":
            files.append(
                "`README.md` (the `model-index` front matter only; the rest of the card is unchanged)"
            )
        else:
            files.append(f"`{path}`")
    lines.append("Files: " + ", ".join(files) + ".")
    if plan.already_present:
        lines.append(
            f"Already on the card and left as they are: {len(plan.already_present)} value(s)."
        )
    skipped = sorted({f"{r.benchmark} ({why})" for r, why in plan.skipped})
    if skipped:
        lines.append(
            "Not written to `.eval_results` (needs a Hub Benchmark dataset): "
            + ", ".join(skipped)
            + "."
        )
    for note in extra_notes or []:
        lines.append(note)
    lines += [
        "",
        "**How to correct a value:** edit it in this PR's *Files changed* tab (the `model-index` entry in "
        "README.md's front matter and/or the `.eval_results` file), or comment here with the right value "
        "and where it comes from. Each value above links to the line or log it was read from.",
        "",
        f"Generated by {TOOL_NAME} {__version__}"
        + (f" (`evaluation_manager.py {command}`)" if command else "")
        + ". Values are self-reported by the source named in each row; nothing was re-computed.",
    ]
    return "\n".join(lines) + "\n"
