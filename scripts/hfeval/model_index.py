"""The `model-index` format (README front matter): rendering, and one walk that reads and checks it.

huggingface_hub's `repocard_data.py` reads this format into `EvalResult`s; what we write is
what it reads back, with the source and setting of every value:
- one result block per (benchmark, source); each setting of a benchmark is its own metric whose
  `name` says the setting ("MMLU (5-shot)") and whose `args` holds it (`{shots: 5}`);
- `source.url` is the source's URL, else its local path (with `#L<line>`) as a relative
  reference; with neither there is no `source` (the Hub requires a url when one is given);
- who produced a number and of which date go to `metrics[].args.source_reference` /
  `source_date` (`source_retrieved` for the fetch date of a source that gives no date) (huggingface_hub keeps `args`; extra `source` keys it drops).

`parse_model_index` walks a README once; `read_model_index` (the values) and
`validate_model_index` (the Hub's rules) are two views of that walk.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from . import frontmatter as fm
from .benchmarks import Benchmark, Registry, normalize_name
from .card_common import (
    README_PATH,
    CardResult,
    Problem,
    ProblemKind,
    Severity,
    as_str,
    benchmark_of,
    check_scale,
    check_url,
    is_number,
    jsonable,
    metric_display_name,
    nonempty_str,
    shape_kind,
    slug,
    source_ref,
)
from .errors import InputError
from .results import Result, Setting, Source, parse_setting_label

TASK_TYPE = "text-generation"  # for a benchmark the registry does not know
# Keys huggingface_hub reads from a result block; anything else is ours to keep.
_RESULT_KEYS = {"task", "dataset", "metrics", "source"}
# The keys of a metric we derive from a Result (an --overwrite replaces them, keeps the rest).
METRIC_OWNED = ("type", "value", "name", "args")
# Keys of `metrics[].args` that carry a Source's reference and date (not a setting).
_REFERENCE_ARG = "source_reference"
_DATE_ARG = "source_date"
_RETRIEVED_ARG = "source_retrieved"  # a fetch date, never written as source_date


# --------------------------------------------------------------------------- settings


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


def metric_setting(metric: dict, dataset: Any = None) -> Setting:
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


# --------------------------------------------------------------------------- benchmark identity


def _identify_dataset(dataset: dict, registry: Registry) -> Benchmark | None:
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


def dataset_bench_key(dataset: dict, registry: Registry) -> str:
    """The benchmark identity of a block on the card, comparable with `result_bench_key`."""
    bench = _identify_dataset(dataset, registry)
    if bench is not None:
        return "id:" + bench.id
    return "type:" + normalize_name(str(dataset.get("type") or ""))


def result_bench_key(result: Result, registry: Registry) -> str:
    """The benchmark identity of a new result, comparable with `dataset_bench_key`."""
    bench = benchmark_of(result, registry)
    if bench is not None:
        return "id:" + bench.id
    return "type:" + normalize_name(_dataset(result, registry)["type"])


# --------------------------------------------------------------------------- rendering


def _block_source(source: Source) -> dict | None:
    url = source_ref(source)
    if not url:
        return None
    return {"name": source.name, "url": url} if source.name else {"url": url}


def _metric_type(result: Result, bench: Benchmark | None) -> str:
    return result.metric or (bench.metric if bench else None) or "score"


def _dataset(result: Result, registry: Registry) -> dict:
    bench = benchmark_of(result, registry)
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


def _metric(result: Result, registry: Registry) -> dict:
    metric: dict[str, Any] = {
        "type": _metric_type(result, benchmark_of(result, registry)),
        "value": result.value,
        "name": metric_display_name(result),
    }
    args = {**result.setting.to_dict(), **_attribution_args(result.source)}
    if args:
        metric["args"] = args
    return metric


def _attribution_args(source: Source) -> dict:
    """Who produced the number and of which date, for model-index, which has no place for them
    but `args` (huggingface_hub keeps `args` through ModelCardData; extra `source` keys it drops)."""
    out: dict[str, str] = {}
    if source.reference:
        out[_REFERENCE_ARG] = str(source.reference)
    if source.date:
        out[_DATE_ARG] = str(source.date)
    if source.retrieved:
        out[_RETRIEVED_ARG] = str(source.retrieved)
    return out


def result_block(result: Result, registry: Registry) -> dict:
    bench = benchmark_of(result, registry)
    block: dict[str, Any] = {
        # The benchmark's modality (registry); an unmapped name is taken as text.
        "task": {"type": bench.task_type if bench else TASK_TYPE},
        "dataset": _dataset(result, registry),
        "metrics": [_metric(result, registry)],
    }
    source = _block_source(result.source)
    if source:
        block["source"] = source
    return block


def block_key(block: Any) -> tuple | None:
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
        if not is_number(result.value):
            continue
        block = result_block(result, registry)
        key = block_key(block)
        if key is not None and key in by_key:
            by_key[key]["metrics"].extend(block["metrics"])
        else:
            if key is not None:
                by_key[key] = block
            blocks.append(block)
    return [{"name": model_name, "results": blocks}]


# --------------------------------------------------------------------------- one walk: reading and validation


@dataclass
class ModelIndexParse:
    """One walk over a README's model-index, in file order.

    `results`: every metric found, an unreadable part as a CardResult with `problem` set.
    `problems`: every rule of the Hub it breaks (errors) and what a reader should check (warnings).
    """

    results: list[CardResult] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def rule(
        self, yaml_path: str, message: str, severity: Severity = "error", *, kind: ProblemKind
    ) -> None:
        self.problems.append(Problem(README_PATH, yaml_path, message, severity, kind))

    def unreadable(
        self, yaml_path: str, problem: str | None, rule: str, *, kind: ProblemKind
    ) -> None:
        """A part that is not what the format says: reading says `problem` (None: nothing to
        read there, not a fault), validation says `rule`."""
        if problem is not None:
            self.results.append(
                CardResult(
                    format="model-index", path=README_PATH, yaml_path=yaml_path, problem=problem
                )
            )
        self.rule(yaml_path, rule, kind=kind)


def parse_model_index(readme: str, registry: Registry) -> ModelIndexParse:
    """Walk the README's model-index once, collecting its values and its problems."""
    out = ModelIndexParse()
    try:
        data = fm.load_mapping(fm.split_front_matter(readme).yaml_text)
    except InputError as exc:
        out.unreadable("", exc.message, exc.message, kind="unreadable")
        return out
    if "model-index" not in data:
        return out
    mi = data["model-index"]
    if not isinstance(mi, list) or not mi:
        # null or [] hold nothing to read; anything else that is not a list cannot be read.
        unreadable = mi is not None and not isinstance(mi, list)
        out.unreadable(
            "model-index",
            "model-index is not a list" if unreadable else None,
            "must be a non-empty list",
            kind=shape_kind(mi),
        )
        return out
    for e, entry in enumerate(mi):
        where = f"model-index[{e}]"
        if not isinstance(entry, dict):
            out.unreadable(
                where,
                "entry is not a mapping",
                "must be a mapping with name and results",
                kind="malformed",
            )
            continue
        if not isinstance(entry.get("name"), str) or not entry.get("name"):
            out.rule(
                f"{where}.name", "required (the model's name)", kind=shape_kind(entry.get("name"))
            )
        blocks = entry.get("results")
        if not isinstance(blocks, list):
            out.unreadable(
                f"{where}.results",
                "results is missing or not a list",
                "required and must be a list",
                kind=shape_kind(blocks),
            )
            continue
        model_name = entry.get("name") if isinstance(entry.get("name"), str) else None
        for j, block in enumerate(blocks):
            _walk_block(block, f"{where}.results[{j}]", model_name, registry, out)
    return out


