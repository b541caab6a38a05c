"""What both card formats share: the repo's card files, a value read from either format, a
problem found in either, file naming, and the small value and source rules both obey.

The formats themselves live in `model_index.py` (README front matter) and `eval_results.py`
(`.eval_results/*.yaml`); merging new results into them in `card_merge.py`; reading a PR's
diff in `card_diff.py`. `cards.py` is the card as a whole (both formats at once).
Pure functions, no I/O.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import math
import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal, NamedTuple, Protocol, get_args

from .benchmarks import Benchmark, Registry, name_words, normalize_name
from .results import Result, Setting, Source, SourceKind
from .value_guards import check_value

README_PATH = "README.md"
EVAL_RESULTS_DIR = ".eval_results"
FORMATS = ("model-index", "eval-results")
FORMAT_CHOICES = ("model-index", "eval-results", "both")
ORIGINS: tuple[SourceKind, ...] = get_args(SourceKind)
CardFormat = Literal["model-index", "eval-results"]
Severity = Literal["error", "warning"]
# What kind of rule a `Problem` is about, for code (the message is for people):
ProblemKind = Literal[
    "unreadable",  # the file or front matter does not parse
    "malformed",  # a part has the wrong type or shape (not a list, not a mapping, not a string)
    "missing",  # a required key is absent or empty
    "unknown_key",  # a key huggingface_hub ignores or drops
    "not_http",  # a source URL readers on the Hub cannot follow
    "bad_date",  # a date that is not ISO-8601
    "out_of_range",  # a value outside its benchmark's scale
    "likely_wrong_scale",  # a value that looks like a fraction of a percent benchmark, or back
    "not_in_registry",  # an `.eval_results` dataset/task the registry does not know
    "self_verified",  # `verified: true` without Hugging Face's verifyToken
    "not_yaml_file",  # an `.eval_results` file not named .yaml
    "other",  # anything else (e.g. a rejection the Hub reports in its own words)
]


# --------------------------------------------------------------------------- data types


@dataclass
class RepoFiles:
    """The card files of a repo at one revision: the README and each `.eval_results/*.yaml`."""

    readme: str | None
    eval_results: dict[str, str] = field(default_factory=dict)  # ".eval_results/x.yaml" -> text
    revision: str | None = None


@dataclass
class CardResult:
    """One value found on a card, in either format, with where it is and where it came from."""

    format: CardFormat
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
    retrieved: str | None = None  # the fetch date of a source that dates nothing itself
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
            "value": jsonable(self.value),
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
            "retrieved": self.retrieved,
            "verified": self.verified,
            "model_name": self.model_name,
        }
        if self.problem:
            out["problem"] = self.problem
        return out

    def to_result(self) -> Result | None:
        """The value as a `Result` (for leaderboards); None when it is unreadable or not a number."""
        if self.problem or not is_number(self.value):
            return None
        kind: SourceKind = "manual"
        if self.path.startswith(EVAL_RESULTS_DIR + "/"):
            stem = self.path.rsplit("/", 1)[-1].removesuffix(".yaml").removesuffix(".yml")
            for origin in ORIGINS:
                if stem == origin or stem.startswith(origin + "_"):
                    kind = origin
        elif self.source_url is None and self.source_name is None:
            kind = "readme"  # a model-index value without a source is the card's own claim
        source = Source(
            kind=kind,
            name=self.source_name or ("model card" if kind == "readme" else self.path),
            url=self.source_url,
            path=self.path,
            reference=self.source_reference,
            date=self.date,
            retrieved=self.retrieved,
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
    severity: Severity = "error"
    kind: ProblemKind = "other"

    def to_dict(self) -> dict:
        return {
            "path": self.path,
            "yaml_path": self.yaml_path,
            "message": self.message,
            "severity": self.severity,
            "kind": self.kind,
        }

    def __str__(self) -> str:
        where = f"{self.path}:{self.yaml_path}" if self.yaml_path else self.path
        return f"{self.severity}: {where}: {self.message}"


class SkipReason(StrEnum):
    """Why a result is left out of one format: the member is what code tests, its value the
    words people read (a StrEnum prints, compares and serialises as those words)."""

    NOT_A_NUMBER = "value is not a finite number"
    UNMAPPED = "unmapped benchmark"
    NO_HUB_BENCHMARK = "no Hub Benchmark dataset/task_id known"
    # A result named only by its benchmark family ("GPQA"): a leaderboard is one subset.
    SUBSET_UNSTATED = "the source does not say which subset (a leaderboard is one subset)"

    @property
    def kind(self) -> str:
        """The stable name for --json ("unmapped"), which the words may outgrow."""
        return self.name.lower()

    @property
    def eval_results_only(self) -> bool:
        """Left out of `.eval_results` only: model-index takes a benchmark the Hub has no
        leaderboard for, `.eval_results` does not."""
        return self is not SkipReason.NOT_A_NUMBER


class Skip(NamedTuple):
    """A result left out of a format, and why; unpacks as `(result, reason)`."""

    result: Result
    reason: SkipReason


# --------------------------------------------------------------------------- naming


def is_result_file(path: str) -> bool:
    """Is this repo path an `.eval_results` file (the Hub reads `.yaml` and `.yml`)?"""
    return path.startswith(EVAL_RESULTS_DIR + "/") and path.endswith((".yaml", ".yml"))


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


# --------------------------------------------------------------------------- sources


def source_ref(source: Source) -> str | None:
    """The URL we publish for a source: its URL, else its local path as a relative reference."""
    if source.url:
        return source.url
    if source.path:
        return f"{source.path}#L{source.line}" if source.line else source.path
    return None


def benchmark_of(result: Result, registry: Registry) -> Benchmark | None:
    """The registry benchmark a result names, if any."""
    return registry.get(result.benchmark_id) if result.benchmark_id else None


# --------------------------------------------------------------------------- values


def is_number(value: Any) -> bool:
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


def as_float(value: Any) -> float | None:
    return float(value) if is_number(value) else None


def jsonable(value: Any) -> Any:
    if isinstance(value, _dt.date | _dt.datetime):
        return value.isoformat()
    return value


def as_str(value: Any) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else str(value)


# --------------------------------------------------------------------------- checks both validators make


class Rule(Protocol):
    """Where a check reports a broken rule (a format walk's `rule` method)."""

    def __call__(
        self, yaml_path: str, message: str, severity: Severity = ..., *, kind: ProblemKind
    ) -> None: ...


def shape_kind(value: Any) -> ProblemKind:
    """A required part that is not what it must be: "missing" when absent or empty (None, "",
    [], {}), else "malformed" (there, but of the wrong type)."""
    if value is None:
        return "missing"
    if isinstance(value, str):
        return "malformed" if value.strip() else "missing"
    if isinstance(value, list | dict):
        return "malformed" if value else "missing"
    return "malformed"


def nonempty_str(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def check_url(url: str, where: str, err: Rule) -> None:
    if not re.match(r"^https?://", url):
        err(
            where,
            "not an absolute http(s) URL; readers on the Hub cannot follow it",
            "warning",
            kind="not_http",
        )


def check_date(value: Any, where: str, err: Rule) -> None:
    if isinstance(value, _dt.date | _dt.datetime):
        return
    if isinstance(value, str):
        try:
            _dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
            return
        except ValueError:
            pass
    err(
        where,
        "must be an ISO-8601 date or datetime (e.g. 2025-01-15 or 2025-01-15T10:30:00Z)",
        kind="bad_date",
    )


def check_scale(value: Any, bench: Benchmark | None, where: str, err: Rule) -> None:
    """Value sanity from the registry (value_guards.check_value, the one rule set that
    add-eval and publishing apply too): out of range is an error, a likely wrong scale a
    warning."""
    number = as_float(value)
    if bench is None or number is None:
        return
    problem = check_value(number, bench)
    if problem is not None:
        err(where, problem.message, problem.severity, kind=problem.kind)
