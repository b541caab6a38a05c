"""inspect-ai logs (and inspect_eval_uv.py summaries) -> Results.

Why this is more than reading one number:
- inspect reports accuracy as a fraction (0.75); the registry says on which scale a
  benchmark is printed on cards (percent for most), so the value is converted here and
  the scale travels with the Result.
- The setting (shots, CoT, epochs, pass@1) comes from what the run did: our runs record
  it in the log's eval metadata ("hfeval"); logs of other runs fall back to the task's
  known settings.
- A run with --limit, unscored samples or fewer samples than the dataset is partial.
  A partial score is not the benchmark's score, so it is marked, carries its sample
  count in its setting ("partial: 2 of 4 samples", shown in model-index's metric name)
  and notes, and publishing refuses it unless asked (`--allow-partial`).
- The source points at the pushed log on the Hub (pinned to a commit) when there is one,
  so a reviewer can open the very samples that were scored; a local log file is kept as
  the source's path for previews, and `has_public_source` tells the publisher it cannot
  be written to a card.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import InputError, NothingFound, UsageError
from .results import Result, Scale, Setting, Source, convert_scale

if TYPE_CHECKING:
    from .hub import HubClient

# Model-name prefixes of inspect providers: "hf/org/model" is the Hub model "org/model".
_PROVIDER_PREFIXES = (
    "hf-inference-providers/",
    "hf/",
    "vllm/",
    "vllm-completions/",
    "sglang/",
    "openai-api/",
)


@dataclass
class InspectRun:
    """One task of one evaluation run, as read from a log or a summary."""

    task: str  # friendly task name (inspect_eval_uv.py's), or inspect's task name
    inspect_task: str
    status: str
    value: float | None  # inspect's headline metric, a fraction for accuracy-like metrics
    stderr: float | None = None
    metric: str = "accuracy"
    scored: int = 0
    unscored: int = 0
    total: int = 0
    dataset_samples: int | None = None
    limit: int | None = None
    epochs: int = 1
    temperature: float | None = None
    shots: int | None = None
    cot: bool | None = None
    task_args: dict[str, Any] = field(default_factory=dict)
    model: str | None = None
    model_revision: str | None = None
    dataset: str | None = None
    dataset_revision: str | None = None
    implementation: str | None = None
    created: str | None = None  # ISO date-time
    log_path: str | None = None
    log_url: str | None = None
    error: str | None = None
    benchmark_hint: str | None = None

    @property
    def partial(self) -> bool:
        if self.limit is not None or self.unscored:
            return True
        if (
            self.dataset_samples
            and self.total
            and self.total < self.dataset_samples * max(1, self.epochs)
        ):
            return True
        return bool(
            self.dataset_samples
            and self.scored
            and self.scored < self.dataset_samples * max(1, self.epochs)
        )

    @property
    def expected_samples(self) -> int:
        """Samples a complete run scores: the dataset's (times epochs), else the run's total."""
        if self.dataset_samples:
            return self.dataset_samples * max(1, self.epochs)
        return self.total

    def partial_label(self) -> str:
        """The setting qualifier of a partial run, e.g. "partial: 2 of 4 samples" (no commas:
        setting labels are comma-separated)."""
        return f"partial: {self.scored} of {self.expected_samples} samples"

    def sample_note(self) -> str:
        text = f"{self.scored} of {self.expected_samples} samples scored"
        reasons = []
        if self.limit is not None:
            reasons.append(f"--limit {self.limit}")
        if self.unscored:
            reasons.append(f"{self.unscored} unscored")
        return f"partial run: {text}" + (f" ({', '.join(reasons)})" if reasons else "")

    def to_dict(self) -> dict[str, Any]:
        return {
            "task": self.task,
            "inspect_task": self.inspect_task,
            "status": self.status,
            "value": self.value,
            "stderr": self.stderr,
            "metric": self.metric,
            "samples": {
                "scored": self.scored,
                "unscored": self.unscored,
                "total": self.total,
                "dataset": self.dataset_samples,
            },
            "partial": self.partial,
            "limit": self.limit,
            "epochs": self.epochs,
            "model": self.model,
            "model_revision": self.model_revision,
            "dataset_revision": self.dataset_revision,
            "log": self.log_url or self.log_path,
            "error": self.error,
        }


# --------------------------------------------------------------------------- reading


def hub_model_name(inspect_model: str | None) -> str | None:
    """ "hf/org/model" -> "org/model"; provider suffixes (":cheapest") dropped."""
    if not inspect_model:
        return None
    name = inspect_model
    for prefix in _PROVIDER_PREFIXES:
        if name.startswith(prefix):
            name = name[len(prefix) :]
            break
    return name.split(":", 1)[0]


def _task_spec(name: str | None):
    """inspect_eval_uv.py's TaskSpec for a friendly or inspect task name, if any."""
    if not name:
        return None
    from .jobs import script_module

    module = script_module()
    key = name.lower().removeprefix("inspect_evals/").removeprefix("builtin/").replace("-", "_")
    spec = module.TASKS.get(key)
    if spec is not None:
        return spec
    for candidate in module.TASKS.values():
        if candidate.inspect_evals and candidate.inspect_evals.split("/", 1)[1] == key:
            return candidate
    return None


