"""`add-eval`: one result by hand, through the same preview, guards and PR as everything else."""

from __future__ import annotations

import argparse
import datetime as _dt
import math
from dataclasses import replace
from urllib.parse import urlsplit

from . import output
from .arguments import (
    add_json_argument,
    add_publish_arguments,
    add_repo_id_argument,
    request_from_args,
)

NAME = "add-eval"
HELP = "add one evaluation result by hand (preview by default; --create-pr / --apply to write)"
ORDER = 60
DESCRIPTION = """Add one evaluation result to a model card by hand: the benchmark (resolved
through the registry in examples/metric_mapping.json), the value as published, the URL
where it is published, and the setting ("5-shot, CoT"). It goes through the same preview,
conflict check, duplicate-PR guard and ownership check as the importers. A benchmark the
registry does not know is still written to model-index (as printed), never to
.eval_results, which needs a registered Hub Benchmark dataset."""
EPILOG = """example:
  uv run scripts/evaluation_manager.py add-eval --repo-id example-org/sample-7b --benchmark MMLU-Pro --value 71.3 --source-url https://example.org/paper --setting "5-shot, CoT"
  uv run scripts/evaluation_manager.py add-eval --repo-id example-org/sample-7b --benchmark GSM8K --value 88.1 --source-url https://example.org/blog --create-pr"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_repo_id_argument(parser, required=True)
    parser.add_argument(
        "--benchmark", required=True, help='benchmark name, e.g. "MMLU-Pro", "GPQA Diamond"'
    )
    parser.add_argument("--value", required=True, help="the value as published, e.g. 71.3")
    parser.add_argument(
        "--source-url", required=True, help="where the value is published (http/https URL)"
    )
    parser.add_argument("--source-name", help="a name for the source (default: the URL's host)")
    parser.add_argument(
        "--setting", help='how it was measured, e.g. "5-shot, CoT" or "0-shot, pass@1"'
    )
    parser.add_argument("--metric", help="metric type (default: the benchmark's, e.g. accuracy)")
    parser.add_argument("--model-name", help="model-index entry name (default: the repo's name)")
    add_json_argument(parser)
    add_publish_arguments(parser)


def run(args: argparse.Namespace):
    from .benchmarks import load_registry
    from .cards import parse_setting_label
    from .errors import UsageError
    from .publish import publish
    from .results import Result, Setting, Source
    from .value_guards import check_value

    registry = load_registry()
    value = _parse_value(args.value)
    url = args.source_url.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise UsageError(f"--source-url must be an http(s) URL, got {args.source_url!r}")
    # Not strict: parts it does not know are kept as written (Setting.extra), never None.
    setting = parse_setting_label(args.setting) or Setting()
    bench = registry.lookup(args.benchmark)
    notes: list[str] = []
    if bench is None:
        if args.format == "eval-results":
            raise UsageError(
                f"{args.benchmark!r} is not in the benchmark registry, so it cannot go to .eval_results "
                "(which needs a registered Hub Benchmark dataset): use --format model-index or both"
            )
        notes.append(
            f"note: {args.benchmark!r} is not in the benchmark registry: written to model-index only, as printed"
        )
    else:
        # The registry's one rule set (value_guards.check_value), as validate reports it.
        problem = check_value(value, bench)
        if problem is not None and problem.severity == "error":
            raise UsageError(f"--value {args.value.strip()}: {problem.message}")
        if problem is not None:
            hint = f" (did you mean {value * 100:g}?)" if bench.scale == "percent" else ""
            notes.append(f"note: {problem.message}{hint}")
        if args.format != "model-index" and not bench.publishable_as_eval_results:
            notes.append(
                f"note: {bench.name} has no known Hub Benchmark dataset/task: written to model-index only"
            )
    for line in notes:
        output.say(line)
    result = Result(
        benchmark=args.benchmark.strip(),
        value=value,
        source=Source(
            kind="manual",
            name=args.source_name or parts.netloc,
            url=url,
            date=_dt.date.today().isoformat(),
        ),
        benchmark_id=bench.id if bench else None,
        setting=setting,
        scale=bench.scale if bench else None,
        metric=args.metric or (bench.metric if bench else None),
    )
    model_name = args.model_name or args.repo_id.rsplit("/", 1)[-1]
    request = replace(
        request_from_args(
            args,
            repo_id=args.repo_id,
            model_name=model_name,
            origin="manual",
            extra_pr_notes=[
                "Entered by hand with `add-eval`; the source link is where the value is published."
            ],
        ),
        check_open_prs=True,  # the preview says which open PR holds what
    )
    outcome = publish([result], request=request, registry=registry)
    output.render_publish(outcome, as_json=args.json)
    return outcome


def _parse_value(text: str) -> float:
    from .errors import UsageError

    cleaned = text.strip().rstrip("%").strip()
    try:
        value = float(cleaned)
    except ValueError:
        raise UsageError(f"--value must be a number, got {text!r}") from None
    if not math.isfinite(value):
        raise UsageError(f"--value must be a finite number, got {text!r}")
    return value
