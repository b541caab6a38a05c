"""Model card formats: `model-index` front matter and `.eval_results/*.yaml`, read, merged, checked.

Pure functions, no I/O: callers hand in the repo's files as text (`RepoFiles`) and get
back the new text (`UpdatePlan`). Writing is merging, never replacing: whatever the card
already says (results, unknown keys, comments, the body) stays as it was, and a number
that disagrees with one already published from the same origin is a `ValueConflict`
for a human to settle, not something we overwrite quietly.

Decisions (see references/card-formats.md):
- model-index: one result block per (benchmark, source); each setting of a benchmark is its
  own metric whose `name` says the setting ("MMLU (5-shot)") and whose `args` holds it
  (`{shots: 5}`), so huggingface_hub reads every value back with its source and setting.
- `source.url` is the source's URL, else its local path (with `#L<line>`) as a relative
  reference; with neither there is no `source` (the Hub requires a url when one is given).
- `.eval_results`: only benchmarks with a known Hub Benchmark dataset and task id; the setting
  goes to `notes`.
- Attribution beyond name and URL (who produced a number, of which date: the AA model id and
  the date of AA's data, an inspect run's model revision) is written where huggingface_hub
  keeps it: model-index `metrics[].args.source_reference` / `source_date`, `.eval_results`
  `date` and a `ref: ...` part after the setting in `notes`.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as _dt
import difflib
import hashlib
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import yaml

from . import frontmatter as fm
from .benchmarks import Benchmark, Registry, name_words, normalize_name
from .errors import InputError
from .results import Result, Setting, Source

README_PATH = "README.md"
EVAL_RESULTS_DIR = ".eval_results"
FORMATS = ("model-index", "eval-results")
FORMAT_CHOICES = ("model-index", "eval-results", "both")
TASK_TYPE = "text-generation"
ORIGINS = ("readme", "artificial_analysis", "inspect", "manual")

# Keys huggingface_hub reads from each part of the two formats; anything else is ours to keep.
_MI_RESULT_KEYS = {"task", "dataset", "metrics", "source"}
_EVAL_ENTRY_KEYS = {"dataset", "value", "verifyToken", "date", "source", "notes"}
_EVAL_DATASET_KEYS = {"id", "task_id", "revision"}
_EVAL_SOURCE_KEYS = {"url", "name", "user", "org"}
# The keys of an `.eval_results` entry we derive from a Result (all but `dataset`).
_EVAL_ENTRY_OWNED = ("value", "date", "source", "notes")


# --------------------------------------------------------------------------- data types


@dataclass
class RepoFiles:
    """The card files of a repo at one revision: the README and each `.eval_results/*.yaml`."""

    readme: str | None
    eval_results: dict[str, str] = field(default_factory=dict)  # ".eval_results/x.yaml" -> text
    revision: str | None = None


@dataclass
class ValueConflict:
    """A new value for a benchmark, setting and origin the card already has with another value."""

    result: Result
    existing_value: Any
    existing_source: str | None
    path: str  # the file: "README.md" or ".eval_results/readme.yaml"
    yaml_path: str | None = (
        None  # where the existing value is, e.g. model-index[0].results[1].metrics[0].value
    )

    def describe(self) -> str:
        where = f"{self.path}:{self.yaml_path}" if self.yaml_path else self.path
        label = self.result.setting.label()
        bench = self.result.benchmark + (f" [{label}]" if label else "")
        existing = f" from {self.existing_source}" if self.existing_source else ""
        return (
            f"{bench}: card has {self.existing_value}{existing} ({where}); "
            f"new value {self.result.value} from {self.result.source.describe()}"
        )

    def to_dict(self) -> dict:
        return {
            "benchmark": self.result.benchmark,
            "benchmark_id": self.result.benchmark_id,
            "setting": self.result.setting.label(),
            "new_value": self.result.value,
            "new_source": self.result.source.to_dict(),
            "existing_value": self.existing_value,
            "existing_source": self.existing_source,
            "path": self.path,
            "yaml_path": self.yaml_path,
        }


@dataclass
class UpdatePlan:
    """What writing `results` would change; `new_files` holds only files whose text changes."""

    new_files: dict[str, str]
    old_files: dict[str, str | None]
    added: list[Result] = field(default_factory=list)
    already_present: list[Result] = field(default_factory=list)
    conflicts: list[ValueConflict] = field(default_factory=list)
    skipped: list[tuple[Result, str]] = field(default_factory=list)
    # Conflicts settled by overwrite=True: the card's value is replaced by the new one.
    replaced: list[ValueConflict] = field(default_factory=list)

    @property
    def is_noop(self) -> bool:
        return not self.new_files

    def diff(self) -> str:
        """A unified diff of every changed file (the README body is never part of it)."""
        chunks: list[str] = []
        for path, new in self.new_files.items():
            old = self.old_files.get(path)
            chunks.append(unified_diff(old, new, path))
        return "".join(chunks)

    def summary(self) -> str:
        parts = [f"{len(self.added)} to add", f"{len(self.already_present)} already on the card"]
        if self.replaced:
            parts.append(f"{len(self.replaced)} to overwrite")
        if self.conflicts:
            parts.append(f"{len(self.conflicts)} conflicting")
        if self.skipped:
            parts.append(f"{len(self.skipped)} not in every format")
        files = ", ".join(self.new_files) or "no file changes"
        return "; ".join(parts) + f" ({files})"

    def to_dict(self) -> dict:
        return {
            "noop": self.is_noop,
            "changed_files": list(self.new_files),
            "added": [r.to_dict() for r in self.added],
            "already_present": [r.to_dict() for r in self.already_present],
            "conflicts": [c.to_dict() for c in self.conflicts],
            "replaced": [c.to_dict() for c in self.replaced],
            "skipped": [{"result": r.to_dict(), "reason": why} for r, why in self.skipped],
            "diff": self.diff(),
        }


@dataclass
class CardResult:
    """One value found on a card, in either format, with where it is and where it came from."""

    format: str  # "model-index" | "eval-results"
    path: str  # "README.md" or ".eval_results/x.yaml"
    yaml_path: str  # e.g. "model-index[0].results[2].metrics[0]" or "[3]"
    value: Any = None
    benchmark: str | None = None  # registry display name, else the card's dataset name or id
    benchmark_id: str | None = None  # registry id when the registry recognises it
    dataset: str | None = None  # model-index dataset.type / eval-results dataset.id
    dataset_name: str | None = None
    task_type: str | None = None
    task_id: str | None = None
    metric: str | None = None
    metric_name: str | None = None
    setting: Setting = field(default_factory=Setting)
    source_name: str | None = None
    source_url: str | None = None
    source_user: str | None = None
    source_reference: str | None = None  # who/what produced it (AA model id, run), when written
    notes: str | None = None
    date: str | None = None
    verified: bool = False
    model_name: str | None = None
    problem: str | None = None  # set for an entry we could not read; the other fields may be empty

    @property
    def setting_label(self) -> str:
        return self.setting.label()

    def to_dict(self) -> dict:
        out = {
            "format": self.format,
            "path": self.path,
            "yaml_path": self.yaml_path,
            "benchmark": self.benchmark,
            "benchmark_id": self.benchmark_id,
            "dataset": self.dataset,
            "dataset_name": self.dataset_name,
            "task_type": self.task_type,
            "task_id": self.task_id,
            "metric": self.metric,
            "metric_name": self.metric_name,
            "value": _jsonable(self.value),
            "setting": self.setting.to_dict(),
            "setting_label": self.setting_label,
            "source": {
                k: v
                for k, v in (
                    ("name", self.source_name),
                    ("url", self.source_url),
                    ("user", self.source_user),
                    ("reference", self.source_reference),
                )
                if v is not None
            },
            "notes": self.notes,
            "date": self.date,
            "verified": self.verified,
            "model_name": self.model_name,
        }
        if self.problem:
            out["problem"] = self.problem
        return out

    def to_result(self) -> Result | None:
        """The value as a `Result` (for leaderboards); None when it is unreadable or not a number."""
        if self.problem or not _is_number(self.value):
            return None
        kind = "manual"
        if self.path.startswith(EVAL_RESULTS_DIR + "/"):
            stem = self.path.rsplit("/", 1)[-1].removesuffix(".yaml").removesuffix(".yml")
            for origin in ORIGINS:
                if stem == origin or stem.startswith(origin + "_"):
                    kind = origin
        elif self.source_url is None and self.source_name is None:
            kind = "readme"  # a model-index value without a source is the card's own claim
        source = Source(
            kind=kind,  # type: ignore[arg-type]
            name=self.source_name or ("model card" if kind == "readme" else self.path),
            url=self.source_url,
            path=self.path,
            reference=self.source_reference,
            date=self.date,
        )
        return Result(
            benchmark=self.metric_name or self.benchmark or self.dataset or "?",
            value=float(self.value),
            source=source,
            benchmark_id=self.benchmark_id,
            setting=self.setting,
            metric=self.metric,
            notes=self.notes,
            model=self.model_name,
        )


@dataclass
class Problem:
    """One thing the Hub would reject (error) or a reader should double-check (warning)."""

    path: str
    yaml_path: str
    message: str
    severity: str = "error"  # "error" | "warning"

    def to_dict(self) -> dict:
        return {
            "path": self.path,
            "yaml_path": self.yaml_path,
            "message": self.message,
            "severity": self.severity,
        }

    def __str__(self) -> str:
        where = f"{self.path}:{self.yaml_path}" if self.yaml_path else self.path
        return f"{self.severity}: {where}: {self.message}"


# --------------------------------------------------------------------------- naming


def eval_results_path(origin: str, name: str | None = None) -> str:
    """`.eval_results/<origin>[_<name>].yaml`: one file per source, so merges never mix origins."""
    stem = _file_slug(origin) if origin.strip() else "results"
    if name:
        stem = f"{stem}_{_file_slug(name)}"
    return f"{EVAL_RESULTS_DIR}/{stem}.yaml"


def normalize_formats(formats: str | set[str] | list[str] | tuple[str, ...]) -> set[str]:
    """`--format` value(s) to a set of FORMATS; "both" means both."""
    values = {formats} if isinstance(formats, str) else set(formats)
    out: set[str] = set()
    for value in values:
        if value == "both":
            out.update(FORMATS)
        elif value in FORMATS:
            out.add(value)
        else:
            raise ValueError(
                f"unknown card format {value!r} (choose from {', '.join(FORMAT_CHOICES)})"
            )
    return out


def _file_slug(text: str) -> str:
    """A file-name part in any script ("inspect_中文推理"); a short hash when no word is left."""
    return "_".join(name_words(text)) or _short_hash(text)


def slug(text: str) -> str:
    """The model-index `dataset.type` of a benchmark the registry does not know.

    Readable words in any script joined by "-" ("中文推理", "mmlu-5-shot"): two names that
    differ are two benchmarks, so a name with no letters or digits gets a stable hash
    rather than a shared placeholder.
    """
    return "-".join(name_words(text)) or "benchmark-" + _short_hash(text)


def _short_hash(text: str) -> str:
    return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()[:8]


def metric_display_name(result: Result) -> str:
    """Printed benchmark name plus the parts of the setting it does not already say: "MMLU (5-shot)"."""
    printed = result.benchmark.strip()
    label = result.setting.label()
    if not label:
        return printed
    said = normalize_name(printed)
    missing = [part for part in label.split(", ") if normalize_name(part) not in said]
    if not missing:
        return printed
    return f"{printed} ({', '.join(missing)})"


_SHOTS = re.compile(r"^(\d+)[- ]?shots?$", re.I)
_PASS = re.compile(r"^pass@(\d+)$", re.I)
_MAJ = re.compile(r"^maj@(\d+)$", re.I)
_FLAGS = {
    "cot": ("cot", True),
    "chain-of-thought": ("cot", True),
    "chainofthought": ("cot", True),
    "no cot": ("cot", False),
    "no-cot": ("cot", False),
    "with tools": ("tools", True),
    "tools": ("tools", True),
    "no tools": ("tools", False),
    "no-tools": ("tools", False),
    "without tools": ("tools", False),
    "thinking": ("thinking", True),
    "non-thinking": ("thinking", False),
    "no thinking": ("thinking", False),
}


def parse_setting_label(text: str | None, *, strict: bool = False) -> Setting | None:
    """The inverse of `Setting.label()` ("5-shot, CoT, with tools"); hub spellings ("no-tools") too.

    Parts it does not recognise become `extra`; with strict=True they make it return None.
    """
    if not text or not isinstance(text, str):
        return Setting()
    values: dict[str, Any] = {}
    extra: list[str] = []
    for raw in text.split(","):
        part = raw.strip()
        if not part:
            continue
        low = part.lower()
        if m := _SHOTS.match(low):
            values["shots"] = int(m.group(1))
        elif low in ("zero-shot", "0shot"):
            values["shots"] = 0
        elif m := _PASS.match(low):
            values["pass_at"] = int(m.group(1))
        elif m := _MAJ.match(low):
            values["maj_at"] = int(m.group(1))
        elif low in _FLAGS:
            name, flag = _FLAGS[low]
            values[name] = flag
        else:
            if strict:
                return None
            extra.append(part)
    return Setting(extra=tuple(extra), **values)


def _setting_from_args(args: Any) -> Setting | None:
    """The setting we store in `metrics[].args`; None when args is not one of ours."""
    if not isinstance(args, dict):
        return None
    values: dict[str, Any] = {}
    for key in ("shots", "pass_at", "maj_at"):
        if key in args:
            if not isinstance(args[key], int) or isinstance(args[key], bool):
                return None
            values[key] = args[key]
    for key in ("cot", "tools", "thinking"):
        if key in args:
            if not isinstance(args[key], bool):
                return None
            values[key] = args[key]
    extra = args.get("extra", ())
    if extra and not (isinstance(extra, list) and all(isinstance(e, str) for e in extra)):
        return None
    if not values and not extra:
        return None
    return Setting(extra=tuple(extra or ()), **values)


def _metric_setting(metric: dict, dataset: Any = None) -> Setting:
    """A metric's setting: our `args`, else its name's "(5-shot)", else `dataset.args.num_few_shot`.

    The last is how Open LLM Leaderboard cards say the shots.
    """
    from_args = _setting_from_args(metric.get("args"))
    if from_args is not None:
        return from_args
    name = metric.get("name")
    if isinstance(name, str):
        m = re.search(r"\(([^()]*)\)\s*$", name)
        if m:
            parsed = parse_setting_label(m.group(1), strict=True)
            if parsed is not None:
                return parsed
    args = dataset.get("args") if isinstance(dataset, dict) else None
    if isinstance(args, dict):
        shots = args.get("num_few_shot")
        if isinstance(shots, int) and not isinstance(shots, bool):
            return Setting(shots=shots)
    return Setting()


# --------------------------------------------------------------------------- sources


def _source_ref(source: Source) -> str | None:
    """The URL we publish for a source: its URL, else its local path as a relative reference."""
    if source.url:
        return source.url
    if source.path:
        return f"{source.path}#L{source.line}" if source.line else source.path
    return None


def _mi_source(source: Source) -> dict | None:
    url = _source_ref(source)
    if not url:
        return None
    return {"name": source.name, "url": url} if source.name else {"url": url}


def _url_identity(url: str) -> str:
    """URLs of one origin that differ only by revision or line anchor are the same origin."""
    url = url.split("#", 1)[0].split("?", 1)[0].rstrip("/")
    url = re.sub(r"/(blob|resolve|raw)/[^/]+/", "/blob/*/", url)
    return url.lower()


def _same_origin(existing: Any, new: Source, origin: str) -> bool:
    """Is an existing model-index source the same origin as a new result's source?

    A result without a source is the card author's own claim, which is what a README
    extraction re-reads; for every other origin it is someone else's number.
    """
    if not isinstance(existing, dict) or not (existing.get("url") or existing.get("name")):
        return origin == "readme" or new.kind == "readme"
    new_url = _source_ref(new)
    old_url = existing.get("url")
    if isinstance(old_url, str) and new_url and _url_identity(old_url) == _url_identity(new_url):
        return True
    old_name = existing.get("name")
    return (
        isinstance(old_name, str) and old_name.strip().lower() == (new.name or "").strip().lower()
    )


def _describe_source(source: Any) -> str | None:
    if not isinstance(source, dict):
        return None
    name, url = source.get("name"), source.get("url")
    if name and url:
        return f"{name} ({url})"
    return str(name or url) if (name or url) else None


# --------------------------------------------------------------------------- values


def _is_number(value: Any) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return math.isfinite(value)
    if isinstance(value, str):
        try:
            return math.isfinite(float(value))
        except ValueError:
            return False
    return False


def _as_float(value: Any) -> float | None:
    return float(value) if _is_number(value) else None


def _values_equal(a: Any, b: Any) -> bool:
    fa, fb = _as_float(a), _as_float(b)
    if fa is None or fb is None:
        return a == b
    return math.isclose(fa, fb, rel_tol=1e-9, abs_tol=1e-12)


def _jsonable(value: Any) -> Any:
    if isinstance(value, _dt.date | _dt.datetime):
        return value.isoformat()
    return value


# --------------------------------------------------------------------------- benchmark identity


def _benchmark_of(result: Result, registry: Registry) -> Benchmark | None:
    return registry.get(result.benchmark_id) if result.benchmark_id else None


def _metric_type(result: Result, bench: Benchmark | None) -> str:
    return result.metric or (bench.metric if bench else None) or "score"


def _identify_mi_dataset(dataset: dict, registry: Registry) -> Benchmark | None:
    """The registry benchmark a model-index `dataset` denotes: by its type, else by its name."""
    dtype = dataset.get("type")
    if isinstance(dtype, str) and dtype:
        wanted = dtype.lower()
        hits = [
            b for b in registry if b.model_index_type.lower() == wanted or b.id.lower() == wanted
        ]
        if len(hits) > 1:
            config = dataset.get("config")
            hits = [b for b in hits if b.hf_config == config] or hits
            name = dataset.get("name")
            if len(hits) > 1 and isinstance(name, str):
                named = registry.lookup(name)
                hits = [b for b in hits if named is not None and b.id == named.id] or hits
        if len(hits) == 1:
            return hits[0]
    name = dataset.get("name")
    if isinstance(name, str):
        return registry.lookup(name)
    return None


def _identify_eval_dataset(dataset: dict, registry: Registry) -> Benchmark | None:
    did, tid = dataset.get("id"), dataset.get("task_id")
    for bench in registry:
        if bench.dataset_id and bench.dataset_id == did and bench.task_id == tid:
            return bench
    return None


def _mi_bench_key(dataset: dict, registry: Registry) -> str:
    bench = _identify_mi_dataset(dataset, registry)
    if bench is not None:
        return "id:" + bench.id
    return "type:" + normalize_name(str(dataset.get("type") or ""))


def _result_bench_key(result: Result, registry: Registry) -> str:
    bench = _benchmark_of(result, registry)
    if bench is not None:
        return "id:" + bench.id
    return "type:" + normalize_name(_mi_dataset(result, registry)["type"])


# --------------------------------------------------------------------------- model-index


def _mi_dataset(result: Result, registry: Registry) -> dict:
    bench = _benchmark_of(result, registry)
    if bench is None:
        return {
            "name": result.benchmark.strip(),
            "type": result.benchmark_id or slug(result.benchmark),
        }
    dataset = {"name": bench.name, "type": bench.model_index_type}
    if bench.hf_config:
        dataset["config"] = bench.hf_config
    if bench.hf_split:
        dataset["split"] = bench.hf_split
    return dataset


def _mi_metric(result: Result, registry: Registry) -> dict:
    metric: dict[str, Any] = {
        "type": _metric_type(result, _benchmark_of(result, registry)),
        "value": result.value,
        "name": metric_display_name(result),
    }
    args = {**result.setting.to_dict(), **_attribution_args(result.source)}
    if args:
        metric["args"] = args
    return metric


# Keys of `metrics[].args` that carry a Source's reference and date (not a setting).
_REFERENCE_ARG = "source_reference"
_DATE_ARG = "source_date"


def _attribution_args(source: Source) -> dict:
    """Who produced the number and of which date, for model-index, which has no place for them
    but `args` (huggingface_hub keeps `args` through ModelCardData; extra `source` keys it drops)."""
    out: dict[str, str] = {}
    if source.reference:
        out[_REFERENCE_ARG] = str(source.reference)
    if source.date:
        out[_DATE_ARG] = str(source.date)
    return out


def _mi_block(result: Result, registry: Registry) -> dict:
    block: dict[str, Any] = {
        "task": {"type": TASK_TYPE},
        "dataset": _mi_dataset(result, registry),
        "metrics": [_mi_metric(result, registry)],
    }
    source = _mi_source(result.source)
    if source:
        block["source"] = source
    return block


def _block_key(block: Any) -> tuple | None:
    """Results that share task, dataset and source can share one block (as extra metrics)."""
    if not isinstance(block, dict):
        return None
    task, dataset, source = block.get("task"), block.get("dataset"), block.get("source")
    if not isinstance(task, dict) or not isinstance(dataset, dict):
        return None
    return (
        task.get("type"),
        task.get("name"),
        repr(sorted(dataset.items(), key=lambda kv: str(kv[0]))),
        repr(sorted(source.items(), key=lambda kv: str(kv[0])))
        if isinstance(source, dict)
        else None,
    )


def results_to_model_index(
    results: list[Result], model_name: str, registry: Registry
) -> list[dict]:
    """A `model-index` value: one entry named `model_name`, one block per (benchmark, source)."""
    blocks: list[dict] = []
    by_key: dict[tuple, dict] = {}
    for result in results:
        if not _is_number(result.value):
            continue
        block = _mi_block(result, registry)
        key = _block_key(block)
        if key in by_key:
            by_key[key]["metrics"].extend(block["metrics"])
        else:
            by_key[key] = block
            blocks.append(block)
    return [{"name": model_name, "results": blocks}]


# --------------------------------------------------------------------------- eval-results


def _eval_entry(result: Result, registry: Registry) -> tuple[dict | None, str | None]:
    if not _is_number(result.value):
        return None, "value is not a finite number"
    bench = _benchmark_of(result, registry)
    if bench is None:
        return None, "unmapped benchmark"
    if not bench.publishable_as_eval_results:
        return None, "no Hub Benchmark dataset/task_id known"
    entry: dict[str, Any] = {
        "dataset": {"id": bench.dataset_id, "task_id": bench.task_id},
        "value": result.value,
    }
    if result.source.date:
        entry["date"] = result.source.date
    url = _source_ref(result.source)
    if url:
        entry["source"] = (
            {"url": url, "name": result.source.name} if result.source.name else {"url": url}
        )
    notes = eval_notes(result.setting, result.source.reference)
    if notes:
        entry["notes"] = notes
    return entry, None


_REF_NOTE = re.compile(r"(?:^|;\s*)ref:\s*")


def eval_notes(setting: Setting, reference: str | None = None) -> str:
    """`.eval_results` notes: the setting label first (what the Hub shows next to the value),
    then "ref: <reference>" when the source names who produced the number."""
    parts = [setting.label()] if setting.label() else []
    if reference:
        parts.append(f"ref: {reference}")
    return "; ".join(parts)


def split_eval_notes(notes: str | None) -> tuple[str, str | None]:
    """The setting label and the reference of `.eval_results` notes (the inverse of eval_notes)."""
    if not isinstance(notes, str):
        return "", None
    m = _REF_NOTE.search(notes)
    if m is None:
        return notes, None
    return notes[: m.start()], notes[m.end() :].strip() or None


def _notes_setting(notes: Any) -> Setting:
    return parse_setting_label(split_eval_notes(notes)[0]) if isinstance(notes, str) else Setting()


def results_to_eval_results_entries(
    results: list[Result], registry: Registry
) -> tuple[list[dict], list[tuple[Result, str]]]:
    """`.eval_results` entries for the results the Hub can place on a Benchmark leaderboard.

    Everything else comes back in the second list with the reason it cannot be published there.
    """
    entries: list[dict] = []
    skipped: list[tuple[Result, str]] = []
    for result in results:
        entry, reason = _eval_entry(result, registry)
        if entry is None:
            skipped.append((result, reason or "not publishable"))
        else:
            entries.append(entry)
    return entries, skipped


# --------------------------------------------------------------------------- planning


@dataclass
class _Known:
    """A value already on the card (or added earlier in this plan), as identity + location."""

    key: tuple  # (benchmark key, setting, metric type)
    value: Any
    source: Any  # model-index: the block's source dict; eval-results: the entry's source dict
    same_origin: bool
    yaml_path: str
    container: dict  # the dict holding "value" in the expected data, for overwrite
    # The container's mapping node in the original text (None if added now), for in-place edits.
    node: yaml.Node | None = None
    # model-index only: the result block holding the metric (its `source` is the value's source).
    block: dict | None = None
    block_node: yaml.Node | None = None


@dataclass
class _MappingEdit:
    """An in-place change of one mapping of the original text: `old` data becomes `new`."""

    node: yaml.Node
    old: dict
    new: dict
    order: int  # inner mappings first where insertions meet (see _edit_model_index_text)


# What a replaced value no longer has: Hugging Face's verification was of the old number.
_VERIFICATION_KEYS = ("verified", "verifyToken")


def _replaced(old: dict, ours: dict, owned: tuple[str, ...]) -> dict:
    """`old` with the keys we derive from a result (`owned`) taken from `ours`, in old key order.

    Keys we do not derive (a metric's `config`, an entry's unknown keys) stay as they were.
    """
    out: dict = {}
    for key, value in old.items():
        if key in _VERIFICATION_KEYS:
            continue
        if key in owned:
            if key in ours:
                out[key] = ours[key]
        else:
            out[key] = value
    for key in owned:
        if key in ours and key not in out:
            out[key] = ours[key]
    return out


def _set_dict(target: dict, content: dict) -> None:
    """Replace a dict's content in place (other structures hold it by identity)."""
    target.clear()
    target.update(content)


