"""Submitting inspect_eval_uv.py to Hugging Face Jobs, and following the jobs.

Why these choices:
- Jobs are submitted with huggingface_hub's `run_uv_job`, which uploads the local script
  to the user's private `jobs-artifacts` bucket and runs `uv run /data/inspect_eval_uv.py`.
  The token goes in `secrets` (never in the arguments or the environment, which anyone
  who can see the job can read).
- The hardware is chosen from the model's size on the Hub (safetensors parameter counts
  per dtype), not guessed from its name; when the Hub does not know the size we ask for
  --flavor instead of guessing.
- The backend's heavy packages go in `dependencies` (uv `--with`), so the job's one uv
  resolution installs them with the script's own dependencies.
- The script's task table is the single source of task names: it is read from the
  script file itself (which imports nothing heavy at module level).
- Flavors are checked against huggingface_hub's JobHardware before anything is sent,
  so a typo is a usage error, not a job that fails on the Hub (or a dry run that
  prints a command hf would reject).
- Library noise (upload progress bars, the "experimental API" warning) is silenced
  around the one call that makes it; network failures become one line naming the
  endpoint (`hub_errors`), like the rest of the tool's Hub errors.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import re
import shlex
import sys
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import Any

from .errors import EvalToolError, HubError, NothingFound, UsageError
from .hub import error_causes

SCRIPT_PATH = Path(__file__).resolve().parents[1] / "inspect_eval_uv.py"
TERMINAL_STAGES = ("COMPLETED", "CANCELED", "ERROR", "DELETED")
DEFAULT_TIMEOUT = "2h"

# Single-node GPU flavors from small to large: (name, GPUs, total GPU memory in GB).
GPU_FLAVORS: tuple[tuple[str, int, int], ...] = (
    ("a10g-small", 1, 24),
    ("l40sx1", 1, 48),
    ("a100-large", 1, 80),
    ("h200", 1, 141),
    ("h200x2", 2, 282),
    ("h200x4", 4, 564),
    ("h200x8", 8, 1128),
)
CPU_FLAVOR = "cpu-basic"
AUTO_FLAVOR = "auto"
DTYPE_BYTES = {
    "F64": 8, "I64": 8, "U64": 8,
    "F32": 4, "I32": 4, "U32": 4,
    "BF16": 2, "F16": 2, "I16": 2, "U16": 2,
    "F8_E4M3": 1, "F8_E5M2": 1, "F8_E8M0": 1, "I8": 1, "U8": 1, "BOOL": 1,
    "F4": 0.5, "F6_E2M3": 0.75, "F6_E3M2": 0.75,
}  # fmt: skip
# Weights plus room for activations and the KV cache of evaluation prompts.
MEMORY_OVERHEAD = 1.2
MEMORY_RESERVE_GB = 2.0
USABLE_FRACTION = 0.9


@lru_cache(maxsize=1)
def script_module() -> ModuleType:
    """inspect_eval_uv.py as a module: its task table and backend packages, one source of truth."""
    spec = importlib.util.spec_from_file_location("inspect_eval_uv", SCRIPT_PATH)
    if spec is None or spec.loader is None:  # pragma: no cover - the file ships with us
        raise HubError(f"cannot load {SCRIPT_PATH}")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("inspect_eval_uv", module)
    spec.loader.exec_module(module)
    return module


# --------------------------------------------------------------------------- sizing


@dataclass(frozen=True)
class ModelSize:
    parameters: int
    weight_bytes: float
    dtypes: dict[str, int]

    @property
    def weight_gb(self) -> float:
        return self.weight_bytes / 1e9

    def describe(self) -> str:
        kinds = ", ".join(f"{k} {v / 1e9:.2f}B" for k, v in sorted(self.dtypes.items()))
        return (
            f"{self.parameters / 1e9:.2f}B parameters ({kinds}), {self.weight_gb:.1f} GB of weights"
        )


def model_size(safetensors_parameters: dict[str, int] | None) -> ModelSize | None:
    """Size from the Hub's safetensors metadata ({"BF16": 6738415616, ...}); None if unknown."""
    if not safetensors_parameters:
        return None
    total = sum(int(v) for v in safetensors_parameters.values())
    weight = sum(
        int(count) * DTYPE_BYTES.get(dtype.upper(), 2)
        for dtype, count in safetensors_parameters.items()
    )
    return ModelSize(
        parameters=total, weight_bytes=float(weight), dtypes=dict(safetensors_parameters)
    )


