"""The benchmark registry: printed names to canonical benchmarks.

The data lives in `examples/metric_mapping.json` so that a new benchmark, alias or a
newly registered Hub Benchmark dataset is a data change, not a code change. Lookup is
exact after normalisation, never by substring: MMLU, MMLU-Pro, CMMLU and MMMLU are
four benchmarks, and AIME 2024 is not AIME 2025.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, get_args

# The one name normaliser lives with model-name matching; it is re-exported here because
# the registry is where most callers meet it.
from .cells import benchmark_core
from .naming import name_words, normalize_name
from .results import Scale

__all__ = [
    "MODALITY_TASK_TYPES",
    "Benchmark",
    "Modality",
    "Registry",
    "load_registry",
    "name_words",
    "normalize_name",
]

# What a benchmark's inputs are; it decides the model-index `task.type` (a Hub task id).
Modality = Literal["text", "image", "video", "audio"]
MODALITY_TASK_TYPES: dict[Modality, str] = {
    "text": "text-generation",
    "image": "image-text-to-text",
    "video": "video-text-to-text",
    "audio": "audio-text-to-text",
}
assert set(MODALITY_TASK_TYPES) == set(get_args(Modality))

DEFAULT_REGISTRY_PATH = Path(__file__).resolve().parents[2] / "examples" / "metric_mapping.json"


@dataclass(frozen=True)
class Benchmark:
    id: str  # canonical id, e.g. "mmlu_pro"
    name: str  # display name, e.g. "MMLU-Pro"
    aliases: tuple[str, ...] = ()
    # Names of the benchmark's family that cards print for this subset ("GPQA" for GPQA
    # Diamond): they map here, so model-index gets the value, but a leaderboard is one
    # subset, so `.eval_results` only when the source names the subset (`names_family_only`).
    family_aliases: tuple[str, ...] = ()
    # Hub dataset id; for `.eval_results` it must be a registered Benchmark dataset.
    dataset_id: str | None = None
    # task id from the Benchmark dataset's eval.yaml; `.eval_results` needs it.
    task_id: str | None = None
    # True only where the Hub is known to accept `.eval_results` entries for dataset_id/task_id.
    eval_results: bool = False
    metric: str = "accuracy"
    scale: Scale = "percent"
    # Upper bound for "points" scales (MT-Bench: 10); None where unbounded (Elo).
    max_value: float | None = None
    higher_is_better: bool = True
    category: str | None = None
    # What the model is given: text, or images, video or audio with text (task.type).
    modality: Modality = "text"
    # Where the dataset/task facts come from (a doc, an eval.yaml), for reviewers.
    facts_source: str | None = None
    hf_config: str | None = None  # model-index dataset.config
    hf_split: str | None = None  # model-index dataset.split
    notes: str | None = None

    @property
    def publishable_as_eval_results(self) -> bool:
        return bool(self.eval_results and self.dataset_id and self.task_id)

    def names_family_only(self, printed_name: str, notes: str | None = None) -> bool:
        """True when a source printed only this benchmark's family name ("GPQA", "GPQA
        (0-shot)", "GPQA¹") and its footnote (`notes`) does not name the subset either.

        Why: the registry maps a bare "GPQA" to GPQA Diamond for model-index, but the
        Diamond leaderboard must not get a number that may be of another subset.
        """
        if not self.family_aliases:
            return False
        family = {normalize_name(a) for a in self.family_aliases}
        own = {normalize_name(n) for n in (self.id, self.name, *self.aliases)} - family
        for candidate in (printed_name, benchmark_core(printed_name)):
            key = normalize_name(candidate)
            if key in own:
                return False
            if key in family:
                return not (notes and self._named_in(notes))
        return False

    def _named_in(self, text: str) -> bool:
        """One of the subset's own names appears, word for word, in `text`."""
        words = name_words(text)
        family = {normalize_name(a) for a in self.family_aliases}
        for name in (self.name, *self.aliases):
            if normalize_name(name) in family:
                continue
            wanted = name_words(name)
            n = len(wanted)
            if n and any(words[i : i + n] == wanted for i in range(len(words) - n + 1)):
                return True
        return False

    @property
    def task_type(self) -> str:
        """The model-index `task.type`: an image benchmark is not text generation."""
        return MODALITY_TASK_TYPES[self.modality]

    @property
    def model_index_type(self) -> str:
        """The model-index `dataset.type`: the Hub dataset id when known, else the canonical id."""
        return self.dataset_id or self.id


@dataclass
class Registry:
    benchmarks: list[Benchmark]
    _by_key: dict[str, Benchmark] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        by_id: dict[str, Benchmark] = {}
        for bench in self.benchmarks:
            if bench.id in by_id:
                raise ValueError(f"benchmark registry: duplicate id {bench.id!r}")
            if bench.modality not in MODALITY_TASK_TYPES:
                raise ValueError(
                    f"benchmark registry: {bench.id!r} has modality {bench.modality!r}, "
                    f"not one of {', '.join(MODALITY_TASK_TYPES)}"
                )
            by_id[bench.id] = bench
            for name in (bench.id, bench.name, *bench.aliases, *bench.family_aliases):
                key = normalize_name(name)
                if not key:
                    continue
                other = self._by_key.get(key)
                if other is not None and other.id != bench.id:
                    raise ValueError(
                        f"benchmark registry: name {name!r} maps to both {other.id!r} and {bench.id!r}"
                    )
                self._by_key[key] = bench
        self._by_id = by_id

    def get(self, benchmark_id: str) -> Benchmark | None:
        return self._by_id.get(benchmark_id)

    def lookup(self, printed_name: str) -> Benchmark | None:
        """The benchmark a printed name denotes, or None. Exact after normalisation."""
        key = normalize_name(printed_name)
        if not key:
            return None
        hit = self._by_key.get(key)
        if hit is not None:
            return hit
        # Footnote marks and version suffixes in brackets ("KoMT-Bench[1]") are not part of the name.
        stripped = normalize_name(_strip_brackets(printed_name))
        if stripped and stripped != key:
            return self._by_key.get(stripped)
        return None

    def __iter__(self):
        return iter(self.benchmarks)

    def __len__(self) -> int:
        return len(self.benchmarks)


_BRACKETS_RE = re.compile(r"\[[^\]]*\]|\([^)]*\)")


def _strip_brackets(name: str) -> str:
    return _BRACKETS_RE.sub(" ", name)


def load_registry(path: str | Path | None = None) -> Registry:
    """Read the registry JSON. Unknown keys in an entry are an error, so typos are caught early."""
    path = Path(path) if path else DEFAULT_REGISTRY_PATH
    data = json.loads(path.read_text(encoding="utf-8"))
    entries = data["benchmarks"] if isinstance(data, dict) else data
    allowed = set(Benchmark.__dataclass_fields__)
    benchmarks: list[Benchmark] = []
    for entry in entries:
        unknown = set(entry) - allowed
        if unknown:
            raise ValueError(
                f"benchmark registry {path}: unknown keys {sorted(unknown)} in {entry.get('id')!r}"
            )
        entry = dict(entry)
        entry["aliases"] = tuple(entry.get("aliases", ()))
        entry["family_aliases"] = tuple(entry.get("family_aliases", ()))
        benchmarks.append(Benchmark(**entry))
    return Registry(benchmarks)