@dataclass
class _Decision:
    kind: str  # "add" | "present" | "conflict" | "replace" | "skip"
    conflict: ValueConflict | None = None
    reason: str | None = None


def plan_update(
    files: RepoFiles,
    results: list[Result],
    *,
    model_name: str,
    formats: set[str] | str,
    origin: str,
    registry: Registry,
    overwrite: bool = False,
    eval_results_name: str | None = None,
) -> UpdatePlan:
    """Merge `results` into the card files without losing anything already there.

    Raises InputError when an existing file cannot be read safely (broken YAML, a
    model-index that is not a list): we refuse rather than rewrite what we do not understand.
    """
    wanted = normalize_formats(formats)
    er_path = eval_results_path(origin, eval_results_name)
    ctx = _Context(registry=registry, origin=origin, overwrite=overwrite, model_name=model_name)

    # A result that conflicts in any format (and overwrite is off) is written to none, so the
    # formats never disagree about it: plan again without it until no new conflict appears.
    blocked: set[int] = set()
    found: dict[str, dict[int, _Decision]] = {}  # the conflicts, kept from the pass that saw them
    for _ in range(len(results) + 1):
        decisions: dict[str, dict[int, _Decision]] = {}
        new_texts: dict[str, str] = {}
        if "model-index" in wanted:
            text, dec = _plan_model_index(files.readme, results, blocked, ctx)
            decisions[README_PATH] = dec
            if text is not None and text != files.readme:
                new_texts[README_PATH] = text
        if "eval-results" in wanted:
            old = files.eval_results.get(er_path)
            text, dec = _plan_eval_results(old, er_path, results, blocked, ctx)
            decisions[er_path] = dec
            if text is not None and text != old:
                new_texts[er_path] = text
        conflicting: set[int] = set()
        for path, dec in decisions.items():
            for i, d in dec.items():
                if d.kind == "conflict":
                    found.setdefault(path, {})[i] = d
                    conflicting.add(i)
        if not conflicting:
            break
        blocked |= conflicting
    for path, dec in found.items():
        for i, d in dec.items():
            decisions.setdefault(path, {}).setdefault(i, d)

    plan = UpdatePlan(
        new_files=new_texts,
        old_files={
            path: (files.readme if path == README_PATH else files.eval_results.get(path))
            for path in new_texts
        },
    )
    for i, result in enumerate(results):
        kinds = {path: dec[i] for path, dec in decisions.items() if i in dec}
        for d in kinds.values():
            if d.kind == "conflict" and d.conflict:
                plan.conflicts.append(d.conflict)
            elif d.kind == "replace" and d.conflict:
                plan.replaced.append(d.conflict)
        for reason in dict.fromkeys(
            d.reason for d in kinds.values() if d.kind == "skip" and d.reason
        ):
            plan.skipped.append((result, reason))
        if i in blocked:
            continue
        if any(d.kind in ("add", "replace") for d in kinds.values()):
            plan.added.append(result)
        elif any(d.kind == "present" for d in kinds.values()):
            plan.already_present.append(result)
    return plan


