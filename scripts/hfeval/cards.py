"""Model cards as a whole: both formats read and checked at once, and the one import for callers.

The card formats live one module each, as in huggingface_hub (`repocard_data.py`,
`_eval_results.py`):
- `model_index.py`: README front matter `model-index`: rendering, one walk for reading and
  validation;
- `eval_results.py`: `.eval_results/*.yaml`: the same;
- `card_merge.py`: merging new results into both (`plan_update`, `UpdatePlan`, `ValueConflict`);
- `card_diff.py`: the diff a preview prints and what a PR's diff changes;
- `card_common.py`: what both share (`RepoFiles`, `CardResult`, `Problem`, file naming);
- `results.py`: `parse_setting_label`, beside `Setting.label`.
Every public name of those is importable from here too, as it always was.
Decisions are recorded in references/card-formats.md.
"""

from __future__ import annotations

from .benchmarks import Registry
from .card_common import (
    EVAL_RESULTS_DIR,
    FORMAT_CHOICES,
    FORMATS,
    ORIGINS,
    README_PATH,
    CardFormat,
    CardResult,
    Problem,
    RepoFiles,
    Severity,
    Skip,
    SkipReason,
    eval_results_path,
    is_result_file,
    metric_display_name,
    normalize_formats,
    slug,
)
from .card_diff import summarize_result_diff, unified_diff
from .card_merge import UpdatePlan, ValueConflict, plan_update
from .eval_results import (
    eval_notes,
    read_eval_results,
    results_to_eval_results_entries,
    split_eval_notes,
    validate_eval_results,
)
from .frontmatter import FrontMatterError, hidden_metadata
from .model_index import TASK_TYPE, read_model_index, results_to_model_index, validate_model_index
from .results import parse_setting_label

# The words of the skip reason for a benchmark family with no subset named (its old name here).
SUBSET_UNSTATED = SkipReason.SUBSET_UNSTATED

__all__ = [
    "EVAL_RESULTS_DIR",
    "FORMATS",
    "FORMAT_CHOICES",
    "ORIGINS",
    "README_PATH",
    "TASK_TYPE",
    "CardFormat",
    "CardResult",
    "FrontMatterError",
    "Problem",
    "RepoFiles",
    "SUBSET_UNSTATED",
    "Severity",
    "Skip",
    "SkipReason",
    "UpdatePlan",
    "ValueConflict",
    "eval_notes",
    "eval_results_path",
    "is_result_file",
    "metric_display_name",
    "normalize_formats",
    "parse_setting_label",
    "plan_update",
    "read_card_results",
    "read_eval_results",
    "read_model_index",
    "results_to_eval_results_entries",
    "results_to_model_index",
    "slug",
    "split_eval_notes",
    "summarize_result_diff",
    "unified_diff",
    "validate_eval_results",
    "validate_files",
    "validate_model_index",
]


def read_card_results(files: RepoFiles, registry: Registry) -> list[CardResult]:
    """Every value on the card, both formats, in file order; unreadable entries carry `problem`."""
    out: list[CardResult] = []
    if files.readme is not None:
        out.extend(read_model_index(files.readme, registry))
    for path in sorted(files.eval_results):
        out.extend(read_eval_results(path, files.eval_results[path], registry))
    return out


def validate_files(files: RepoFiles, registry: Registry) -> list[Problem]:
    """The Hub's rules for both formats, each problem with its YAML path, plus value sanity."""
    problems: list[Problem] = []
    if files.readme is not None:
        hidden = hidden_metadata(files.readme)
        if hidden is not None:  # what we read here, the Hub does not
            severity: Severity = "warning" if hidden.settled_by_writing else "error"
            problems.append(Problem(README_PATH, "", str(hidden), severity))
        problems.extend(validate_model_index(files.readme, registry))
    for path in sorted(files.eval_results):
        problems.extend(validate_eval_results(path, files.eval_results[path], registry))
    return problems
