"""Merging new results into the card files: a plan of the new text, never a blind rewrite.

Pure functions, no I/O: callers hand in the repo's files as text (`RepoFiles`) and get back
the new text (`UpdatePlan`). Writing is merging, never replacing: whatever the card already
says (results, unknown keys, comments, the body) stays as it was, and a number that disagrees
with one already published from the same origin is a `ValueConflict` for a human to settle,
not something we overwrite quietly. New text is made by surgery on the original (insert after
the last item, edit a mapping key by key); only when that cannot say the change is a part
re-emitted, and every candidate must parse back to exactly the data we expect.

What each format's entries look like is the format modules' business (`model_index.py`,
`eval_results.py`); this module decides what to add, what is there, what conflicts.
"""

from __future__ import annotations

import copy
import functools
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal

import yaml

from . import frontmatter as fm
from .benchmarks import Registry
from .card_common import (
    README_PATH,
    RepoFiles,
    Skip,
    SkipReason,
    as_float,
    eval_results_path,
    is_number,
    normalize_formats,
    source_ref,
)
from .card_diff import unified_diff
from .errors import AmbiguousModelIndexEntry, InputError
from .eval_results import ENTRY_OWNED, notes_setting, result_entry
from .model_index import (
    METRIC_OWNED,
    block_key,
    dataset_bench_key,
    metric_setting,
    result_bench_key,
    result_block,
)
from .naming import Target, match_header
from .results import Result, Source

# --------------------------------------------------------------------------- the plan


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
    skipped: list[Skip] = field(default_factory=list)  # each unpacks as (result, reason)
    # Conflicts settled by overwrite=True: the card's value is replaced by the new one.
    replaced: list[ValueConflict] = field(default_factory=list)
    # The name of the model-index entry the results go into (an existing entry's own
    # spelling, or the new entry's), None when model-index is not written. A preview shows it.
    model_index_name: str | None = None
    model_index_new_entry: bool = False  # that entry is added (no entry was the model)

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
        if self.model_index_new_entry and README_PATH in self.new_files:
            parts.append(f"new model-index entry {self.model_index_name!r}")
        files = ", ".join(self.new_files) or "no file changes"
        return "; ".join(parts) + f" ({files})"

    def to_dict(self) -> dict:
        return {
            "noop": self.is_noop,
            "changed_files": list(self.new_files),
            "model_index_entry": self.model_index_name,
            "model_index_new_entry": self.model_index_new_entry,
            "added": [r.to_dict() for r in self.added],
            "already_present": [r.to_dict() for r in self.already_present],
            "conflicts": [c.to_dict() for c in self.conflicts],
            "replaced": [c.to_dict() for c in self.replaced],
            "skipped": [
                {"result": r.to_dict(), "reason": str(why), "kind": why.kind}
                for r, why in self.skipped
            ],
            "diff": self.diff(),
        }


# --------------------------------------------------------------------------- origins and values


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
    new_url = source_ref(new)
    old_url = existing.get("url")
    if isinstance(old_url, str) and new_url and _url_identity(old_url) == _url_identity(new_url):
        return True
    old_name = existing.get("name")
    return (
        isinstance(old_name, str) and old_name.strip().lower() == (new.name or "").strip().lower()
    )


def _known_same_origin(known: _Known, *, new: Source, origin: str) -> bool:
    return _same_origin(known.source, new, origin)


def _describe_source(source: Any) -> str | None:
    if not isinstance(source, dict):
        return None
    name, url = source.get("name"), source.get("url")
    if name and url:
        return f"{name} ({url})"
    return str(name or url) if (name or url) else None