@dataclass
class _Context:
    registry: Registry
    origin: str
    overwrite: bool
    model_name: str


def _decide(
    result: Result,
    key: tuple,
    known: list[_Known],
    same_origin: Callable[[_Known], bool],
    path: str,
    ctx: _Context,
) -> tuple[_Decision, _Known | None]:
    """Present, conflict, replace or add, against everything known so far."""
    matches = [k for k in known if k.key == key]
    if any(_values_equal(k.value, result.value) for k in matches):
        return _Decision("present"), None
    for k in matches:
        if same_origin(k):
            conflict = ValueConflict(
                result=result,
                existing_value=k.value,
                existing_source=_describe_source(k.source),
                path=path,
                yaml_path=k.yaml_path,
            )
            return _Decision("replace" if ctx.overwrite else "conflict", conflict), k
    return _Decision("add"), None


def _plan_model_index(
    readme: str | None, results: list[Result], blocked: set[int], ctx: _Context
) -> tuple[str | None, dict[int, _Decision]]:
    reg = ctx.registry
    front = fm.split_front_matter(readme) if readme is not None else fm.split_front_matter("")
    data = fm.load_mapping(front.yaml_text)
    expected = copy.deepcopy(data)
    root = fm.compose(front.yaml_text) if front.yaml_text.strip() else None
    mi_pair = fm.mapping_get(root, "model-index")
    mi = data.get("model-index")

    if "model-index" in data and mi is not None and not isinstance(mi, list):
        raise InputError("README front matter: model-index is not a list; fix it by hand first")
    entries: list = expected.get("model-index") or []
    target = _target_entry(entries, ctx.model_name)
    if target is not None and not isinstance(entries[target], dict):
        raise InputError(
            f"README front matter: model-index[{target}] is not a mapping; fix it by hand first"
        )
    if target is not None:
        tresults = entries[target].get("results")
        if tresults is not None and not isinstance(tresults, list):
            raise InputError(f"README front matter: model-index[{target}].results is not a list")

    # Everything on the target entry, with its node for in-place edits.
    known: list[_Known] = []
    seq_nodes: dict[int, yaml.Node] = {}  # result index -> metrics sequence node
    results_node: yaml.Node | None = None
    if target is not None:
        entry_node = (
            mi_pair[1].value[target]
            if mi_pair and isinstance(mi_pair[1], yaml.SequenceNode)
            else None
        )
        rn = fm.mapping_get(entry_node, "results")
        results_node = rn[1] if rn else None
        for j, block in enumerate(entries[target].get("results") or []):
            if not isinstance(block, dict) or not isinstance(block.get("dataset"), dict):
                continue
            metrics = block.get("metrics")
            if not isinstance(metrics, list):
                continue
            block_node = (
                results_node.value[j]
                if isinstance(results_node, yaml.SequenceNode) and j < len(results_node.value)
                else None
            )
            mn = fm.mapping_get(block_node, "metrics")
            if mn:
                seq_nodes[j] = mn[1]
            bkey = _mi_bench_key(block["dataset"], reg)
            for k, metric in enumerate(metrics):
                if not isinstance(metric, dict) or "value" not in metric:
                    continue
                metric_node = (
                    mn[1].value[k] if mn and isinstance(mn[1], yaml.SequenceNode) else None
                )
                known.append(
                    _Known(
                        key=(
                            bkey,
                            _metric_setting(metric, block["dataset"]),
                            str(metric.get("type", "")).lower(),
                        ),
                        value=metric["value"],
                        source=block.get("source"),
                        same_origin=False,
                        yaml_path=f"model-index[{target}].results[{j}].metrics[{k}].value",
                        container=metric,
                        node=metric_node,
                        block=block,
                        block_node=block_node,
                    )
                )

    decisions: dict[int, _Decision] = {}
    appended_metrics: dict[int, list[dict]] = {}  # existing block index -> new metrics
    new_blocks: list[dict] = []
    replacements: list[_MappingEdit] = []
    restructured = False  # a replaced value left a shared block: no in-place edit can say that
    target_results: list = entries[target].setdefault("results", []) if target is not None else []
    if target is not None and entries[target]["results"] is None:
        entries[target]["results"] = target_results = []
    n_existing_blocks = len(target_results)
    # Block key -> index of the first block with that key, so joining is O(1) per result.
    homes: dict[tuple, int] = {}
    for j, existing in enumerate(target_results):
        existing_key = _block_key(existing)
        if existing_key is not None and isinstance(existing.get("metrics"), list):
            homes.setdefault(existing_key, j)

    for i, result in enumerate(results):
        if i in blocked:
            continue
        if not _is_number(result.value):
            decisions[i] = _Decision("skip", reason="value is not a finite number")
            continue
        block = _mi_block(result, reg)
        metric = block["metrics"][0]
        key = (_result_bench_key(result, reg), result.setting, metric["type"].lower())
        decision, hit = _decide(
            result,
            key,
            known,
            lambda k, r=result: _same_origin(k.source, r.source, ctx.origin),
            README_PATH,
            ctx,
        )
        decisions[i] = decision
        if decision.kind == "replace" and hit is not None:
            moved = _replace_mi_value(hit, block, metric, replacements)
            if moved is not None:
                # The old block keeps its other metrics and its source; ours gets a block of its own.
                restructured = True
                target_results.append(moved)
                new_blocks.append(moved)
            continue
        if decision.kind != "add":
            continue
        # Join a block with the same task, dataset and source, else start a new one.
        bkey = _block_key(block)
        home = homes.get(bkey) if bkey is not None else None
        if home is not None and _block_key(target_results[home]) != bkey:
            home = None  # that block's source was replaced above
        if home is None:
            target_results.append(block)
            new_blocks.append(block)
            home = len(target_results) - 1
            if bkey is not None:
                homes[bkey] = home
            container = metric
        else:
            target_results[home]["metrics"].append(metric)
            container = metric
            if home < n_existing_blocks:
                appended_metrics.setdefault(home, []).append(metric)
        known.append(
            _Known(
                key=key,
                value=result.value,
                source=block.get("source"),
                same_origin=True,
                yaml_path=f"model-index[{target or 0}].results[{home}].metrics[{len(target_results[home]['metrics']) - 1}].value",
                container=container,
                block=target_results[home],
            )
        )

    if not new_blocks and not appended_metrics and not replacements and not restructured:
        return readme, decisions

    if target is None:
        # No usable model-index yet: write a fresh one with all new blocks.
        expected["model-index"] = [{"name": ctx.model_name, "results": new_blocks}]
    yaml_text = _edit_model_index_text(
        front,
        root,
        mi_pair,
        expected,
        target,
        results_node,
        seq_nodes,
        appended_metrics,
        new_blocks,
        None if restructured else replacements,
    )
    return front.with_yaml(yaml_text) if readme is not None else _new_readme(yaml_text), decisions


