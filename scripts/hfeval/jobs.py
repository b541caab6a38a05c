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
- Every Hub and Jobs call goes through `HubClient` (hub.py): the same messages, the same
  retries as the rest of the tool; the submission itself is never sent twice.
"""

from __future__ import annotations

import contextlib
import importlib.util
import json
import re
import shlex
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from .errors import EvalToolError, HubError, UsageError

if TYPE_CHECKING:
    from .hub import HubClient

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


@contextlib.contextmanager
def hub_errors(command: str) -> Iterator[None]:
    """Library failures raised outside HubClient, in the gateway's words (one line, no token)."""
    from .hub import HubClient

    try:
        yield
    except EvalToolError:
        raise
    except Exception as error:  # noqa: BLE001 - every failure becomes one clear line
        raise HubClient().translate_error(error, f"running {command}") from None


def read_model_size(
    client: HubClient, model: str, revision: str | None = None
) -> tuple[ModelSize | None, dict[str, Any]]:
    """Size and basic facts of a Hub model; gated/missing models fail here, before submitting."""
    repo_id = model.split(":", 1)[0]
    info = client.model(repo_id, revision=revision)
    facts = {"id": repo_id, "sha": info.sha, "gated": info.gated}
    client.check_file_access(repo_id, info.sha, info.files or [])
    return model_size(info.parameters), facts


def submit(request: JobRequest, client: HubClient):
    """Submit with run_uv_job; HF_TOKEN travels as a job secret only."""
    return client.run_uv_job(
        SCRIPT_PATH,
        script_args=request.script_args(),
        dependencies=request.dependencies or None,
        env=dict(request.env),
        secret_names=request.secret_names,
        flavor=request.flavor,
        timeout=request.timeout,
        labels=dict(request.labels),
        namespace=request.namespace,
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


def inspect(client: HubClient, job_ref: str):
    namespace, job_id = parse_job_ref(job_ref)
    return client.inspect_job(job_id, namespace)


def logs(
    client: HubClient, job_ref: str, *, follow: bool = False, tail: int | None = None
) -> Iterator[str]:
    namespace, job_id = parse_job_ref(job_ref)
    return client.job_logs(job_id, namespace, follow=follow, tail=tail)


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