def _values_equal(a: Any, b: Any) -> bool:
    fa, fb = as_float(a), as_float(b)
    if fa is None or fb is None:
        return a == b
    return math.isclose(fa, fb, rel_tol=1e-9, abs_tol=1e-12)


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
    kind: Literal["add", "present", "conflict", "replace", "skip"]
    conflict: ValueConflict | None = None
    reason: SkipReason | None = None


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
    repo_id: str | None = None,
) -> UpdatePlan:
    """Merge `results` into the card files without losing anything already there.

    model-index results go into the entry that is the model `model_name` names, matched as
    a table header is (`naming.match_header`: case, separators, an org prefix, which must be
    `repo_id`'s org when it has one); when none is, into a new entry named `model_name`.

    Raises InputError when an existing file cannot be read safely (broken YAML, a
    model-index that is not a list): we refuse rather than rewrite what we do not understand.
    For the README it is a `FrontMatterError` (a subclass). Raises AmbiguousModelIndexEntry
    (a refusal) when two entries could be the model.
    """
    wanted = normalize_formats(formats)
    er_path = eval_results_path(origin, eval_results_name)
    ctx = _Context(
        registry=registry,
        origin=origin,
        overwrite=overwrite,
        model_name=model_name,
        repo_id=repo_id,
    )

    # A result that conflicts in any format (and overwrite is off) is written to none, so the
    # formats never disagree about it: plan again without it until no new conflict appears.
    blocked: set[int] = set()
    found: dict[str, dict[int, _Decision]] = {}  # the conflicts, kept from the pass that saw them
    for _ in range(len(results) + 1):
        decisions: dict[str, dict[int, _Decision]] = {}
        new_texts: dict[str, str] = {}
        if "model-index" in wanted:
            text, dec, entry_name = _plan_model_index(files.readme, results, blocked, ctx)
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
    if "model-index" in wanted:
        plan.model_index_name, plan.model_index_new_entry = entry_name
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
            plan.skipped.append(Skip(result, reason))
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
    repo_id: str | None = None


class _KnownValues:
    """The values known so far, found by key: a plan of n results asks n times, so a scan of
    everything known each time grows with n squared on a large card."""

    def __init__(self) -> None:
        self._all: list[_Known] = []
        self._by_key: dict[tuple, list[_Known]] = {}
        self._unhashable = False  # a key from odd YAML (a list as an id): scan them all

    def append(self, known: _Known) -> None:
        self._all.append(known)
        try:
            self._by_key.setdefault(known.key, []).append(known)
        except TypeError:
            self._unhashable = True

    def with_key(self, key: tuple) -> list[_Known]:
        """Those whose key equals `key`, in the order they became known."""
        if not self._unhashable:
            try:
                return list(self._by_key.get(key, ()))
            except TypeError:
                pass
        return [k for k in self._all if k.key == key]