def _new_readme(yaml_text: str) -> str:
    return "---\n" + yaml_text + "---\n"


_MI_METRIC_OWNED = ("type", "value", "name", "args")


def _replace_mi_value(
    hit: _Known, block: dict, metric: dict, replacements: list[_MappingEdit]
) -> dict | None:
    """--overwrite in model-index: the value, the metric's name and args and the block's source
    all become the new result's, so the card never shows a number with another number's source.

    Returns a new block to append when the metric shared its block (and so its source) with
    other metrics: it moves out, they keep theirs. Records in-place edits in `replacements`.
    """
    old_metric = copy.deepcopy(hit.container)
    _set_dict(hit.container, _replaced(old_metric, metric, _MI_METRIC_OWNED))
    hit.value = metric["value"]
    if hit.node is not None:
        replacements.append(_MappingEdit(hit.node, old_metric, dict(hit.container), order=0))
    old_source, new_source = (hit.block or {}).get("source"), block.get("source")
    hit.source = new_source
    if hit.block is None or old_source == new_source:
        return None
    siblings = hit.block.get("metrics")
    if isinstance(siblings, list) and len(siblings) > 1:
        siblings[:] = [m for m in siblings if m is not hit.container]
        moved = {**block, "metrics": [hit.container]}
        hit.block, hit.block_node = moved, None
        return moved
    old_view = {"source": old_source} if "source" in hit.block else {}
    if new_source is None:
        hit.block.pop("source", None)
    else:
        hit.block["source"] = new_source
    if hit.block_node is not None:
        new_view = {"source": new_source} if new_source is not None else {}
        replacements.append(_MappingEdit(hit.block_node, old_view, new_view, order=2))
    return None


