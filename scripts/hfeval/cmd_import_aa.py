"""`import-aa`: a model's Artificial Analysis scores onto a model card, with attribution.

Everything after "here are the Results" is the publishing path's job (preview, --apply,
--create-pr, duplicate guard, idempotence); this command finds the model in AA's
catalog, maps its scores to registry benchmarks on their scales, and compares them
with what the card already says so a reviewer sees disagreements before merging.
"""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import artificial_analysis as aa
from . import output
from .arguments import (
    add_json_argument,
    add_publish_arguments,
    add_repo_id_argument,
    request_from_args,
)
from .errors import (
    EXIT_ERROR,
    EXIT_NOTHING,
    EXIT_OK,
    EXIT_REFUSED,
    EXIT_USAGE,
    EvalToolError,
    InputError,
    ModelNotFound,
    NothingFound,
    UsageError,
)

if TYPE_CHECKING:
    from .publish import PublishOutcome

NAME = "import-aa"
HELP = "import a model's scores from Artificial Analysis (cached catalog, attribution kept)"
ORDER = 70
DESCRIPTION = """Import a model's benchmark scores from Artificial Analysis (artificialanalysis.ai).

The model is found in AA's catalog by its stable id (--aa-id) or by creator slug and
model slug or name (exact, word order free: "claude-sonnet-4" finds "Claude 4 Sonnet";
"(Reasoning)" variants are different models, and the preview names the other mode's
model when AA lists one; never a substring). AA's fractions
(0.791) are written on each benchmark's scale (79.1 %); the AA indices go to
model-index only. Every value links to the model's page on artificialanalysis.ai,
which AA's terms require, and carries the AA model id and a date: AA's own date of
the data when its response gives one (model-index: metrics[].args source_date;
.eval_results: date), otherwise the date it was retrieved, said as such (model-index:
source_retrieved; .eval_results: "retrieved <date>" in notes, no date), since AA's
documented response dates none of its scores. The id: source_reference / "ref: <id>".

The catalog is cached for 24 h (AA's free tier allows 1,000 requests a day), so a
batch over many models makes one request. The key is read from AA_API_KEY and never
printed. Preview by default; --apply or --create-pr writes."""
EPILOG = """batch file (--batch): JSON Lines, one model per line, e.g.
  {"creator_slug": "anthropic", "model_name": "claude-4-sonnet", "repo_id": "org/model"}
  {"aa_id": "2dad8957-4c16-4e74-bf2d-8b21514e0ae9", "repo_id": "org/o3-mini-card"}

environment: AA_API_KEY (required to fetch), AA_BASE_URL (other AA endpoint),
  HF_EVAL_CACHE (cache folder; default ~/.cache/hf-evaluation)

example:
  uv run scripts/evaluation_manager.py import-aa --list --creator-slug anthropic
  uv run scripts/evaluation_manager.py import-aa --creator-slug "anthropic" --model-name "claude-sonnet-4" --repo-id "target/model"
  uv run scripts/evaluation_manager.py import-aa --creator-slug "anthropic" --model-name "claude-sonnet-4" --repo-id "target/model" --create-pr"""


def add_arguments(parser) -> None:
    which = parser.add_argument_group("which model")
    which.add_argument("--aa-id", help="AA's stable model id (uuid); see --list")
    which.add_argument("--creator-slug", help='AA creator slug, e.g. "anthropic"')
    which.add_argument(
        "--model-name", help='AA model slug or name, e.g. "claude-4-sonnet" or "Claude 4 Sonnet"'
    )
    which.add_argument(
        "--list", action="store_true", help="list the catalog's models (of --creator-slug) with ids"
    )
    which.add_argument("--batch", type=Path, metavar="FILE", help="import many models (JSON Lines)")
    target = parser.add_argument_group("where to put them")
    add_repo_id_argument(target, help="model repo whose card gets the scores (omit to only print)")
    target.add_argument(
        "--model-index-name",
        help="model-index entry name (default: the repo's name, else the AA model name)",
    )
    source = parser.add_argument_group("Artificial Analysis data")
    source.add_argument(
        "--aa-base-url",
        help=f"AA API base URL (default ${aa.BASE_URL_ENV} or {aa.DEFAULT_BASE_URL})",
    )
    source.add_argument(
        "--aa-json", type=Path, metavar="FILE", help="use a saved API response, no network"
    )
    source.add_argument(
        "--refresh", action="store_true", help="ignore the cached catalog (one request)"
    )
    add_json_argument(parser)
    add_publish_arguments(parser)