@dataclass(frozen=True)
class FlavorChoice:
    flavor: str
    gpus: int
    reason: str


def choose_flavor(size: ModelSize | None, backend: str) -> FlavorChoice:
    """The smallest flavor that holds the model, or cpu-basic when a provider serves it."""
    if backend == "inference-providers":
        return FlavorChoice(
            CPU_FLAVOR, 0, "the model runs at an inference provider; the job only drives it"
        )
    if size is None:
        raise UsageError(
            "the Hub has no safetensors size for this model, so --flavor auto cannot size it: "
            "pass --flavor NAME (e.g. a10g-small for a 7B model in 16-bit)"
        )
    needed = size.weight_gb * MEMORY_OVERHEAD + MEMORY_RESERVE_GB
    for name, gpus, memory in GPU_FLAVORS:
        if needed <= memory * USABLE_FRACTION:
            return FlavorChoice(
                name,
                gpus,
                f"{size.describe()}: needs about {needed:.0f} GB of GPU memory; {name} has {memory} GB",
            )
    raise UsageError(
        f"{size.describe()} needs about {needed:.0f} GB of GPU memory, more than one node "
        "offers; use --backend inference-providers"
    )


def flavor_names() -> list[str]:
    """The hardware names HF Jobs accepts, as huggingface_hub knows them."""
    from huggingface_hub import JobHardware

    return [hardware.value for hardware in JobHardware]


def validate_flavor(flavor: str) -> str:
    """`auto` or a JobHardware name; anything else is a usage error that lists the names."""
    names = flavor_names()
    if flavor == AUTO_FLAVOR or flavor in names:
        return flavor
    raise UsageError(f"unknown --flavor {flavor!r}: use {AUTO_FLAVOR} or one of {', '.join(names)}")


# --------------------------------------------------------------------------- the request


@dataclass
class JobRequest:
    """Everything a run-eval submission sends; the same object renders the dry-run command."""

    model: str
    tasks: list[str]
    flavor: str
    backend: str
    limit: int | None = None
    push_logs: str | None = None
    revision: str | None = None
    extra_script_args: list[str] = field(default_factory=list)
    dependencies: list[str] = field(default_factory=list)
    timeout: str | None = DEFAULT_TIMEOUT
    namespace: str | None = None
    env: dict[str, str] = field(default_factory=lambda: {"PYTHONUNBUFFERED": "1"})
    secret_names: tuple[str, ...] = ("HF_TOKEN",)
    labels: dict[str, str] = field(default_factory=lambda: {"created-by": "hf-evaluation"})

    def script_args(self) -> list[str]:
        args = ["--model", self.model, "--task", *self.tasks, "--backend", self.backend]
        if self.revision:
            args += ["--revision", self.revision]
        if self.limit is not None:
            args += ["--limit", str(self.limit)]
        if self.push_logs:
            args += ["--push-logs", self.push_logs]
        return args + list(self.extra_script_args)

    def hf_command(self, script: str | None = None) -> str:
        """The equivalent `hf jobs uv run` command. Secrets are named, never valued: hf reads
        `--secrets HF_TOKEN` from the local environment. `--` keeps hf from parsing the
        script's options (hf parses its own options even after the script)."""
        parts = ["hf", "jobs", "uv", "run", "--flavor", self.flavor]
        for name in self.secret_names:
            parts += ["--secrets", name]
        for key, value in self.env.items():
            parts += ["-e", f"{key}={value}"]
        for dependency in self.dependencies:
            parts += ["--with", dependency]
        if self.timeout:
            parts += ["--timeout", self.timeout]
        if self.namespace:
            parts += ["--namespace", self.namespace]
        parts += [script or display_script_path(), "--", *self.script_args()]
        return shlex.join(parts)

    def to_dict(self) -> dict[str, Any]:
        return {
            "model": self.model,
            "tasks": list(self.tasks),
            "flavor": self.flavor,
            "backend": self.backend,
            "limit": self.limit,
            "push_logs": self.push_logs,
            "script": str(SCRIPT_PATH),
            "script_args": self.script_args(),
            "dependencies": list(self.dependencies),
            "env": dict(self.env),
            "secrets": list(self.secret_names),
            "timeout": self.timeout,
            "namespace": self.namespace,
        }


def display_script_path() -> str:
    """The script path as a user in the current folder would type it."""
    with contextlib.suppress(ValueError):
        return str(SCRIPT_PATH.relative_to(Path.cwd()))
    return str(SCRIPT_PATH)