def _target_entry(entries: list, model_name: str) -> int | None:
    if not entries:
        return None
    for i, entry in enumerate(entries):
        if isinstance(entry, dict) and entry.get("name") == model_name:
            return i
    return 0


def _edit_model_index_text(
    front: fm.FrontMatter,
    root: yaml.Node | None,
    mi_pair: tuple[yaml.Node, yaml.Node] | None,
    expected: dict,
    target: int | None,
    results_node: yaml.Node | None,
    seq_nodes: dict[int, yaml.Node],
    appended_metrics: dict[int, list[dict]],
    new_blocks: list[dict],
    replacements: list[_MappingEdit] | None,
) -> str:
    """The new front matter text: precise insertions where the layout allows, else re-emit model-index."""
    text, nl = front.yaml_text, front.newline
    # Write new sequences the way this card already writes them ("key:\n  - x" or "key:\n- x").
    if mi_pair is not None and fm.is_block_sequence(mi_pair[1]):
        indented = mi_pair[1].start_mark.column > mi_pair[0].start_mark.column
    else:
        indented = fm.sequences_indented(root)
    attempts: list[str] = []
    # 1. Surgical: insert new metrics / blocks after the last existing item, edit replaced
    # metrics and sources key by key. Where insertions meet at one place, the innermost goes
    # first: a replaced metric's new keys (0), then metrics appended to its sequence (1), then
    # its block's new keys (2), then new blocks (3).
    if target is not None and mi_pair is not None and replacements is not None:
        edits: list[fm.Edit] = []
        ok = True
        for j, metrics in appended_metrics.items():
            seq = seq_nodes.get(j)
            if not fm.is_block_sequence(seq):
                ok = False
                break
            edits.append(
                fm.append_to_sequence(text, seq, metrics, nl, order=1, indent_sequences=indented)
            )
        if ok and new_blocks:
            if fm.is_block_sequence(results_node):
                edits.append(
                    fm.append_to_sequence(
                        text, results_node, new_blocks, nl, order=3, indent_sequences=indented
                    )
                )
            else:
                ok = False
        try:
            for change in replacements:
                edits.extend(
                    fm.update_mapping(text, change.node, change.old, change.new, nl, change.order)
                )
        except ValueError:
            ok = False
        if ok:
            with contextlib.suppress(ValueError):
                attempts.append(fm.apply_edits(text, edits))
    # 2. Add the key, or re-emit only the model-index key (other keys keep their text and comments).
    if mi_pair is None:
        addition = fm.dump(
            {"model-index": expected["model-index"]}, newline=nl, indent_sequences=indented
        )
        sep = nl if text and not text.endswith(("\n", "\r")) else ""
        attempts.append(text + sep + addition)
    else:
        key_node, value_node = mi_pair
        start = fm.line_start(text, key_node.start_mark.index)
        end = fm.content_end(text, value_node)
        if key_node.start_mark.column == 0:
            attempts.append(
                text[:start]
                + fm.dump(
                    {"model-index": expected["model-index"]}, newline=nl, indent_sequences=indented
                )
                + text[end:]
            )
    # 3. Last resort: the whole front matter from data (loses comments, never values).
    attempts.append(fm.dump(expected, newline=nl, indent_sequences=indented))
    for candidate in attempts:
        if _parses_to(candidate, expected):
            return candidate
    raise InputError(
        "could not edit the README front matter without changing other keys; edit it by hand"
    )


