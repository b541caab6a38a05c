"""The one value type every path meets in: a Result with its Source and Setting.

README extraction, Artificial Analysis imports and inspect-ai runs all produce
`Result`s; card formats are only ways to write a list of them. Keeping the
provenance (`Source`) and the conditions (`Setting`) on the value itself is what
lets us refuse to publish a number nobody can trace.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any, Literal, overload

SourceKind = Literal["readme", "artificial_analysis", "inspect", "manual"]
Scale = Literal["percent", "fraction", "points"]
# Each kind of source as a PR title or body names it ("Add evaluation results from ...").
SOURCE_LABELS: dict[SourceKind, str] = {
    "readme": "the README",
    "artificial_analysis": "Artificial Analysis",
    "inspect": "inspect-ai runs",
    "manual": "a manual entry",
}


@dataclass(frozen=True)
class Setting:
    """How a score was obtained. Two results that differ here are two results."""

    shots: int | None = None
    cot: bool | None = None
    pass_at: int | None = None
    maj_at: int | None = None
    tools: bool | None = None
    thinking: bool | None = None
    # Free-form qualifiers the card prints that none of the fields above capture,
    # e.g. "SeRe", "w/ Context Manage", "Evaluated by GPT4.1".
    extra: tuple[str, ...] = ()

    def is_default(self) -> bool:
        return (
            not self.extra
            and self.shots is None
            and self.cot is None
            and self.pass_at is None
            and self.maj_at is None
            and self.tools is None
            and self.thinking is None
        )

    def label(self) -> str:
        """Human-readable summary, e.g. "5-shot, CoT, pass@1". Empty when nothing is known."""
        parts: list[str] = []
        if self.shots is not None:
            parts.append(f"{self.shots}-shot")
        if self.cot is True:
            parts.append("CoT")
        elif self.cot is False:
            parts.append("no CoT")
        if self.pass_at is not None:
            parts.append(f"pass@{self.pass_at}")
        if self.maj_at is not None:
            parts.append(f"maj@{self.maj_at}")
        if self.tools is True:
            parts.append("with tools")
        elif self.tools is False:
            parts.append("no tools")
        if self.thinking is True:
            parts.append("thinking")
        elif self.thinking is False:
            parts.append("non-thinking")
        parts.extend(self.extra)
        return ", ".join(parts)

    def to_dict(self) -> dict:
        out = {
            k: getattr(self, k)
            for k in ("shots", "cot", "pass_at", "maj_at", "tools", "thinking")
            if getattr(self, k) is not None
        }
        if self.extra:
            out["extra"] = list(self.extra)
        return out

    @classmethod
    def from_dict(cls, data: dict | None) -> Setting:
        data = dict(data or {})
        extra = tuple(data.pop("extra", ()) or ())
        known = {
            k: data[k]
            for k in ("shots", "cot", "pass_at", "maj_at", "tools", "thinking")
            if k in data
        }
        return cls(extra=extra, **known)

    def merged(self, other: Setting) -> Setting:
        """Fields of `other` fill the gaps of `self`; extras are concatenated without repeats."""
        # Most cells add nothing to their header's setting: the same value, without copying.
        if other.is_default() and len(set(self.extra)) == len(self.extra):
            return self
        if self.is_default() and len(set(other.extra)) == len(other.extra):
            return other
        values = {}
        for name in ("shots", "cot", "pass_at", "maj_at", "tools", "thinking"):
            mine = getattr(self, name)
            values[name] = mine if mine is not None else getattr(other, name)
        extra = tuple(dict.fromkeys(self.extra + other.extra))
        return Setting(extra=extra, **values)


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


@overload
def parse_setting_label(text: str | None, *, strict: Literal[False] = False) -> Setting: ...
@overload
def parse_setting_label(text: str | None, *, strict: bool) -> Setting | None: ...
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


@dataclass(frozen=True)
class Source:
    """Where a number came from, precise enough for a reviewer to check it."""

    kind: SourceKind
    name: str
    url: str | None = None
    # README sources: the file (URL or local path) and the 1-based line of the cell.
    path: str | None = None
    line: int | None = None
    # Who or what produced it (AA model id, inspect log file, Hub user) and when (ISO date).
    reference: str | None = None
    date: str | None = None
    # When we fetched it, for a source that gives no date of its own (Artificial Analysis'
    # catalog): a fetch date is not the date of the number, so it never goes to `date`.
    retrieved: str | None = None

    def describe(self) -> str:
        """One line for previews and PR bodies."""
        where = self.url or (f"{self.path}:{self.line}" if self.path and self.line else self.path)
        return f"{self.name} ({where})" if where else self.name

    def to_dict(self) -> dict:
        return {
            k: v
            for k, v in (
                ("kind", self.kind),
                ("name", self.name),
                ("url", self.url),
                ("path", self.path),
                ("line", self.line),
                ("reference", self.reference),
                ("date", self.date),
                ("retrieved", self.retrieved),
            )
            if v is not None
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Source:
        return cls(
            kind=data["kind"],
            name=data["name"],
            url=data.get("url"),
            path=data.get("path"),
            line=data.get("line"),
            reference=data.get("reference"),
            date=data.get("date"),
            retrieved=data.get("retrieved"),
        )


@dataclass(frozen=True)
class Result:
    """One score of one model on one benchmark under one setting, with its source."""

    benchmark: str  # the name as printed by the source ("MMLU (5-shot)")
    value: float
    source: Source
    benchmark_id: str | None = (
        None  # canonical registry id; None when the registry does not know it
    )
    setting: Setting = field(default_factory=Setting)
    scale: Scale | None = None  # the scale the value is printed on, never silently changed
    metric: str | None = None  # "accuracy", "pass@1", "exact_match", ...
    notes: str | None = None
    model: str | None = None  # the model name as the source printed it (column/row header)

    @property
    def mapped(self) -> bool:
        return self.benchmark_id is not None

    def key(self) -> tuple:
        """Identity for de-duplication and conflict detection: same benchmark, same setting."""
        return (self.benchmark_id or _norm(self.benchmark), self.setting, self.metric)

    def with_value(self, value: float, scale: Scale | None) -> Result:
        return replace(self, value=value, scale=scale)

    def to_dict(self) -> dict:
        out = {
            "benchmark": self.benchmark,
            "benchmark_id": self.benchmark_id,
            "value": self.value,
            "scale": self.scale,
            "metric": self.metric,
            "setting": self.setting.to_dict(),
            "setting_label": self.setting.label(),
            "source": self.source.to_dict(),
        }
        if self.model:
            out["model"] = self.model
        if self.notes:
            out["notes"] = self.notes
        return out

    @classmethod
    def from_dict(cls, data: dict) -> Result:
        return cls(
            benchmark=data["benchmark"],
            value=data["value"],
            source=Source.from_dict(data["source"]),
            benchmark_id=data.get("benchmark_id"),
            setting=Setting.from_dict(data.get("setting")),
            scale=data.get("scale"),
            metric=data.get("metric"),
            notes=data.get("notes"),
            model=data.get("model"),
        )


def _norm(text: str) -> str:
    """The one name normalisation (naming.normalize_name); imported here, not at the top,
    because naming imports this module (through cells)."""
    from .naming import normalize_name

    return normalize_name(text)


def dedupe(results: list[Result]) -> list[Result]:
    """Drop exact repeats (same benchmark, setting, metric and value), keeping the first."""
    seen: set[tuple] = set()
    out: list[Result] = []
    for result in results:
        marker = (*result.key(), result.value)
        if marker in seen:
            continue
        seen.add(marker)
        out.append(result)
    return out


# --- scales --------------------------------------------------------------------------------


def full_scale(scale: Scale | None, max_value: float | None = None) -> float | None:
    """The value that means 100 %: 1 for fractions, 100 for percent, max_value for points."""
    if scale == "fraction":
        return 1.0
    if scale == "percent":
        return 100.0
    if scale == "points":
        return max_value
    return None


def convert_scale(
    value: float,
    from_scale: Scale,
    to_scale: Scale | None,
    *,
    from_max: float | None = None,
    to_max: float | None = None,
    digits: int | None = None,
) -> float:
    """`value` on another scale: the one conversion every importer uses (AA, inspect runs).

    Computed in decimal from the value as printed (its shortest repr), so 0.791 becomes
    79.1, not 79.10000000000001. `digits` rounds the result to that many decimal places,
    half away from zero as a person rounds (0.30625 -> 30.63 %, 0.14375 -> 14.38 %);
    rounding the binary float instead sends such halves up or down at random. Raises
    ValueError when the target scale is unknown or a maximum is missing.
    """
    from decimal import ROUND_HALF_UP, Decimal  # only importers convert: not at start-up

    if to_scale is None:
        raise ValueError("the registry gives no scale for this benchmark")
    source_full = full_scale(from_scale, from_max)
    target_full = full_scale(to_scale, to_max)
    if source_full is None or target_full is None:
        # Same kind of points with one maximum unknown: the registry did not say, trust the numbers.
        if from_scale != to_scale:
            raise ValueError(f"cannot convert {from_scale} to {to_scale} without a maximum")
        scaled = Decimal(repr(float(value)))
    else:
        scaled = (
            Decimal(repr(float(value))) * Decimal(repr(target_full)) / Decimal(repr(source_full))
        )
    if digits is None:
        return float(round(scaled, 12))
    return float(scaled.quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP))