def run(args):
    _check_usage(args)
    from .benchmarks import load_registry

    registry = load_registry()
    catalog = _load_catalog(args)
    if args.list:
        return _list(args, catalog)
    if args.batch:
        return _run_batch(args, catalog, registry)
    model = aa.find_model(
        catalog.models, aa_id=args.aa_id, creator_slug=args.creator_slug, model_name=args.model_name
    )
    outcome, extra = _import(args, catalog, registry, model, args.repo_id, args.model_index_name)
    output.render_publish(outcome, as_json=args.json, extra=extra)
    return outcome


def _check_usage(args) -> None:
    chosen = [
        flag
        for flag, given in (
            ("--list", args.list),
            ("--batch", args.batch),
            ("--aa-id", args.aa_id),
            ("--model-name", args.model_name),
        )
        if given
    ]
    if not chosen:
        raise UsageError(
            "say which model: --aa-id ID, or --creator-slug SLUG --model-name NAME, or --list"
        )
    if len(chosen) > 1:
        raise UsageError(f"{' and '.join(chosen)} cannot be combined")
    if args.batch and (args.repo_id or getattr(args, "update_pr", None)):
        raise UsageError(
            "--batch takes repo ids from the file; --repo-id and --update-pr do not apply"
        )
    if args.list and args.repo_id:
        raise UsageError("--list only lists; drop --repo-id")


def _load_catalog(args) -> aa.Catalog:
    base_url = aa.resolve_base_url(args.aa_base_url)
    catalog = aa.load_catalog(
        base_url=base_url,
        api_key=os.environ.get(aa.API_KEY_ENV),
        cache_path=aa.default_cache_path(),
        refresh=args.refresh,
        aa_json=args.aa_json,
        warn=lambda message: output.say(f"warning: {message}"),
    )
    output.say(f"Artificial Analysis catalog: {catalog.describe()}")
    for problem in catalog.problems[:5]:
        output.say(f"warning: catalog {problem}")
    if len(catalog.problems) > 5:
        output.say(f"warning: {len(catalog.problems) - 5} more unreadable catalog entries")
    return catalog