def run_from_log(path: str | Path, *, log_url: str | None = None) -> InspectRun:
    """Read one .eval/.json log (header only: the samples are not needed for the score)."""
    from inspect_ai.log import read_eval_log

    try:
        log = read_eval_log(str(path), header_only=True)
    except Exception as error:  # noqa: BLE001 - any unreadable log is an input error
        raise InputError(
            f"{path}: not an inspect log ({type(error).__name__}: {str(error)[:120]})"
        ) from None
    spec_info = (log.eval.metadata or {}).get("hfeval") or {}
    task_name = spec_info.get("task") or log.eval.task
    spec = (
        _task_spec(task_name)
        or _task_spec(log.eval.task_registry_name)
        or _task_spec(log.eval.task)
    )
    score_key = getattr(spec, "score_key", "accuracy")
    stderr_key = getattr(spec, "stderr_key", "stderr")
    run = InspectRun(
        task=spec.name if spec else task_name,
        inspect_task=log.eval.task_registry_name or log.eval.task,
        status=log.status,
        value=None,
        metric=spec_info.get("metric") or (spec.metric if spec else "accuracy"),
        limit=spec_info.get("limit", _limit_of(log.eval.config)),
        epochs=int(getattr(log.eval.config, "epochs", None) or 1),
        temperature=spec_info.get(
            "temperature", getattr(log.plan.config, "temperature", None) if log.plan else None
        ),
        shots=spec_info.get("shots", spec.shots if spec else None),
        cot=spec_info.get("cot", spec.cot if spec else None),
        task_args=dict(spec_info.get("task_args") or log.eval.task_args or {}),
        model=spec_info.get("model") or hub_model_name(log.eval.model),
        model_revision=spec_info.get("model_revision"),
        dataset=getattr(log.eval.dataset, "location", None)
        or getattr(log.eval.dataset, "name", None),
        dataset_revision=spec_info.get("dataset_revision"),
        implementation=spec_info.get("implementation"),
        created=str(log.eval.created) if log.eval.created else None,
        log_path=str(path),
        log_url=log_url,
        dataset_samples=getattr(log.eval.dataset, "samples", None),
        benchmark_hint=spec_info.get("benchmark") or (spec.benchmark if spec else None),
    )
    if log.status != "success" or log.results is None:
        message = getattr(getattr(log, "error", None), "message", None) or f"status {log.status}"
        run.error = message.strip().splitlines()[-1] if message.strip() else message
        return run
    results = log.results
    run.total = results.total_samples
    if results.scores:
        score = results.scores[0]
        run.scored = (
            score.scored_samples if score.scored_samples is not None else results.completed_samples
        )
        run.unscored = score.unscored_samples or 0
        metrics = score.metrics
        for key in (score_key, "accuracy"):
            if key in metrics:
                run.value = metrics[key].value
                break
        else:
            run.value = next(iter(metrics.values())).value if metrics else None
        for key in (stderr_key, "stderr"):
            if key in metrics:
                run.stderr = metrics[key].value
                break
    return run