def _walk_block(
    block: Any, where: str, model_name: str | None, registry: Registry, out: ModelIndexParse
) -> None:
    if not isinstance(block, dict):
        out.unreadable(
            where,
            "result is not a mapping",
            "must be a mapping with task, dataset and metrics",
            kind="malformed",
        )
        return
    task: Any = block.get("task")
    if not isinstance(task, dict):
        out.rule(f"{where}.task", "required: a mapping with type", kind=shape_kind(task))
        task = {}
    elif not nonempty_str(task.get("type")):
        out.rule(
            f"{where}.task.type",
            "required (e.g. text-generation)",
            kind=shape_kind(task.get("type")),
        )
    dataset = block.get("dataset")
    if not isinstance(dataset, dict):
        out.rule(
            f"{where}.dataset", "required: a mapping with type and name", kind=shape_kind(dataset)
        )
        dataset = {}
    else:
        for key, hint in (("type", "the Hub dataset id"), ("name", "a display name")):
            if not nonempty_str(dataset.get(key)):
                out.rule(
                    f"{where}.dataset.{key}",
                    f"required ({hint})",
                    kind=shape_kind(dataset.get(key)),
                )
        for key in ("config", "split", "revision"):
            if key in dataset and not isinstance(dataset[key], str):
                out.rule(f"{where}.dataset.{key}", "must be a string", kind="malformed")
        if "args" in dataset and not isinstance(dataset["args"], dict):
            out.rule(f"{where}.dataset.args", "must be a mapping", kind="malformed")
    source: Any = block.get("source")
    if "source" in block:
        if not isinstance(source, dict):
            out.rule(f"{where}.source", "must be a mapping with url and name", kind="malformed")
        elif not nonempty_str(source.get("url")):
            out.rule(
                f"{where}.source.url",
                "required when source is given",
                kind=shape_kind(source.get("url")),
            )
        else:
            check_url(source["url"], f"{where}.source.url", out.rule)
    if not isinstance(source, dict):
        source = {}
    for key in block:
        if key not in _RESULT_KEYS:
            out.rule(
                f"{where}.{key}",
                "unknown key (huggingface_hub ignores it)",
                "warning",
                kind="unknown_key",
            )
    metrics = block.get("metrics")
    if not isinstance(metrics, list) or not metrics:
        out.unreadable(
            f"{where}.metrics",
            None if isinstance(metrics, list) else "metrics is missing or not a list",
            "required: a non-empty list",
            kind=shape_kind(metrics),
        )
        return
    bench = _identify_dataset(dataset, registry) if dataset else None
    for k, metric in enumerate(metrics):
        mwhere = f"{where}.metrics[{k}]"
        if not isinstance(metric, dict):
            out.unreadable(
                mwhere,
                "metric is not a mapping",
                "must be a mapping with type and value",
                kind="malformed",
            )
            continue
        _check_metric(metric, mwhere, bench, out)
        problem = None
        if "value" not in metric:
            problem = "metric has no value"
        elif not dataset:
            problem = "result has no dataset"
        args = metric["args"] if isinstance(metric.get("args"), dict) else {}
        out.results.append(
            CardResult(
                format="model-index",
                path=README_PATH,
                yaml_path=mwhere,
                value=metric.get("value"),
                benchmark=bench.name
                if bench
                else as_str(dataset.get("name")) or as_str(dataset.get("type")),
                benchmark_id=bench.id if bench else None,
                dataset=as_str(dataset.get("type")),
                dataset_name=as_str(dataset.get("name")),
                task_type=as_str(task.get("type")),
                metric=as_str(metric.get("type")),
                metric_name=as_str(metric.get("name")),
                setting=metric_setting(metric, dataset),
                source_name=as_str(source.get("name")),
                source_url=as_str(source.get("url")),
                source_reference=as_str(args.get(_REFERENCE_ARG)),
                date=as_str(jsonable(args.get(_DATE_ARG))),
                retrieved=as_str(jsonable(args.get(_RETRIEVED_ARG))),
                verified=metric.get("verified") is True,
                model_name=model_name,
                problem=problem,
            )
        )