def _decide(
    result: Result,
    key: tuple,
    known: _KnownValues,
    same_origin: Callable[[_Known], bool],
    path: str,
    ctx: _Context,
) -> tuple[_Decision, _Known | None]:
    """Present, conflict, replace or add, against everything known so far."""
    matches = known.with_key(key)
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
) -> tuple[str | None, dict[int, _Decision], tuple[str, bool]]:
    """The new README, the decision on each result, and the entry they go into (its name,
    and whether it is new)."""
    reg = ctx.registry
    front = fm.split_front_matter(readme) if readme is not None else fm.split_front_matter("")
    data = fm.load_mapping(front.yaml_text)
    expected = copy.deepcopy(data)
    root = fm.compose(front.yaml_text) if front.yaml_text.strip() else None
    mi_pair = fm.mapping_get(root, "model-index")
    mi = data.get("model-index")

    if "model-index" in data and mi is not None and not isinstance(mi, list):
        raise fm.FrontMatterError(
            "README front matter: model-index is not a list; fix it by hand first"
        )
    entries: list = expected.get("model-index") or []
    for i, existing_entry in enumerate(entries):
        # Which model it is cannot be told, so whether it is ours cannot either.
        if not isinstance(existing_entry, dict):
            raise fm.FrontMatterError(
                f"README front matter: model-index[{i}] is not a mapping; fix it by hand first"
            )
    target = _entry_for_model(entries, ctx.model_name, ctx.repo_id)
    entry_name = (entries[target]["name"], False) if target is not None else (ctx.model_name, True)
    entry_index = target if target is not None else len(entries)
    if target is not None:
        tresults = entries[target].get("results")
        if tresults is not None and not isinstance(tresults, list):
            raise fm.FrontMatterError(
                f"README front matter: model-index[{target}].results is not a list"
            )

    # Everything on the target entry, with its node for in-place edits.
    known = _KnownValues()
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
            bench_key = dataset_bench_key(block["dataset"], reg)
            for k, metric in enumerate(metrics):
                if not isinstance(metric, dict) or "value" not in metric:
                    continue
                metric_node = (
                    mn[1].value[k] if mn and isinstance(mn[1], yaml.SequenceNode) else None
                )
                known.append(
                    _Known(
                        key=(
                            bench_key,
                            metric_setting(metric, block["dataset"]),
                            str(metric.get("type", "")).lower(),
                        ),
                        value=metric["value"],
                        source=block.get("source"),
                        same_origin=False,
                        yaml_path=f"model-index[{entry_index}].results[{j}].metrics[{k}].value",
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
        existing_key = block_key(existing)
        if existing_key is not None and isinstance(existing.get("metrics"), list):
            homes.setdefault(existing_key, j)

    for i, result in enumerate(results):
        if i in blocked:
            continue
        if not is_number(result.value):
            decisions[i] = _Decision("skip", reason=SkipReason.NOT_A_NUMBER)
            continue
        block = result_block(result, reg)
        metric = block["metrics"][0]
        key = (result_bench_key(result, reg), result.setting, metric["type"].lower())
        decision, hit = _decide(
            result,
            key,
            known,
            functools.partial(_known_same_origin, new=result.source, origin=ctx.origin),
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
        bkey = block_key(block)
        home = homes.get(bkey) if bkey is not None else None
        if home is not None and block_key(target_results[home]) != bkey:
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
                yaml_path=f"model-index[{entry_index}].results[{home}].metrics[{len(target_results[home]['metrics']) - 1}].value",
                container=container,
                block=target_results[home],
            )
        )

    if not new_blocks and not appended_metrics and not replacements and not restructured:
        return readme, decisions, entry_name

    new_entry = None
    if target is None:
        # No entry is the model (or no model-index yet): a new entry after the others.
        new_entry = {"name": ctx.model_name, "results": new_blocks}
        expected["model-index"] = [*entries, new_entry]
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
        new_entry,
    )
    new_readme = front.with_yaml(yaml_text) if readme is not None else _new_readme(yaml_text)
    return new_readme, decisions, entry_name


def _new_readme(yaml_text: str) -> str:
    return "---\n" + yaml_text + "---\n"


def _replace_mi_value(
    hit: _Known, block: dict, metric: dict, replacements: list[_MappingEdit]
) -> dict | None:
    """--overwrite in model-index: the value, the metric's name and args and the block's source
    all become the new result's, so the card never shows a number with another number's source.

    Returns a new block to append when the metric shared its block (and so its source) with
    other metrics: it moves out, they keep theirs. Records in-place edits in `replacements`.
    """
    old_metric = copy.deepcopy(hit.container)
    _set_dict(hit.container, _replaced(old_metric, metric, METRIC_OWNED))
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


def _entry_for_model(entries: list, model_name: str, repo_id: str | None) -> int | None:
    """The index of the model-index entry that is the model `model_name` names, or None.

    An entry's `name` is read as a table header is (`naming.match_header`): "Alpha-7B",
    "alpha_7b" and "owner-org/Alpha-7B" are the repo owner-org/alpha-7b's model;
    "Alpha-7B-Instruct", "Alpha-70B", "other-org/alpha-7b" and a name without the org word
    the repo name repeats are not. Two entries that
    could be it: AmbiguousModelIndexEntry, for a human to settle.
    """
    target = Target(names=(model_name,), repo_id=repo_id)
    candidates = [
        i
        for i, entry in enumerate(entries)
        if isinstance(entry, dict)
        and isinstance(entry.get("name"), str)
        and (entry["name"] == model_name or _names_model(entry["name"], target))
    ]
    if len(candidates) > 1:
        names = [entries[i]["name"] for i in candidates]
        listed = ", ".join(f"model-index[{i}] {entries[i]['name']!r}" for i in candidates)
        raise AmbiguousModelIndexEntry(
            f"the README's model-index has {len(candidates)} entries that could be "
            f"{model_name}: {listed}; nothing written (rename or merge them so that one "
            "entry is this model)",
            candidates=names,
        )
    return candidates[0] if candidates else None