def backend_dependencies(backend: str, tasks: list[str]) -> list[str]:
    """uv `--with` requirements: the backend's heavy packages and the tasks' inspect-evals extras."""
    module = script_module()
    deps = [requirement for _, requirement in module.BACKEND_PACKAGES.get(backend, ())]
    # openai is in the script's own dependencies already
    deps = [d for d in deps if not d.startswith("openai")]
    for spec in module.resolve_tasks(tasks):
        deps.extend(requirement for _, requirement in spec.extra_packages)
    return list(dict.fromkeys(deps))


def validate_tasks(tasks: list[str]) -> list[str]:
    """Friendly names as the script knows them (unknown names fail here, before any upload)."""
    module = script_module()
    try:
        return [spec.name for spec in module.resolve_tasks(tasks)]
    except module.UsageError as error:
        raise UsageError(str(error)) from None


def code_tasks(tasks: list[str]) -> list[str]:
    module = script_module()
    return [spec.name for spec in module.resolve_tasks(tasks) if spec.code]


# --------------------------------------------------------------------------- Hub calls


def network_failure(error: BaseException) -> BaseException | None:
    """The connection-level cause of `error` (refused, timed out, reset), if it has one."""
    import httpx

    for cause in error_causes(error):
        if isinstance(cause, (httpx.TransportError, ConnectionError, TimeoutError)):
            return cause
    return None


@contextlib.contextmanager
def hub_errors(command: str) -> Iterator[None]:
    """Library failures a user can act on, as one-line HubErrors: no token, no connection."""
    from huggingface_hub import constants
    from huggingface_hub.errors import LocalTokenNotFoundError

    try:
        yield
    except EvalToolError:
        raise
    except LocalTokenNotFoundError:
        raise HubError(
            f"{command} needs a Hugging Face token: set HF_TOKEN or run `hf auth login`"
        ) from None
    except Exception as error:
        cause = network_failure(error)
        if cause is None:
            raise
        reason = str(cause).splitlines()[0] if str(cause) else ""
        raise HubError(
            f"cannot reach the Hub at {constants.ENDPOINT}: {type(cause).__name__}"
            + (f" ({reason})" if reason else "")
        ) from None


@contextlib.contextmanager
def quiet_library() -> Iterator[None]:
    """No progress bars and no "experimental" warning from huggingface_hub for this call only."""
    from huggingface_hub.utils import (
        are_progress_bars_disabled,
        disable_progress_bars,
        enable_progress_bars,
    )

    was_disabled = are_progress_bars_disabled()
    disable_progress_bars()
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message=r".*is experimental", category=UserWarning)
            yield
    finally:
        if not was_disabled:
            enable_progress_bars()


def hub_api(token: str | None = None):
    from huggingface_hub import HfApi

    return HfApi(token=token)


def resolve_token(explicit: str | None = None) -> str | None:
    from huggingface_hub import get_token

    return explicit or get_token()


def read_model_size(
    api, model: str, revision: str | None = None
) -> tuple[ModelSize | None, dict[str, Any]]:
    """Size and basic facts of a Hub model; gated/missing models fail here, before submitting."""
    from huggingface_hub.errors import GatedRepoError, RepositoryNotFoundError

    repo_id = model.split(":", 1)[0]
    try:
        info = api.model_info(repo_id, revision=revision)
    except GatedRepoError:
        raise HubError(
            f"{repo_id} is gated: accept its terms on the Hub with the account of your token"
        ) from None
    except RepositoryNotFoundError:
        raise NothingFound(
            f"model {repo_id} not found on the Hub (or private to another account)"
        ) from None
    safetensors = getattr(info, "safetensors", None)
    parameters = getattr(safetensors, "parameters", None) if safetensors else None
    facts = {"id": repo_id, "sha": info.sha, "gated": getattr(info, "gated", None)}
    check_file_access(
        api, repo_id, info.sha, {x.rfilename for x in (getattr(info, "siblings", None) or [])}
    )
    return model_size(parameters), facts


def check_file_access(api, repo_id: str, revision: str | None, files: set[str]) -> None:
    """The Hub shows a gated model's page to anyone but its files only to accepted users;
    the job would fail at the download, so ask for one small file now."""
    from huggingface_hub import hf_hub_url
    from huggingface_hub.errors import EntryNotFoundError, GatedRepoError, HfHubHTTPError

    filename = "config.json"
    if files and filename not in files:
        filename = sorted(files)[0]
    try:
        api.get_hf_file_metadata(url=hf_hub_url(repo_id, filename, revision=revision))
    except GatedRepoError:
        raise HubError(
            f"{repo_id} is gated and your token has no access: accept its terms on the Hub first"
        ) from None
    except (EntryNotFoundError, HfHubHTTPError):
        return