def _limit_of(config) -> int | None:
    limit = getattr(config, "limit", None)
    if isinstance(limit, int):
        return limit
    if isinstance(limit, (list, tuple)) and len(limit) == 2:
        return int(limit[1]) - int(limit[0])
    return None


def runs_from_summary(
    summary: dict[str, Any], *, summary_url: str | None = None
) -> list[InspectRun]:
    """Runs from inspect_eval_uv.py's JSON summary (run-eval --wait reads it from the job's log)."""
    if not isinstance(summary, dict) or "tasks" not in summary:
        raise InputError("not an inspect_eval_uv.py summary (no 'tasks')")
    runs: list[InspectRun] = []
    for task in summary["tasks"]:
        settings = task.get("settings") or {}
        samples = task.get("samples") or {}
        spec = _task_spec(task.get("task"))
        dataset = task.get("dataset") or {}
        model = task.get("model") or {}
        runs.append(
            InspectRun(
                task=task.get("task"),
                inspect_task=task.get("inspect_task") or task.get("task"),
                status=task.get("status", "error"),
                value=task.get("score"),
                stderr=task.get("stderr"),
                metric=task.get("metric") or (spec.metric if spec else "accuracy"),
                scored=int(samples.get("scored") or 0),
                unscored=int(samples.get("unscored") or 0),
                total=int(samples.get("total") or 0),
                dataset_samples=samples.get("dataset"),
                limit=settings.get("limit"),
                epochs=int(settings.get("epochs") or 1),
                temperature=(settings.get("overrides") or {}).get("temperature"),
                shots=settings.get("shots"),
                cot=settings.get("cot"),
                task_args=dict(settings.get("task_args") or {}),
                model=model.get("id") or summary.get("model"),
                model_revision=model.get("revision") or summary.get("model_revision"),
                dataset=dataset.get("id") or dataset.get("file"),
                dataset_revision=dataset.get("revision"),
                implementation=task.get("implementation"),
                created=summary.get("started_at"),
                log_path=task.get("log_file"),
                log_url=task.get("log_url") or summary_url,
                error=task.get("error"),
                benchmark_hint=task.get("benchmark"),
            )
        )
    return runs


def find_logs(location: str | Path) -> list[Path]:
    """A log file, or the logs in a folder (recursively), oldest first."""
    path = Path(location)
    if path.is_file():
        return [path]
    if path.is_dir():
        logs = sorted(p for p in path.rglob("*.eval") if p.is_file())
        if not logs:
            logs = sorted(
                p
                for p in path.rglob("*.json")
                if p.is_file() and p.name != "summary.json" and _looks_like_log(p)
            )
        return logs
    raise InputError(f"{location}: no such file or folder")


def _looks_like_log(path: Path) -> bool:
    try:
        head = path.read_text(encoding="utf-8", errors="ignore")[:2000]
    except OSError:
        return False
    return '"eval"' in head and '"version"' in head