def _check_metric(metric: dict, where: str, bench: Benchmark | None, out: ModelIndexParse) -> None:
    if not nonempty_str(metric.get("type")):
        out.rule(f"{where}.type", "required (e.g. accuracy)", kind=shape_kind(metric.get("type")))
    if "value" not in metric or metric["value"] is None:
        out.rule(f"{where}.value", "required", kind="missing")
    elif not isinstance(metric["value"], int | float | str) or isinstance(metric["value"], bool):
        out.rule(f"{where}.value", "must be a number or a string", kind="malformed")
    else:
        check_scale(metric["value"], bench, f"{where}.value", out.rule)
    if "args" in metric and not isinstance(metric["args"], dict):
        out.rule(f"{where}.args", "must be a mapping", kind="malformed")
    if metric.get("verified") is True and not metric.get("verifyToken"):
        out.rule(
            f"{where}.verified",
            "verified is set only by Hugging Face (with a verifyToken); do not set it",
            "warning",
            kind="self_verified",
        )


def read_model_index(readme: str, registry: Registry) -> list[CardResult]:
    """Every value in the README's model-index, in file order; unreadable parts carry `problem`."""
    return parse_model_index(readme, registry).results


def validate_model_index(readme: str, registry: Registry) -> list[Problem]:
    """The Hub's rules for model-index, each problem with its YAML path, plus value sanity."""
    return parse_model_index(readme, registry).problems