def _names_model(name: str, target: Target) -> bool:
    """An entry name that is the model itself: an exact match, not a weaker one (the name
    without the org word it repeats, "large-v3" for distil-whisper/distil-large-v3, is
    another model)."""
    match = match_header(name, target)
    return match is not None and match.kind == "exact"


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
    new_entry: dict | None = None,
) -> str:
    """The new front matter text: precise insertions where the layout allows, else re-emit
    model-index. `new_entry`: the entry to add after the existing ones (target is None)."""
    text, nl = front.yaml_text, front.newline
    # Write new sequences the way this card already writes them ("key:\n  - x" or "key:\n- x").
    if mi_pair is not None and fm.is_block_sequence(mi_pair[1]):
        indented = mi_pair[1].start_mark.column > mi_pair[0].start_mark.column
    else:
        indented = fm.sequences_indented(root)

    # Candidates in order of preference, each made only if the ones before it fail: a
    # candidate, or None when it cannot say the change. Each must parse to `expected`.
    def surgical() -> str | None:
        # Insert new metrics / blocks after the last existing item, edit replaced metrics and
        # sources key by key. Where insertions meet at one place, the innermost goes first: a
        # replaced metric's new keys (0), then metrics appended to its sequence (1), then its
        # block's new keys (2), then new blocks (3).
        if mi_pair is None or replacements is None:
            return None
        if target is None:
            # A new entry after the others: the other models' entries keep every line.
            if new_entry is None or not fm.is_block_sequence(mi_pair[1]):
                return None
            try:
                candidate = fm.apply_edits(
                    text,
                    [
                        fm.append_to_sequence(
                            text, mi_pair[1], [new_entry], nl, indent_sequences=indented
                        )
                    ],
                )
            except ValueError:
                return None
            return candidate if _parses_to(candidate, expected) else None
        edits: list[fm.Edit] = []
        for j, metrics in appended_metrics.items():
            seq = seq_nodes.get(j)
            if not fm.is_block_sequence(seq):
                return None
            edits.append(
                fm.append_to_sequence(text, seq, metrics, nl, order=1, indent_sequences=indented)
            )
        if new_blocks:
            if not fm.is_block_sequence(results_node):
                return None
            edits.append(
                fm.append_to_sequence(
                    text, results_node, new_blocks, nl, order=3, indent_sequences=indented
                )
            )
        try:
            for change in replacements:
                edits.extend(
                    fm.update_mapping(text, change.node, change.old, change.new, nl, change.order)
                )
            candidate = fm.apply_edits(text, edits)
        except ValueError:
            return None
        return candidate if _parses_to(candidate, expected) else None

    def model_index_key() -> str | None:
        # Add the key, or re-emit only the model-index key (other keys keep their text and comments).
        if mi_pair is None:
            sep = nl if text and not text.endswith(("\n", "\r")) else ""
            before, after = text + sep, ""
        else:
            key_node, value_node = mi_pair
            if key_node.start_mark.column != 0:
                return None
            before = text[: fm.line_start(text, key_node.start_mark.index)]
            after = text[fm.content_end(text, value_node) :]
        data = {"model-index": expected["model-index"]}
        return _spliced(before, after, data, expected, nl, indented)

    def whole() -> str | None:
        # Last resort: the whole front matter from data (loses comments, never values).
        candidate = fm.dump(expected, newline=nl, indent_sequences=indented)
        return candidate if _parses_to(candidate, expected) else None

    for attempt in (surgical, model_index_key, whole):
        candidate = attempt()
        if candidate is not None:
            return candidate
    raise fm.FrontMatterError(
        "could not edit the README front matter without changing other keys; edit it by hand"
    )