def summary_urls(folder: Path) -> dict[str, str]:
    """Log file name -> pushed URL, from a summary.json beside the logs (when pushed)."""
    summary = folder / "summary.json"
    if not summary.is_file():
        return {}
    try:
        data = json.loads(summary.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return {}
    out = {}
    for task in data.get("tasks", []):
        if task.get("log_file") and task.get("log_url"):
            out[Path(task["log_file"]).name] = task["log_url"]
    return out


def parse_hf_uri(uri: str) -> tuple[str, str, str | None]:
    """hf://datasets/ORG/NAME[@REV][/path] -> (repo_id, path, revision)."""
    prefix = "hf://datasets/"
    if not uri.startswith(prefix):
        raise UsageError(f"{uri}: only hf://datasets/ORG/NAME[/path] logs are supported")
    rest = uri[len(prefix) :].strip("/")
    parts = rest.split("/")
    if len(parts) < 2 or not parts[0] or not parts[1]:
        raise UsageError(f"{uri}: expected hf://datasets/ORG/NAME[/path]")
    name, _, revision = parts[1].partition("@")
    return f"{parts[0]}/{name}", "/".join(parts[2:]), revision or None


def fetch_hub_logs(uri: str, client: HubClient | None = None) -> list[tuple[Path, str]]:
    """Download the logs under hf://datasets/REPO[/path]; return (local file, pinned URL) pairs."""
    from .hub import HubClient

    client = client or HubClient()
    repo_id, path, revision = parse_hf_uri(uri)
    listing = client.list_files(repo_id, repo_type="dataset", revision=revision)
    prefix = path.rstrip("/")
    wanted = [
        f
        for f in listing.files
        if (not prefix or f == prefix or f.startswith(prefix + "/"))
        and f.endswith((".eval", ".json"))
    ]
    logs = [f for f in wanted if f.endswith(".eval")] or [
        f for f in wanted if f.endswith(".json") and not f.endswith("summary.json")
    ]
    if not logs:
        raise NothingFound(f"no inspect logs under {uri}")
    return [
        (
            client.download_file(repo_id, name, repo_type="dataset", revision=listing.revision),
            client.blob_url(repo_id, listing.revision, name, repo_type="dataset"),
        )
        for name in sorted(logs)
    ]


def read_runs(
    location: str, token: str | None = None, *, client: HubClient | None = None
) -> list[InspectRun]:
    """Runs from a log file, a folder of logs, a summary.json, or hf://datasets/REPO[/path]."""
    if location.startswith("hf://"):
        if client is None:
            from .hub import HubClient

            client = HubClient(token)
        return [run_from_log(path, log_url=url) for path, url in fetch_hub_logs(location, client)]
    path = Path(location)
    if path.is_file() and path.name.endswith(".json") and not _looks_like_log(path):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as error:
            raise InputError(f"{location}: not JSON ({error})") from None
        return runs_from_summary(data, summary_url=data.get("summary_url"))
    logs = find_logs(path)
    if not logs:
        raise NothingFound(f"no inspect logs in {location}")
    runs = []
    for log in logs:
        urls = summary_urls(log.parent)
        runs.append(run_from_log(log, log_url=urls.get(log.name)))
    return runs


# --------------------------------------------------------------------------- to Results


def benchmark_for(run: InspectRun, registry):
    """The registry benchmark a run measured (None when the registry does not know it)."""
    spec = _task_spec(run.task)
    candidates: list[str] = []
    if spec is not None and spec.name == "livecodebench":
        release = str(run.task_args.get("release", "release_v6"))
        windowed = run.task_args.get("start_date") or run.task_args.get("end_date")
        if not windowed and release.startswith("release_v"):
            candidates.append("livecodebench_" + release.removeprefix("release_"))
    if run.benchmark_hint:
        candidates.append(run.benchmark_hint)
    if spec is not None:
        candidates += [spec.benchmark, spec.title, spec.name]
    candidates.append(run.task)
    for name in candidates:
        bench = registry.get(name) or registry.lookup(name)
        if bench is not None:
            return bench
    return None


_SCALE_DIGITS = {"percent": 2, "fraction": 4}


def run_to_result(run: InspectRun, registry) -> Result:
    """One Result: value on the registry's scale, setting from the run, source at the log."""
    if run.value is None:
        raise InputError(f"{run.task}: the run has no score ({run.error or run.status})")
    bench = benchmark_for(run, registry)
    scale: Scale = bench.scale if bench is not None else "percent"
    # inspect's accuracy-style metrics are fractions; a points benchmark's scorer already
    # reports points. Kept to 4 places of a fraction (2 of a percentage).
    value = convert_scale(
        float(run.value),
        "fraction" if scale in ("percent", "fraction") else "points",
        scale,
        from_max=bench.max_value if bench is not None else None,
        to_max=bench.max_value if bench is not None else None,
        digits=_SCALE_DIGITS.get(scale),
    )
    spec = _task_spec(run.task)
    pass_at = 1 if (run.metric or "").startswith("pass@") else None
    extra: list[str] = []
    if run.epochs > 1:
        extra.append(f"{run.epochs} epochs")
    if run.temperature is not None:
        extra.append(f"temperature {run.temperature:g}")
    if spec is not None and spec.name == "livecodebench":
        start, end = run.task_args.get("start_date"), run.task_args.get("end_date")
        if start or end:
            extra.append(f"problems {start or '…'} to {end or '…'}")
    if run.partial:
        # In the setting, not only the notes: model-index has no notes, and a partial
        # score must not read as the benchmark's score there either.
        extra.append(run.partial_label())
    setting = Setting(
        shots=run.shots,
        cot=run.cot,
        pass_at=pass_at,
        extra=tuple(extra),
    )
    notes = [run.sample_note()] if run.partial else []
    if run.implementation == "builtin" and spec is not None and spec.inspect_evals:
        notes.append(
            f"builtin implementation of {spec.inspect_evals} (same prompt, solver and scorer)"
        )
    date = (run.created or "")[:10] or None
    source = Source(
        kind="inspect",
        name=f"inspect-ai eval ({run.inspect_task})",
        url=run.log_url if run.log_url and run.log_url.startswith("http") else None,
        path=None if run.log_url else run.log_path,
        reference=_reference(run),
        date=date,
    )
    return Result(
        benchmark=bench.name if bench is not None else (spec.title if spec else run.task),
        value=value,
        source=source,
        benchmark_id=bench.id if bench is not None else None,
        setting=setting,
        scale=scale,
        metric=run.metric or (bench.metric if bench is not None else "accuracy"),
        notes="; ".join(notes) or None,
        model=run.model,
    )


def has_public_source(result: Result) -> bool:
    """True when the result's source is an http(s) URL anyone can open (not a local file)."""
    url = result.source.url or ""
    return url.startswith(("https://", "http://"))


def _reference(run: InspectRun) -> str | None:
    parts = []
    if run.model:
        parts.append(run.model + (f"@{run.model_revision[:12]}" if run.model_revision else ""))
    if run.dataset_revision:
        parts.append(f"dataset {run.dataset_revision[:19]}")
    return ", ".join(parts) or None


@dataclass
class Imported:
    results: list[Result]
    runs: list[InspectRun]
    skipped: list[tuple[InspectRun, str]]

    @property
    def partial_runs(self) -> list[InspectRun]:
        return [r for r in self.runs if r.partial]


def runs_to_results(runs: list[InspectRun], registry) -> Imported:
    """Results of the successful runs; failed runs and older repeats are skipped with a reason."""
    kept: list[InspectRun] = []
    skipped: list[tuple[InspectRun, str]] = []
    for run in runs:
        if run.status != "success" or run.value is None:
            skipped.append((run, f"run failed: {run.error or run.status}"))
            continue
        kept.append(run)
    # The newest run of the same task, model and setting wins; older repeats are reported.
    latest: dict[tuple, InspectRun] = {}
    for run in sorted(kept, key=lambda r: r.created or ""):
        key = (
            run.task,
            run.model,
            run.shots,
            run.cot,
            run.epochs,
            json.dumps(run.task_args, sort_keys=True),
        )
        if key in latest:
            skipped.append((latest[key], f"a newer run of {run.task} replaces it"))
        latest[key] = run
    chosen = list(latest.values())
    results = [run_to_result(run, registry) for run in chosen]
    return Imported(results=results, runs=chosen, skipped=skipped)