def _parses_to(yaml_text: str, expected: dict) -> bool:
    try:
        return (fm.load_yaml(yaml_text) or {}) == expected
    except yaml.YAMLError:
        return False


def _plan_eval_results(
    old_text: str | None, path: str, results: list[Result], blocked: set[int], ctx: _Context
) -> tuple[str | None, dict[int, _Decision]]:
    reg = ctx.registry
    data: Any = None
    root = None
    if old_text is not None and old_text.strip():
        try:
            data = fm.load_yaml(old_text)
            root = fm.compose(old_text)
        except yaml.YAMLError as exc:
            raise InputError(f"{path} is not valid YAML: {' '.join(str(exc).split())}") from None
        if data is not None and not isinstance(data, list):
            raise InputError(f"{path} is not a YAML list of results; fix it by hand first")
    expected: list = copy.deepcopy(data) if isinstance(data, list) else []

    known: list[_Known] = []
    for i, entry in enumerate(expected):
        if (
            not isinstance(entry, dict)
            or not isinstance(entry.get("dataset"), dict)
            or "value" not in entry
        ):
            continue
        ds = entry["dataset"]
        entry_node = (
            root.value[i] if isinstance(root, yaml.SequenceNode) and i < len(root.value) else None
        )
        known.append(
            _Known(
                key=(ds.get("id"), ds.get("task_id"), _notes_setting(entry.get("notes"))),
                value=entry["value"],
                source=entry.get("source"),
                same_origin=True,
                yaml_path=f"[{i}].value",
                container=entry,
                node=entry_node,
            )
        )

    decisions: dict[int, _Decision] = {}
    additions: list[dict] = []
    replacements: list[_MappingEdit] = []
    changed = False
    for i, result in enumerate(results):
        if i in blocked:
            continue
        entry, reason = _eval_entry(result, reg)
        if entry is None:
            decisions[i] = _Decision("skip", reason=reason)
            continue
        ds = entry["dataset"]
        key = (ds["id"], ds["task_id"], result.setting)
        decision, hit = _decide(result, key, known, lambda k: k.same_origin, path, ctx)
        decisions[i] = decision
        if decision.kind == "replace" and hit is not None:
            # The value, its source, date and notes become the new result's (--overwrite).
            old_entry = copy.deepcopy(hit.container)
            _set_dict(hit.container, _replaced(old_entry, entry, _EVAL_ENTRY_OWNED))
            hit.value, hit.source = result.value, entry.get("source")
            changed = True
            if hit.node is not None:
                replacements.append(_MappingEdit(hit.node, old_entry, dict(hit.container), 0))
        elif decision.kind == "add":
            expected.append(entry)
            additions.append(entry)
            known.append(
                _Known(
                    key,
                    result.value,
                    entry.get("source"),
                    True,
                    f"[{len(expected) - 1}].value",
                    entry,
                )
            )

    if not additions and not changed:
        return old_text, decisions

    text = old_text or ""
    nl = fm.detect_newline(text)
    attempts: list[str] = []
    if fm.is_block_sequence(root):
        with contextlib.suppress(ValueError):
            edits = [
                edit
                for change in replacements
                for edit in fm.update_mapping(
                    text, change.node, change.old, change.new, nl, change.order
                )
            ]
            if additions:
                edits.append(fm.append_to_sequence(text, root, additions, nl, order=1))
            attempts.append(fm.apply_edits(text, edits))
    elif root is None and not changed:
        # Empty or comments only: keep the comments, add the list after them.
        sep = nl if text and not text.endswith(("\n", "\r")) else ""
        attempts.append(text + sep + fm.dump(additions, newline=nl))
    attempts.append(fm.dump(expected, newline=nl))
    for candidate in attempts:
        try:
            if fm.load_yaml(candidate) == expected:
                return candidate, decisions
        except yaml.YAMLError:
            continue
    raise InputError(f"could not edit {path} without changing its other entries; edit it by hand")


# --------------------------------------------------------------------------- diff