def _list(args, catalog: aa.Catalog) -> int:
    models = catalog.models
    if args.creator_slug:
        models = aa.creator_models(models, args.creator_slug)
        if not models:
            creators = sorted({m.creator_slug for m in catalog.models if m.creator_slug})
            raise ModelNotFound(
                f"Artificial Analysis has no creator {args.creator_slug!r}",
                [f"creator: {c}" for c in creators],
            )
    models = sorted(models, key=lambda m: (m.creator_slug or "", m.name.lower()))
    if args.json:
        output.emit_json(
            {
                "ok": True,
                "retrieved": catalog.retrieved,
                "aa_date": catalog.aa_date,
                "catalog": catalog.origin,
                "models": [m.to_dict() for m in models],
            }
        )
        return EXIT_OK
    rows = [("creator", "name", "slug", "id")] + [
        (m.creator_slug or "-", m.name, m.slug or "-", m.id) for m in models
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    for row in rows:
        output.text(
            "  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row[:3])) + "  " + row[3]
        )
    return EXIT_OK


# --------------------------------------------------------------------------- one model


def _import(
    args, catalog, registry, model: aa.AAModel, repo_id: str | None, mi_name: str | None
) -> tuple[PublishOutcome, dict[str, Any]]:
    """Publish one AA model's scores; the outcome and import-aa's own --json fields."""
    from .publish import publish

    mapping = aa.model_to_results(
        model, registry, retrieved=catalog.retrieved, aa_date=catalog.aa_date
    )
    output.say(f"model: {model.describe()}, by {model.creator_slug or '?'}; {model.page_url}")
    variants = aa.mode_variants(catalog.models, model)
    for other in variants:
        output.say(
            f"note: AA also lists {other.describe()}: the model with reasoning "
            f"{'on' if other.thinking else 'off'}, with scores of its own; --aa-id {other.id} "
            "imports those instead"
        )
    if mapping.unmapped:
        output.say(f"not written (no registry benchmark): {', '.join(mapping.unmapped)}")
    if mapping.skipped:
        output.say("skipped: " + "; ".join(f"{key}: {why}" for key, why in mapping.skipped))
    if not mapping.results:
        raise NothingFound(
            f"Artificial Analysis has no score for {model.name} that maps to a registry benchmark"
        )
    hub = None
    comparisons: list[aa.Comparison] = []
    if repo_id:
        from .hub import HubClient

        hub = HubClient()
        comparisons = _compare_with_card(hub, repo_id, mapping.results, registry)
    for comparison in comparisons:
        output.say(
            ("WARNING: " if comparison.flagged else "")
            + "on the card already: "
            + comparison.line()
        )
    name = mi_name or (repo_id.split("/")[-1] if repo_id else model.name)
    request = replace(
        request_from_args(
            args,
            repo_id=repo_id,
            model_name=name,
            origin=aa.ORIGIN,
            extra_pr_notes=_pr_notes(model, catalog, comparisons),
        ),
        check_open_prs=True,  # the preview says which open PR holds what
    )
    extra = {"artificial_analysis": _aa_json(model, catalog, mapping, comparisons, variants)}
    with output.payload_on_error(extra):
        outcome = publish(mapping.results, request=request, client=hub, registry=registry)
    return outcome, extra


def _compare_with_card(hub, repo_id: str, results, registry) -> list[aa.Comparison]:
    """The card's values from other sources next to ours (read once; publishing reuses it)."""
    from .cards import read_card_results

    files = hub.read_repo_files(repo_id)
    return aa.reconcile(results, read_card_results(files, registry), registry)


def _pr_notes(
    model: aa.AAModel, catalog: aa.Catalog, comparisons: list[aa.Comparison]
) -> list[str]:
    notes = [
        "",
        f"Scores from [Artificial Analysis]({model.page_url}) for **{model.name}** "
        f"(AA model id `{model.id}`), {catalog.dating()}. "
        "AA reports benchmarks as fractions; they are written here on each benchmark's scale. "
        "The AA indices are AA's own composite scores (model-index only).",
    ]
    flagged = [c for c in comparisons if c.flagged]
    if flagged:
        notes += [
            "",
            f"**{len(flagged)} value(s) differ by more than one point from values already on "
            "the card; check both sources before merging:**",
            "",
        ]
        notes += [f"- {c.line()}" for c in flagged]
    agreeing = [c for c in comparisons if not c.flagged]
    if agreeing:
        notes += [
            "",
            f"{len(agreeing)} value(s) agree within one point with values already on the card.",
        ]
    return notes


def _aa_json(model, catalog, mapping, comparisons, variants) -> dict:
    """What only import-aa knows, for its --json output."""
    return {
        "model": model.to_dict(),
        # the same model in its other reasoning mode: another AA model, other scores
        "mode_variants": [{**v.to_dict(), "thinking": bool(v.thinking)} for v in variants],
        "retrieved": catalog.retrieved,
        "aa_date": catalog.aa_date,
        "catalog": catalog.origin,
        **mapping.to_dict(),
        "comparisons": [c.to_dict() for c in comparisons],
    }


# --------------------------------------------------------------------------- batch


def read_batch(path: Path) -> list[dict]:
    """Entries of a JSON Lines file (blank lines and # comments allowed) or of a JSON list."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise InputError(f"cannot read {path}: {error.strerror or error}") from None
    try:
        data = json.loads(text)
        entries = data if isinstance(data, list) else [data]
    except ValueError:
        entries = []
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            try:
                entries.append(json.loads(line))
            except ValueError:
                raise InputError(f"{path}:{number}: not a JSON object") from None
    allowed = {"aa_id", "creator_slug", "model_name", "repo_id", "model_index_name"}
    for number, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or not (entry.get("aa_id") or entry.get("model_name")):
            raise InputError(f"{path}: entry {number} needs aa_id or model_name")
        unknown = set(entry) - allowed
        if unknown:
            raise InputError(f"{path}: entry {number}: unknown keys {sorted(unknown)}")
    if not entries:
        raise NothingFound(f"{path} lists no models")
    return entries


def _run_batch(args, catalog, registry) -> int:
    """Each entry exactly as a single import, on one catalog: one AA request at most.

    With --json the outcomes are collected into one object (each item's `result` is the
    object a single import prints, its error object for a failure); otherwise each is
    rendered as it happens.
    """
    from .cli import exit_code

    entries = read_batch(args.batch)
    outcomes: list[dict] = []
    for index, entry in enumerate(entries, 1):
        label = entry.get("aa_id") or "/".join(
            p for p in (entry.get("creator_slug"), entry.get("model_name")) if p
        )
        output.say(
            f"== [{index}/{len(entries)}] {label} -> {entry.get('repo_id') or '(print only)'}"
        )
        try:
            model = aa.find_model(
                catalog.models,
                aa_id=entry.get("aa_id"),
                creator_slug=entry.get("creator_slug"),
                model_name=entry.get("model_name"),
            )
            outcome, extra = _import(
                args, catalog, registry, model, entry.get("repo_id"), entry.get("model_index_name")
            )
        except EvalToolError as error:
            code = exit_code(error)
            output.say(f"error: {error.message}")
            for line in error.details[:10]:
                output.say(f"  {line}")
            # `result`: the object a single import prints for this failure
            result = output.error_payload(
                error.message, error.details, code=code, payload=error.payload
            )
            outcomes.append(
                {
                    "entry": entry,
                    "exit_code": code,
                    "ok": False,
                    "error": error.message,
                    "result": result,
                }
            )
            continue
        code = exit_code(outcome)
        item = {
            "entry": entry,
            "exit_code": code,
            "ok": code in (EXIT_OK, EXIT_NOTHING),
            "error": None,
            "result": output.publish_payload(outcome, extra),
        }
        if args.json:
            output.report_conflicts(outcome)
        else:
            output.render_publish(outcome, as_json=False)
        outcomes.append(item)
    failed = [o for o in outcomes if not o["ok"]]
    requests_made = 1 if catalog.origin == "network" else 0
    output.say(
        f"batch: {len(entries)} models, {len(entries) - len(failed)} done, {len(failed)} failed; "
        f"{requests_made} Artificial Analysis request(s)"
    )
    if args.json:
        output.emit_json(
            {
                "ok": not failed,
                "aa_requests": requests_made,
                "retrieved": catalog.retrieved,
                "aa_date": catalog.aa_date,
                "items": outcomes,
            }
        )
    return _batch_exit_code(outcomes)


def _batch_exit_code(outcomes: list[dict]) -> int:
    """The worst failure wins (error > refused > not found); all up to date is 3; else 0."""
    codes = [o["exit_code"] for o in outcomes if not o["ok"]]
    for code in (EXIT_ERROR, EXIT_USAGE, EXIT_REFUSED, EXIT_NOTHING):
        if code in codes:
            return code
    if codes:
        return max(codes)
    if outcomes and all(o["exit_code"] == EXIT_NOTHING for o in outcomes):
        return EXIT_NOTHING
    return EXIT_OK