def submit(request: JobRequest, token: str, api=None):
    """Submit with run_uv_job; HF_TOKEN travels as a job secret only."""
    api = api or hub_api(token)
    # run_uv_job prints where it uploaded the script; keep stdout for our own output.
    with contextlib.redirect_stdout(sys.stderr), quiet_library():
        return api.run_uv_job(
            str(SCRIPT_PATH),
            script_args=request.script_args(),
            dependencies=request.dependencies or None,
            env=dict(request.env),
            secrets={name: token for name in request.secret_names},
            flavor=request.flavor,
            timeout=request.timeout,
            labels=dict(request.labels),
            namespace=request.namespace,
            token=token,
        )


_JOB_URL_RE = re.compile(r"/jobs/(?P<ns>[^/]+)/(?P<id>[^/?#]+)")


def parse_job_ref(ref: str) -> tuple[str | None, str]:
    """JOB, NAMESPACE/JOB or a job URL -> (namespace or None, job id)."""
    ref = ref.strip()
    match = _JOB_URL_RE.search(ref)
    if match:
        return match.group("ns"), match.group("id")
    if "/" in ref:
        namespace, _, job_id = ref.partition("/")
        if namespace and job_id and "/" not in job_id:
            return namespace, job_id
        raise UsageError(f"not a job id: {ref!r} (JOB_ID, NAMESPACE/JOB_ID or the job's URL)")
    if not re.fullmatch(r"[A-Za-z0-9_-]+", ref):
        raise UsageError(f"not a job id: {ref!r}")
    return None, ref


def job_to_dict(job) -> dict[str, Any]:
    """The facts of a JobInfo worth printing; secrets by name only."""
    status = getattr(job, "status", None)
    created = getattr(job, "created_at", None)
    started = getattr(job, "started_at", None)
    finished = getattr(job, "finished_at", None)
    return {
        "id": job.id,
        "url": getattr(job, "url", None),
        "stage": getattr(status, "stage", None),
        "message": getattr(status, "message", None),
        "flavor": getattr(job, "flavor", None),
        "owner": getattr(getattr(job, "owner", None), "name", None),
        "created_at": created.isoformat() if created else None,
        "started_at": started.isoformat() if started else None,
        "finished_at": finished.isoformat() if finished else None,
        "docker_image": getattr(job, "docker_image", None),
        "command": list(getattr(job, "command", None) or []),
        "secrets": sorted((getattr(job, "secrets", None) or {}).keys()),
        "labels": getattr(job, "labels", None),
    }


def inspect(api, job_ref: str):
    from huggingface_hub.errors import HfHubHTTPError

    namespace, job_id = parse_job_ref(job_ref)
    try:
        return api.inspect_job(job_id=job_id, namespace=namespace)
    except HfHubHTTPError as error:
        status = getattr(getattr(error, "response", None), "status_code", None)
        if status == 404:
            raise NothingFound(
                f"job {job_id} not found{f' in {namespace}' if namespace else ''}"
            ) from None
        raise HubError(f"could not read job {job_id}: HTTP {status}") from None


def logs(api, job_ref: str, *, follow: bool = False, tail: int | None = None):
    namespace, job_id = parse_job_ref(job_ref)
    return api.fetch_job_logs(job_id=job_id, namespace=namespace, follow=follow, tail=tail)


def summary_from_log_lines(lines: list[str]) -> dict[str, Any] | None:
    """The JSON summary inspect_eval_uv.py prints last on stdout, found in the job's log lines.

    It is printed with indent=2, so its top level opens with a line "{" and closes with
    a line "}" at column 0; the last such block that parses as a summary wins.
    """
    found: dict[str, Any] | None = None
    start: int | None = None
    for i, line in enumerate(lines):
        text = line.rstrip("\r\n")
        if text == "{":
            start = i
        elif text == "}" and start is not None:
            try:
                data = json.loads("\n".join(l.rstrip("\r\n") for l in lines[start : i + 1]))  # noqa: E741
            except json.JSONDecodeError:
                continue
            if isinstance(data, dict) and "summary_version" in data and "tasks" in data:
                found = data
            start = None
    return found
