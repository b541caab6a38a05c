"""The `.eval_results/*.yaml` format: rendering, and one walk that reads and checks a file.

huggingface_hub's `_eval_results.py` reads this format (`EvalResultEntry`); the Hub places
each entry on the leaderboard of its Benchmark dataset, so only benchmarks with a known Hub
Benchmark dataset and task id are written here. The setting goes to `notes` (what the Hub
shows next to the value), followed by `ref: <who produced it>`; the source's date to `date`.

`parse_eval_results` walks a file once; `read_eval_results` (the values) and
`validate_eval_results` (the Hub's rules) are two views of that walk.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from . import frontmatter as fm
from .benchmarks import Benchmark, Registry
from .card_common import (
    CardResult,
    Problem,
    ProblemKind,
    Severity,
    Skip,
    SkipReason,
    as_str,
    benchmark_of,
    check_date,
    check_scale,
    check_url,
    is_number,
    jsonable,
    nonempty_str,
    shape_kind,
    source_ref,
)
from .results import Result, Setting, parse_setting_label

# Keys huggingface_hub reads from each part of an entry; anything else it drops.
_ENTRY_KEYS = {"dataset", "value", "verifyToken", "date", "source", "notes"}
_DATASET_KEYS = {"id", "task_id", "revision"}
_SOURCE_KEYS = {"url", "name", "user", "org"}
# The keys of an entry we derive from a Result (all but `dataset`; --overwrite replaces them).
ENTRY_OWNED = ("value", "date", "source", "notes")


# --------------------------------------------------------------------------- benchmark identity


def _identify_dataset(dataset: dict, registry: Registry) -> Benchmark | None:
    did, tid = dataset.get("id"), dataset.get("task_id")
    for bench in registry:
        if bench.dataset_id and bench.dataset_id == did and bench.task_id == tid:
            return bench
    return None


# --------------------------------------------------------------------------- rendering


def result_entry(result: Result, registry: Registry) -> dict[str, Any] | SkipReason:
    """The entry for one result, or why the Hub could not place it on a leaderboard."""
    if not is_number(result.value):
        return SkipReason.NOT_A_NUMBER
    bench = benchmark_of(result, registry)
    if bench is None:
        return SkipReason.UNMAPPED
    if not bench.publishable_as_eval_results:
        return SkipReason.NO_HUB_BENCHMARK
    if bench.names_family_only(result.benchmark, result.notes):
        # "GPQA" printed: model-index keeps it, the one-subset leaderboard does not.
        return SkipReason.SUBSET_UNSTATED
    entry: dict[str, Any] = {
        "dataset": {"id": bench.dataset_id, "task_id": bench.task_id},
        "value": result.value,
    }
    if result.source.date:
        # Only the source's own date: a fetch date (`retrieved`) goes to notes, never here.
        entry["date"] = result.source.date
    url = source_ref(result.source)
    if url:
        entry["source"] = (
            {"url": url, "name": result.source.name} if result.source.name else {"url": url}
        )
    notes = eval_notes(result.setting, result.source.reference, result.source.retrieved)
    if notes:
        entry["notes"] = notes
    return entry


_REF_NOTE = re.compile(r"(?:^|;\s*)ref:\s*")
_RETRIEVED_NOTE = re.compile(r"(?:^|;\s*)retrieved (\d{4}-\d{2}-\d{2})\s*$")


def eval_notes(setting: Setting, reference: str | None = None, retrieved: str | None = None) -> str:
    """`.eval_results` notes: the setting label first (what the Hub shows next to the value),
    then "ref: <reference>" when the source names who produced the number, then
    "retrieved <date>" when the only date known is when we fetched it (so `date`, which the
    Hub reads as the date of the result, stays unset)."""
    parts = [setting.label()] if setting.label() else []
    if reference:
        parts.append(f"ref: {reference}")
    if retrieved:
        parts.append(f"retrieved {retrieved}")
    return "; ".join(parts)


def split_eval_notes(notes: str | None) -> tuple[str, str | None]:
    """The setting label and the reference of `.eval_results` notes (the inverse of eval_notes)."""
    if not isinstance(notes, str):
        return "", None
    notes = notes_without_retrieved(notes)[0]
    m = _REF_NOTE.search(notes)
    if m is None:
        return notes, None
    return notes[: m.start()], notes[m.end() :].strip() or None


def notes_without_retrieved(notes: str) -> tuple[str, str | None]:
    """Notes less a trailing "retrieved <ISO date>", and that date (None when absent)."""
    m = _RETRIEVED_NOTE.search(notes)
    if m is None:
        return notes, None
    return notes[: m.start()], m.group(1)


def notes_setting(notes: Any) -> Setting:
    return parse_setting_label(split_eval_notes(notes)[0]) if isinstance(notes, str) else Setting()


def results_to_eval_results_entries(
    results: list[Result], registry: Registry
) -> tuple[list[dict], list[Skip]]:
    """`.eval_results` entries for the results the Hub can place on a Benchmark leaderboard.

    Everything else comes back in the second list with the reason it cannot be published there.
    """
    entries: list[dict] = []
    skipped: list[Skip] = []
    for result in results:
        entry = result_entry(result, registry)
        if isinstance(entry, SkipReason):
            skipped.append(Skip(result, entry))
        else:
            entries.append(entry)
    return entries, skipped


# --------------------------------------------------------------------------- one walk: reading and validation


@dataclass
class EvalResultsParse:
    """One walk over an `.eval_results` file, in file order.

    `results`: every entry found, an unreadable part as a CardResult with `problem` set.
    `problems`: every rule of the Hub it breaks (errors) and what a reader should check (warnings).
    """

    path: str
    results: list[CardResult] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def rule(
        self, yaml_path: str, message: str, severity: Severity = "error", *, kind: ProblemKind
    ) -> None:
        self.problems.append(Problem(self.path, yaml_path, message, severity, kind))

    def unreadable(
        self, yaml_path: str, problem: str | None, rule: str, *, kind: ProblemKind
    ) -> None:
        """A part that is not what the format says: reading says `problem` (None: nothing to
        read there, not a fault), validation says `rule`."""
        if problem is not None:
            self.results.append(
                CardResult(
                    format="eval-results", path=self.path, yaml_path=yaml_path, problem=problem
                )
            )
        self.rule(yaml_path, rule, kind=kind)


def parse_eval_results(path: str, text: str, registry: Registry) -> EvalResultsParse:
    """Walk one `.eval_results` file once, collecting its values and its problems."""
    out = EvalResultsParse(path)
    if not path.endswith((".yaml", ".yml")):
        out.rule("", "eval results files must be .yaml", "warning", kind="not_yaml_file")
    try:
        data = fm.load_yaml(text) if text.strip() else None
    except yaml.YAMLError as exc:
        message = f"not valid YAML: {' '.join(str(exc).split())}"
        out.unreadable("", message, message, kind="unreadable")
        return out
    if not isinstance(data, list):
        # An empty file holds nothing to read; anything else that is not a list cannot be read.
        problem = None if data is None else "file is not a YAML list"
        out.unreadable("", problem, "must be a YAML list of results", kind="malformed")
        return out
    for i, entry in enumerate(data):
        _walk_entry(entry, f"[{i}]", registry, out)
    return out


def _walk_entry(entry: Any, where: str, registry: Registry, out: EvalResultsParse) -> None:
    if not isinstance(entry, dict):
        out.unreadable(
            where,
            "entry is not a mapping",
            "must be a mapping with dataset and value",
            kind="malformed",
        )
        return
    dataset = entry.get("dataset")
    if not isinstance(dataset, dict):
        out.rule(
            f"{where}.dataset", "required: a mapping with id and task_id", kind=shape_kind(dataset)
        )
        dataset = {}
    else:
        if not nonempty_str(dataset.get("id")):
            out.rule(
                f"{where}.dataset.id",
                "required (a Hub Benchmark dataset id)",
                kind=shape_kind(dataset.get("id")),
            )
        if not nonempty_str(dataset.get("task_id")):
            out.rule(
                f"{where}.dataset.task_id",
                "required (a task id from the dataset's eval.yaml)",
                kind=shape_kind(dataset.get("task_id")),
            )
        for key in dataset:
            if key not in _DATASET_KEYS:
                out.rule(
                    f"{where}.dataset.{key}",
                    "unknown key (huggingface_hub drops it)",
                    "warning",
                    kind="unknown_key",
                )
    bench = _identify_dataset(dataset, registry)
    # Value sanity and the registry hint look at the benchmark only when the value is a number.
    checked: Benchmark | None = None
    if "value" not in entry or entry["value"] is None:
        out.rule(f"{where}.value", "required", kind="missing")
    elif not is_number(entry["value"]):
        out.rule(f"{where}.value", "must be a number", kind="malformed")
    else:
        checked = bench
        check_scale(entry["value"], bench, f"{where}.value", out.rule)
    if dataset.get("id") and dataset.get("task_id") and checked is None:
        known_ids = {b.dataset_id for b in registry if b.publishable_as_eval_results}
        hint = (
            "task_id not in the registry"
            if dataset.get("id") in known_ids
            else "dataset not in the registry"
        )
        out.rule(
            f"{where}.dataset",
            f"not a known Hub Benchmark dataset/task ({hint})",
            "warning",
            kind="not_in_registry",
        )
    if "date" in entry:
        check_date(entry["date"], f"{where}.date", out.rule)
    source = entry.get("source")
    if "source" in entry:
        if not isinstance(source, dict):
            out.rule(f"{where}.source", "must be a mapping with url", kind="malformed")
        else:
            if not nonempty_str(source.get("url")):
                out.rule(
                    f"{where}.source.url",
                    "required when source is given",
                    kind=shape_kind(source.get("url")),
                )
            else:
                check_url(source["url"], f"{where}.source.url", out.rule)
            for key in source:
                if key not in _SOURCE_KEYS:
                    out.rule(
                        f"{where}.source.{key}",
                        "unknown key (huggingface_hub drops it)",
                        "warning",
                        kind="unknown_key",
                    )
    if not isinstance(source, dict):
        source = {}
    if "notes" in entry and not isinstance(entry["notes"], str):
        out.rule(f"{where}.notes", "must be a string", kind="malformed")
    for key in entry:
        if key not in _ENTRY_KEYS:
            out.rule(
                f"{where}.{key}",
                "unknown key (huggingface_hub drops it)",
                "warning",
                kind="unknown_key",
            )

    problem = None
    if "value" not in entry:
        problem = "entry has no value"
    elif not dataset.get("id") or not dataset.get("task_id"):
        problem = "entry has no dataset.id or dataset.task_id"
    date = entry.get("date")
    out.results.append(
        CardResult(
            format="eval-results",
            path=out.path,
            yaml_path=where,
            value=entry.get("value"),
            benchmark=bench.name if bench else as_str(dataset.get("id")),
            benchmark_id=bench.id if bench else None,
            dataset=as_str(dataset.get("id")),
            task_id=as_str(dataset.get("task_id")),
            metric=bench.metric if bench else None,
            setting=notes_setting(entry.get("notes")),
            source_name=as_str(source.get("name")),
            source_url=as_str(source.get("url")),
            source_user=as_str(source.get("user")),
            source_reference=split_eval_notes(entry.get("notes"))[1],
            retrieved=notes_without_retrieved(entry["notes"])[1]
            if isinstance(entry.get("notes"), str)
            else None,
            notes=as_str(entry.get("notes")),
            date=jsonable(date) if date is not None else None,
            verified=bool(entry.get("verifyToken")),
            problem=problem,
        )
    )


def read_eval_results(path: str, text: str, registry: Registry) -> list[CardResult]:
    """Every value in one `.eval_results` file, in file order; unreadable parts carry `problem`."""
    return parse_eval_results(path, text, registry).results


def validate_eval_results(path: str, text: str, registry: Registry) -> list[Problem]:
    """The Hub's rules for one `.eval_results` file, each problem with its YAML path."""
    return parse_eval_results(path, text, registry).problems