# Stands for a block while checking where it goes: a plain string, one line.
_PLACEHOLDER = "hfeval-placeholder"


def _spliced(
    before: str, after: str, data: dict | list, expected: Any, newline: str, indented: bool = False
) -> str | None:
    """`before` + the YAML of `data` at column 0 + `after`, if that parses to `expected`, else
    None. `data` is one key of the mapping `expected` (`{key: expected[key]}`), or a list of
    items that is the whole of `expected`.

    A model-index of a few hundred results is thousands of lines of YAML, and parsing them
    again cost more than extracting them. Text that `fm.plain_dump` writes reads back as its
    data on its own, and a column-0 key (or item) whose content is on the lines below reads
    the same wherever a key (an item) of column 0 stands: so only the place is in doubt, and
    that is checked by parsing the document with a one-line placeholder there. Data that
    `plain_dump` cannot write is dumped by PyYAML and the whole candidate parsed.
    """
    block = fm.plain_dump(data, newline=newline, indent_sequences=indented)
    if block is None:
        candidate = before + fm.dump(data, newline=newline, indent_sequences=indented) + after
        return candidate if _parses_to(candidate, expected) else None
    if isinstance(data, dict):
        (key,) = data
        stand_in: dict | list = {key: _PLACEHOLDER}
        placed: Any = {**expected, key: _PLACEHOLDER}
    else:
        if data != expected:
            return None
        stand_in = placed = [_PLACEHOLDER]
    if not _parses_to(before + fm.dump(stand_in, newline=newline) + after, placed):
        return None
    return before + block + after


def _parses_to(yaml_text: str, expected: dict | list) -> bool:
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

    known = _KnownValues()
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
                key=(ds.get("id"), ds.get("task_id"), notes_setting(entry.get("notes"))),
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
        entry = result_entry(result, reg)
        if isinstance(entry, SkipReason):
            decisions[i] = _Decision("skip", reason=entry)
            continue
        ds = entry["dataset"]
        key = (ds["id"], ds["task_id"], result.setting)
        decision, hit = _decide(result, key, known, lambda k: k.same_origin, path, ctx)
        decisions[i] = decision
        if decision.kind == "replace" and hit is not None:
            # The value, its source, date and notes become the new result's (--overwrite).
            old_entry = copy.deepcopy(hit.container)
            _set_dict(hit.container, _replaced(old_entry, entry, ENTRY_OWNED))
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

    # Candidates in order of preference, each made only if the ones before it fail.
    def surgical() -> str | None:
        if not fm.is_block_sequence(root):
            return None
        try:
            edits = [
                edit
                for change in replacements
                for edit in fm.update_mapping(
                    text, change.node, change.old, change.new, nl, change.order
                )
            ]
            if additions:
                edits.append(fm.append_to_sequence(text, root, additions, nl, order=1))
            candidate = fm.apply_edits(text, edits)
        except ValueError:
            return None
        return candidate if _parses_to(candidate, expected) else None

    def after_comments() -> str | None:
        # Empty or comments only: keep the comments, add the list after them.
        if root is not None or changed:
            return None
        sep = nl if text and not text.endswith(("\n", "\r")) else ""
        return _spliced(text + sep, "", additions, expected, nl)

    def whole() -> str | None:
        candidate = fm.dump(expected, newline=nl)
        return candidate if _parses_to(candidate, expected) else None

    for attempt in (surgical, after_comments, whole):
        candidate = attempt()
        if candidate is not None:
            return candidate, decisions
    raise InputError(f"could not edit {path} without changing its other entries; edit it by hand")
