"""The range and scale rules of the benchmark registry, in one place, and the guard that
applies them before anything is written.

- `check_value` is the one rule set: a value outside its benchmark's scale (a percent
  below 0 or above 100, a fraction above 1, points above the registry's maximum) is an
  error; a value that looks printed on the other scale (0.812 for a percent benchmark) a
  warning. `validate` reports them (card_common.check_scale), `add-eval` refuses its value
  by them, and `guard_results` applies them to every publish (preview and every write).
- `settle_table_scale` says, for README extraction, whether a value printed at most 1 for
  a percent benchmark is a fraction: only when its table or its own header says so
  (`table_prints_fractions`, a `(0-1)` on its name). Otherwise its printed scale is unknown.
- `guard_results` converts a value its source printed on the other scale (a 0-1 table,
  Artificial Analysis' fractions are converted by the importer already), and leaves out a
  value the rules call an error, or a likely wrong scale that its source did not state.

Pure functions, no I/O.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, Literal

from .cells import parse_values
from .results import Result, Scale, convert_scale

if TYPE_CHECKING:
    from .benchmarks import Benchmark, Registry
    from .tables import Table

ValueProblemKind = Literal["out_of_range", "likely_wrong_scale"]

# "(0-1)", "[0–1]", "(0 to 1)", "(0-1.0)": a header saying the values are fractions.
_FRACTION_MARK = re.compile(
    r"[(\[]\s*0(?:\.0+)?\s*(?:-|–|—|~|to)\s*1(?:\.0+)?\s*[)\]]", re.IGNORECASE
)
_CONVERTIBLE: frozenset[Scale] = frozenset(("percent", "fraction"))


@dataclass(frozen=True)
class ValueProblem:
    """What is wrong with one value for its benchmark; `message` is for people."""

    kind: ValueProblemKind
    severity: Literal["error", "warning"]
    message: str


def check_value(value: float, bench: Benchmark | None) -> ValueProblem | None:
    """The registry's range and scale rule for one value (None: nothing wrong).

    Out of range is an error (`out_of_range`, or `likely_wrong_scale` for 81.2 on a
    fraction benchmark); a percent benchmark's value in (0, 1] looks like a fraction
    (a `likely_wrong_scale` warning). A benchmark the registry does not know has no rule
    but finiteness.
    """
    if not math.isfinite(value):
        return ValueProblem("out_of_range", "error", f"{value} is not a finite number")
    if bench is None:
        return None
    name = bench.name
    if bench.scale == "percent":
        if value < 0 or value > 100:
            return _error(f"{value:g} is outside 0-100 for {name} (a percent)")
        if 0 < value <= 1:
            return ValueProblem(
                "likely_wrong_scale",
                "warning",
                f"{value:g} looks like a fraction but {name} is reported in percent",
            )
    elif bench.scale == "fraction":
        if value < 0:
            return _error(f"{value:g} is below 0 for {name} (a fraction 0-1)")
        if value > 1:
            if value <= 100:
                return ValueProblem(
                    "likely_wrong_scale",
                    "error",
                    f"{value:g} is above 1 for {name} (a fraction 0-1) (looks like a percent)",
                )
            return _error(f"{value:g} is above 1 for {name} (a fraction 0-1)")
    elif bench.scale == "points" and bench.max_value is not None:
        if value > bench.max_value:
            return _error(f"{value:g} is above the maximum {bench.max_value:g} of {name}")
        if value < 0:
            return _error(f"{value:g} is below 0 for {name}")
    return None


def _error(message: str) -> ValueProblem:
    return ValueProblem("out_of_range", "error", message)


# --------------------------------------------------------------------------- README tables


def says_fraction(text: str) -> bool:
    """A header or name that says its values are fractions: "(0-1)", "[0–1]", "(0 to 1)"."""
    return bool(_FRACTION_MARK.search(text))


def table_prints_fractions(table: Table) -> bool:
    """The whole table is on a 0-1 scale: the header of its first column (the rows' names)
    says "(0-1)", or every value of the table (every model's, every row's) is at most 1 and
    at least half of them are printed with two decimals or more (0.812). A "(0-1)" over
    another column speaks for that column only (a result whose own name says so), and a
    one-decimal value that small (0.9) may be a low percentage (HLE), so neither makes the
    table a fraction table."""
    if any(row and says_fraction(row[0].text) for row in table.header):
        return True
    printed = [
        (line, parsed)
        for row in table.body
        for cell in row
        for line in cell.text.split("\n")
        if (parsed := parse_values(line)) is not None
    ]
    values = [v for _, parsed in printed for v in parsed.values if v is not None]
    # 0.691 beside 0.6 is a fraction table; 0.9, 0.3, 0.5 alone may be low percentages.
    precise = sum(1 for line, _ in printed if _TWO_DECIMALS.search(line))
    return bool(values) and all(abs(v) <= 1 for v in values) and 2 * precise >= len(printed)


_TWO_DECIMALS = re.compile(r"\d\.\d{2,}")


def settle_table_scale(results: Sequence[Result], table: Table, registry: Registry) -> list[Result]:
    """A table's results with the scale each was printed on, as far as the table says.

    Extraction marks a value at most 1 of a percent benchmark (no % sign) `fraction`. It is
    one when the table says so (`table_prints_fractions`), or its own benchmark name or
    model header says "(0-1)"; otherwise, beside percent-style values, nothing says which
    scale it is on: its scale becomes unknown (None), and publishing leaves it out with a
    warning.
    """
    whole: bool | None = None  # computed once, only when a table has such a value
    out: list[Result] = []
    for result in results:
        bench = registry.get(result.benchmark_id) if result.benchmark_id else None
        if result.scale == "fraction" and bench is not None and bench.scale == "percent":
            if whole is None:
                whole = table_prints_fractions(table)
            own_header = says_fraction(result.benchmark) or says_fraction(result.model or "")
            if not (whole or own_header):
                result = replace(result, scale=None)
        out.append(result)
    return out


# --------------------------------------------------------------------------- publishing


@dataclass(frozen=True)
class LeftOut:
    """A value the guard kept off the card, and why."""

    result: Result
    problem: ValueProblem

    def describe(self) -> str:
        """One line: "HellaSwag -12.5 (README line 9): -12.5 is outside 0-100 for HellaSwag (a percent)"."""
        where = f" ({_where(self.result)})" if _where(self.result) else ""
        return f"{_name(self.result)} {_number(self.result.value)}{where}: {self.problem.message}"

    def warning(self) -> str:
        """The line a preview and a write print on stderr (after "warning: ")."""
        return f"{self.describe()}; left out"

    def to_dict(self) -> dict[str, Any]:
        return {
            "result": self.result.to_dict(),
            "reason": self.problem.message,
            "kind": self.problem.kind,
        }


@dataclass(frozen=True)
class Converted:
    """A value written on its benchmark's scale, not the one its source printed."""

    result: Result  # as written: on the benchmark's scale
    printed_value: float
    printed_scale: Scale

    @property
    def printed_range(self) -> str:
        return "0-1" if self.printed_scale == "fraction" else "0-100"

    def describe(self) -> str:
        return (
            f"{_name(self.result)}: printed {self.printed_value:g} on a {self.printed_range} "
            f"scale, written as {self.result.value:g} ({self.result.scale})"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "benchmark": self.result.benchmark,
            "benchmark_id": self.result.benchmark_id,
            "printed_value": self.printed_value,
            "printed_scale": self.printed_scale,
            "value": self.result.value,
            "scale": self.result.scale,
        }


@dataclass(frozen=True)
class Guarded:
    """What `guard_results` made of the results: those to publish (`kept`, converted ones
    on their benchmark's scale), the conversions, and the values left out."""

    kept: tuple[Result, ...]
    converted: tuple[Converted, ...]
    left_out: tuple[LeftOut, ...]

    def warnings(self) -> list[str]:
        """One line per value left out, for the preview and the write alike."""
        return [g.warning() for g in self.left_out]


def guard_results(results: Sequence[Result], registry: Registry) -> Guarded:
    """Check every result against its benchmark's range and scale before anything is written.

    A value its source printed on the other scale (Result.scale `fraction` for a percent
    benchmark, or back) is converted to the benchmark's scale. Then `check_value`: an
    error leaves the value out; so does a likely wrong scale when the source did not say
    which scale it printed (scale None: a README value at most 1 beside percent-style
    values). A value whose source states its scale (a 0.8 printed "0.8%", an importer's
    converted value, a value typed into add-eval) is kept with its warning unsaid here.
    """
    kept: list[Result] = []
    converted: list[Converted] = []
    left_out: list[LeftOut] = []
    for result in results:
        bench = registry.get(result.benchmark_id) if result.benchmark_id else None
        value = result.value
        if isinstance(value, bool) or not isinstance(value, int | float):
            kept.append(result)  # not a number: the planner says so and skips it
            continue
        if (
            bench is not None
            and result.scale in _CONVERTIBLE
            and bench.scale in _CONVERTIBLE
            and result.scale != bench.scale
            and math.isfinite(value)
        ):
            assert result.scale is not None  # in _CONVERTIBLE
            printed_scale: Scale = result.scale
            result = result.with_value(
                convert_scale(float(value), printed_scale, bench.scale), bench.scale
            )
            converted.append(Converted(result, float(value), printed_scale))
        problem = check_value(float(result.value), bench)
        if problem is not None and (problem.severity == "error" or result.scale is None):
            left_out.append(LeftOut(result, _unstated(problem, result)))
            converted = [c for c in converted if c.result is not result]
            continue
        kept.append(result)
    return Guarded(tuple(kept), tuple(converted), tuple(left_out))


def _unstated(problem: ValueProblem, result: Result) -> ValueProblem:
    if problem.kind == "likely_wrong_scale" and result.scale is None:
        return replace(
            problem,
            message=problem.message
            + ", and nothing says it is printed as a fraction (no '(0-1)' header over it, and "
            "its table has values above 1 or values printed like low percentages)",
        )
    return problem


def _name(result: Result) -> str:
    return result.benchmark.replace("\n", " ")


def _number(value: Any) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _where(result: Result) -> str:
    source = result.source
    if source.kind == "readme" and source.line:
        return f"README line {source.line}"
    return ""