def unified_diff(old: str | None, new: str, path: str) -> str:
    old_lines = (old or "").splitlines(keepends=True)
    new_lines = new.splitlines(keepends=True)
    lines = list(
        difflib.unified_diff(
            old_lines,
            new_lines,
            fromfile=f"a/{path}" if old is not None else "/dev/null",
            tofile=f"b/{path}",
        )
    )
    out: list[str] = []
    for line in lines:
        if line.endswith(("\n", "\r")):
            out.append(line)
        else:
            out.append(line + "\n\\ No newline at end of file\n")
    return "".join(out)


# --------------------------------------------------------------------------- reading


def read_card_results(files: RepoFiles, registry: Registry) -> list[CardResult]:
    """Every value on the card, both formats, in file order; unreadable entries carry `problem`."""
    out: list[CardResult] = []
    if files.readme is not None:
        out.extend(_read_model_index(files.readme, registry))
    for path in sorted(files.eval_results):
        out.extend(_read_eval_results(path, files.eval_results[path], registry))
    return out


def _read_model_index(readme: str, registry: Registry) -> list[CardResult]:
    def bad(yaml_path: str, problem: str) -> CardResult:
        return CardResult(
            format="model-index", path=README_PATH, yaml_path=yaml_path, problem=problem
        )

    try:
        data = fm.load_mapping(fm.split_front_matter(readme).yaml_text)
    except InputError as exc:
        return [bad("", exc.message)]
    mi = data.get("model-index")
    if mi is None:
        return []
    if not isinstance(mi, list):
        return [bad("model-index", "model-index is not a list")]
    out: list[CardResult] = []
    for e, entry in enumerate(mi):
        where = f"model-index[{e}]"
        if not isinstance(entry, dict):
            out.append(bad(where, "entry is not a mapping"))
            continue
        blocks = entry.get("results")
        if not isinstance(blocks, list):
            out.append(bad(f"{where}.results", "results is missing or not a list"))
            continue
        model_name = entry.get("name") if isinstance(entry.get("name"), str) else None
        for j, block in enumerate(blocks):
            bwhere = f"{where}.results[{j}]"
            if not isinstance(block, dict):
                out.append(bad(bwhere, "result is not a mapping"))
                continue
            task = block.get("task") if isinstance(block.get("task"), dict) else {}
            dataset = block.get("dataset") if isinstance(block.get("dataset"), dict) else {}
            source = block.get("source") if isinstance(block.get("source"), dict) else {}
            metrics = block.get("metrics")
            if not isinstance(metrics, list):
                out.append(bad(f"{bwhere}.metrics", "metrics is missing or not a list"))
                continue
            bench = _identify_mi_dataset(dataset, registry) if dataset else None
            for k, metric in enumerate(metrics):
                mwhere = f"{bwhere}.metrics[{k}]"
                if not isinstance(metric, dict):
                    out.append(bad(mwhere, "metric is not a mapping"))
                    continue
                problem = None
                if "value" not in metric:
                    problem = "metric has no value"
                elif not dataset:
                    problem = "result has no dataset"
                args = metric.get("args") if isinstance(metric.get("args"), dict) else {}
                out.append(
                    CardResult(
                        format="model-index",
                        path=README_PATH,
                        yaml_path=mwhere,
                        value=metric.get("value"),
                        benchmark=bench.name
                        if bench
                        else _str(dataset.get("name")) or _str(dataset.get("type")),
                        benchmark_id=bench.id if bench else None,
                        dataset=_str(dataset.get("type")),
                        dataset_name=_str(dataset.get("name")),
                        task_type=_str(task.get("type")),
                        metric=_str(metric.get("type")),
                        metric_name=_str(metric.get("name")),
                        setting=_metric_setting(metric, dataset),
                        source_name=_str(source.get("name")),
                        source_url=_str(source.get("url")),
                        source_reference=_str(args.get(_REFERENCE_ARG)),
                        date=_str(_jsonable(args.get(_DATE_ARG))),
                        verified=metric.get("verified") is True,
                        model_name=model_name,
                        problem=problem,
                    )
                )
    return out


def _read_eval_results(path: str, text: str, registry: Registry) -> list[CardResult]:
    def bad(yaml_path: str, problem: str) -> CardResult:
        return CardResult(format="eval-results", path=path, yaml_path=yaml_path, problem=problem)

    try:
        data = fm.load_yaml(text) if text.strip() else []
    except yaml.YAMLError as exc:
        return [bad("", f"not valid YAML: {' '.join(str(exc).split())}")]
    if data is None:
        return []
    if not isinstance(data, list):
        return [bad("", "file is not a YAML list")]
    out: list[CardResult] = []
    for i, entry in enumerate(data):
        where = f"[{i}]"
        if not isinstance(entry, dict):
            out.append(bad(where, "entry is not a mapping"))
            continue
        dataset = entry.get("dataset") if isinstance(entry.get("dataset"), dict) else {}
        source = entry.get("source") if isinstance(entry.get("source"), dict) else {}
        bench = _identify_eval_dataset(dataset, registry)
        problem = None
        if "value" not in entry:
            problem = "entry has no value"
        elif not dataset.get("id") or not dataset.get("task_id"):
            problem = "entry has no dataset.id or dataset.task_id"
        date = entry.get("date")
        out.append(
            CardResult(
                format="eval-results",
                path=path,
                yaml_path=where,
                value=entry.get("value"),
                benchmark=bench.name if bench else _str(dataset.get("id")),
                benchmark_id=bench.id if bench else None,
                dataset=_str(dataset.get("id")),
                task_id=_str(dataset.get("task_id")),
                metric=bench.metric if bench else None,
                setting=_notes_setting(entry.get("notes")),
                source_name=_str(source.get("name")),
                source_url=_str(source.get("url")),
                source_user=_str(source.get("user")),
                source_reference=split_eval_notes(entry.get("notes"))[1],
                notes=_str(entry.get("notes")),
                date=_jsonable(date) if date is not None else None,
                verified=bool(entry.get("verifyToken")),
                problem=problem,
            )
        )
    return out


def _str(value: Any) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else str(value)


# --------------------------------------------------------------------------- validation


def validate_files(files: RepoFiles, registry: Registry) -> list[Problem]:
    """The Hub's rules for both formats, each problem with its YAML path, plus value sanity."""
    problems: list[Problem] = []
    if files.readme is not None:
        problems.extend(_validate_model_index(files.readme, registry))
    for path in sorted(files.eval_results):
        problems.extend(_validate_eval_results(path, files.eval_results[path], registry))
    return problems


def _validate_model_index(readme: str, registry: Registry) -> list[Problem]:
    out: list[Problem] = []

    def err(yaml_path: str, message: str, severity: str = "error") -> None:
        out.append(Problem(README_PATH, yaml_path, message, severity))

    try:
        data = fm.load_mapping(fm.split_front_matter(readme).yaml_text)
    except InputError as exc:
        err("", exc.message)
        return out
    if "model-index" not in data:
        return out
    mi = data["model-index"]
    if not isinstance(mi, list) or not mi:
        err("model-index", "must be a non-empty list")
        return out
    for e, entry in enumerate(mi):
        where = f"model-index[{e}]"
        if not isinstance(entry, dict):
            err(where, "must be a mapping with name and results")
            continue
        if not isinstance(entry.get("name"), str) or not entry.get("name"):
            err(f"{where}.name", "required (the model's name)")
        blocks = entry.get("results")
        if not isinstance(blocks, list):
            err(f"{where}.results", "required and must be a list")
            continue
        for j, block in enumerate(blocks):
            _validate_mi_block(block, f"{where}.results[{j}]", registry, err)
    return out


def _validate_mi_block(block: Any, where: str, registry: Registry, err) -> None:
    if not isinstance(block, dict):
        err(where, "must be a mapping with task, dataset and metrics")
        return
    task = block.get("task")
    if not isinstance(task, dict):
        err(f"{where}.task", "required: a mapping with type")
    elif not _nonempty_str(task.get("type")):
        err(f"{where}.task.type", "required (e.g. text-generation)")
    dataset = block.get("dataset")
    if not isinstance(dataset, dict):
        err(f"{where}.dataset", "required: a mapping with type and name")
        dataset = {}
    else:
        for key, hint in (("type", "the Hub dataset id"), ("name", "a display name")):
            if not _nonempty_str(dataset.get(key)):
                err(f"{where}.dataset.{key}", f"required ({hint})")
        for key in ("config", "split", "revision"):
            if key in dataset and not isinstance(dataset[key], str):
                err(f"{where}.dataset.{key}", "must be a string")
        if "args" in dataset and not isinstance(dataset["args"], dict):
            err(f"{where}.dataset.args", "must be a mapping")
    if "source" in block:
        source = block["source"]
        if not isinstance(source, dict):
            err(f"{where}.source", "must be a mapping with url and name")
        elif not _nonempty_str(source.get("url")):
            err(f"{where}.source.url", "required when source is given")
        else:
            _check_url(source["url"], f"{where}.source.url", err)
    for key in block:
        if key not in _MI_RESULT_KEYS:
            err(f"{where}.{key}", "unknown key (huggingface_hub ignores it)", "warning")
    metrics = block.get("metrics")
    if not isinstance(metrics, list) or not metrics:
        err(f"{where}.metrics", "required: a non-empty list")
        return
    bench = _identify_mi_dataset(dataset, registry) if dataset else None
    for k, metric in enumerate(metrics):
        mwhere = f"{where}.metrics[{k}]"
        if not isinstance(metric, dict):
            err(mwhere, "must be a mapping with type and value")
            continue
        if not _nonempty_str(metric.get("type")):
            err(f"{mwhere}.type", "required (e.g. accuracy)")
        if "value" not in metric or metric["value"] is None:
            err(f"{mwhere}.value", "required")
        elif not isinstance(metric["value"], int | float | str) or isinstance(
            metric["value"], bool
        ):
            err(f"{mwhere}.value", "must be a number or a string")
        else:
            _check_scale(metric["value"], bench, f"{mwhere}.value", err)
        if "args" in metric and not isinstance(metric["args"], dict):
            err(f"{mwhere}.args", "must be a mapping")
        if metric.get("verified") is True and not metric.get("verifyToken"):
            err(
                f"{mwhere}.verified",
                "verified is set only by Hugging Face (with a verifyToken); do not set it",
                "warning",
            )


def _validate_eval_results(path: str, text: str, registry: Registry) -> list[Problem]:
    out: list[Problem] = []

    def err(yaml_path: str, message: str, severity: str = "error") -> None:
        out.append(Problem(path, yaml_path, message, severity))

    if not path.endswith((".yaml", ".yml")):
        err("", "eval results files must be .yaml", "warning")
    try:
        data = fm.load_yaml(text) if text.strip() else None
    except yaml.YAMLError as exc:
        err("", f"not valid YAML: {' '.join(str(exc).split())}")
        return out
    if not isinstance(data, list):
        err("", "must be a YAML list of results")
        return out
    for i, entry in enumerate(data):
        where = f"[{i}]"
        if not isinstance(entry, dict):
            err(where, "must be a mapping with dataset and value")
            continue
        dataset = entry.get("dataset")
        if not isinstance(dataset, dict):
            err(f"{where}.dataset", "required: a mapping with id and task_id")
            dataset = {}
        else:
            if not _nonempty_str(dataset.get("id")):
                err(f"{where}.dataset.id", "required (a Hub Benchmark dataset id)")
            if not _nonempty_str(dataset.get("task_id")):
                err(f"{where}.dataset.task_id", "required (a task id from the dataset's eval.yaml)")
            for key in dataset:
                if key not in _EVAL_DATASET_KEYS:
                    err(
                        f"{where}.dataset.{key}",
                        "unknown key (huggingface_hub drops it)",
                        "warning",
                    )
        if "value" not in entry or entry["value"] is None:
            err(f"{where}.value", "required")
            bench = None
        elif not _is_number(entry["value"]):
            err(f"{where}.value", "must be a number")
            bench = None
        else:
            bench = _identify_eval_dataset(dataset, registry)
            _check_scale(entry["value"], bench, f"{where}.value", err)
        if dataset.get("id") and dataset.get("task_id") and bench is None:
            known_ids = {b.dataset_id for b in registry if b.publishable_as_eval_results}
            hint = (
                "task_id not in the registry"
                if dataset.get("id") in known_ids
                else "dataset not in the registry"
            )
            err(f"{where}.dataset", f"not a known Hub Benchmark dataset/task ({hint})", "warning")
        if "date" in entry:
            _check_date(entry["date"], f"{where}.date", err)
        if "source" in entry:
            source = entry["source"]
            if not isinstance(source, dict):
                err(f"{where}.source", "must be a mapping with url")
            else:
                if not _nonempty_str(source.get("url")):
                    err(f"{where}.source.url", "required when source is given")
                else:
                    _check_url(source["url"], f"{where}.source.url", err)
                for key in source:
                    if key not in _EVAL_SOURCE_KEYS:
                        err(
                            f"{where}.source.{key}",
                            "unknown key (huggingface_hub drops it)",
                            "warning",
                        )
        if "notes" in entry and not isinstance(entry["notes"], str):
            err(f"{where}.notes", "must be a string")
        for key in entry:
            if key not in _EVAL_ENTRY_KEYS:
                err(f"{where}.{key}", "unknown key (huggingface_hub drops it)", "warning")
    return out


def _nonempty_str(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _check_url(url: str, where: str, err) -> None:
    if not re.match(r"^https?://", url):
        err(where, "not an absolute http(s) URL; readers on the Hub cannot follow it", "warning")


def _check_date(value: Any, where: str, err) -> None:
    if isinstance(value, _dt.date | _dt.datetime):
        return
    if isinstance(value, str):
        try:
            _dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
            return
        except ValueError:
            pass
    err(where, "must be an ISO-8601 date or datetime (e.g. 2025-01-15 or 2025-01-15T10:30:00Z)")


def _check_scale(value: Any, bench: Benchmark | None, where: str, err) -> None:
    """Value sanity from the registry: out of range is an error, a likely wrong scale a warning."""
    number = _as_float(value)
    if bench is None or number is None:
        return
    name = bench.name
    if bench.scale == "percent":
        if number < 0 or number > 100:
            err(where, f"{number:g} is outside 0-100 for {name} (a percent)")
        elif 0 < number <= 1:
            err(
                where,
                f"{number:g} looks like a fraction but {name} is reported in percent",
                "warning",
            )
    elif bench.scale == "fraction":
        if number < 0:
            err(where, f"{number:g} is below 0 for {name} (a fraction 0-1)")
        elif number > 1:
            hint = " (looks like a percent)" if number <= 100 else ""
            err(where, f"{number:g} is above 1 for {name} (a fraction 0-1){hint}")
    elif bench.scale == "points" and bench.max_value is not None:
        if number > bench.max_value:
            err(where, f"{number:g} is above the maximum {bench.max_value:g} of {name}")
        elif number < 0:
            err(where, f"{number:g} is below 0 for {name}")
