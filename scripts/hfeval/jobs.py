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

from .errors import EvalToolError, HubError, NothingFound, UsageError

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


@dataclass(frozen=True)
class ModelFacts:
    """What run-eval reads of a Hub model before submitting: its size (None when the Hub has
    no safetensors metadata), whether its tokenizer has a chat template (None: unknown) and
    why it looks like a base model (empty: it does not)."""

    repo_id: str
    sha: str | None
    gated: bool | str | None
    size: ModelSize | None
    chat_template: bool | None
    base_reasons: tuple[str, ...] = ()


def read_model_facts(client: HubClient, model: str, revision: str | None = None) -> ModelFacts:
    """Size, chat template and card of a Hub model; gated/missing models fail here, before
    submitting. Reads the model info, one small file's metadata (access), and the
    tokenizer_config.json and README.md where the repo has them."""
    repo_id = model.split(":", 1)[0]
    info = client.model(repo_id, revision=revision)
    files = info.files or []
    client.check_file_access(repo_id, info.sha, files)
    chat_template = _chat_template(client, repo_id, info.sha, files)
    readme = None
    if "README.md" in files:
        with contextlib.suppress(NothingFound):
            readme = client.read_readme(repo_id, revision=info.sha).text
    return ModelFacts(
        repo_id=repo_id,
        sha=info.sha,
        gated=info.gated,
        size=model_size(info.parameters),
        chat_template=chat_template,
        base_reasons=tuple(base_model_reasons(repo_id, chat_template, readme)),
    )


def _chat_template(
    client: HubClient, repo_id: str, sha: str | None, files: list[str]
) -> bool | None:
    """The same test as inspect_eval_uv.py's: a chat_template.jinja/json file, or a
    `chat_template` in tokenizer_config.json; None when the repo has neither file."""
    if "chat_template.jinja" in files or "chat_template.json" in files:
        return True
    if "tokenizer_config.json" not in files:
        return None
    try:
        config = json.loads(client.read_file(repo_id, "tokenizer_config.json", revision=sha))
    except NothingFound:
        return None
    except (json.JSONDecodeError, UnicodeDecodeError):
        return None
    return bool(config.get("chat_template")) if isinstance(config, dict) else None


# --------------------------------------------------------------------------- base models

# Name words (split at "-", "_", "." and spaces; compared lower-case). A base marker makes
# a base model unless an instruct marker is there too ("Llama-2-7b-chat-hf"); "hf" (Meta's
# conversions: "Llama-2-7b-hf") counts only when the tokenizer has no chat template, since
# many chat conversions end in "-hf" too ("llava-1.5-7b-hf").
BASE_NAME_MARKERS = frozenset({"base", "pt", "pretrained", "pretrain"})
WEAK_BASE_NAME_MARKERS = frozenset({"hf"})
INSTRUCT_NAME_MARKERS = frozenset(
    {"instruct", "chat", "it", "sft", "dpo", "orpo", "kto", "rlhf", "grpo", "assistant"}
)
# The card's own words: "This repo contains the base 7B Qwen2.5 model", "This is the
# repository for the 7B pretrained model", "... is a pretrained generative text model".
# A sentence that also speaks of fine-tuning, instructions or chat is not counted ("a
# collection of pretrained and fine-tuned models", "fine-tuned from the base model").
_CARD_BASE_RE = re.compile(
    r"\b(?:this (?:repo(?:sitory)?|model|checkpoint)|is (?:a|an|the))\b[^.\n]{0,80}?"
    r"\b(?:base|pre-?trained)\b[^.\n]{0,60}?\b(?:models?|version|llm|checkpoint)\b",
    re.IGNORECASE,
)
_NOT_BASE_WORDS_RE = re.compile(
    r"instruct|fine-?tun|chat|dialog|conversation|aligned|rlhf", re.IGNORECASE
)


def base_model_reasons(repo_id: str, chat_template: bool | None, readme: str | None) -> list[str]:
    """Why a model looks like a base (pretrained, not instruction-tuned) model; [] if not."""
    reasons = []
    if chat_template is False:
        reasons.append("no chat template in tokenizer_config.json")
    words = [w for w in re.split(r"[-_.\s]+", repo_id.split("/")[-1]) if w]
    if any(w.lower() in INSTRUCT_NAME_MARKERS for w in words):
        return reasons
    for word in words:
        lowered = word.lower()
        if lowered in BASE_NAME_MARKERS or (
            lowered in WEAK_BASE_NAME_MARKERS and chat_template is not True
        ):
            reasons.append(f"'{word}' in its name")
            break
    for match in _CARD_BASE_RE.finditer(readme or ""):
        if not _NOT_BASE_WORDS_RE.search(match.group(0)):
            reasons.append(f'its card says "{match.group(0)}"')
            break
    return reasons


@dataclass(frozen=True)
class BaseModelAdvice:
    """Which requested tasks suit a base model poorly, and what to run instead."""

    model: str
    reasons: tuple[str, ...]
    unsuited: tuple[str, ...]  # 0-shot, instruction-prompted tasks among those asked for
    alternatives: dict[str, str]  # unsuited task -> its few-shot variant, where one exists
    suited: tuple[str, ...]  # every task whose few-shot prompt a base model can continue

    def message(self) -> str | None:
        """The warning line, or None when every requested task suits a base model."""
        if not self.unsuited:
            return None
        verb = "is" if len(self.unsuited) == 1 else "are"
        advice = [
            f"{task}: use {self.alternatives[task]}"
            if task in self.alternatives
            else f"{task} has no few-shot variant"
            for task in self.unsuited
        ]
        return (
            f"{self.model} looks like a base model ({'; '.join(self.reasons)}): "
            f"{', '.join(self.unsuited)} {verb} 0-shot with an instruction prompt, which base "
            f"models follow poorly; {'; '.join(advice)} "
            f"(tasks that suit a base model: {', '.join(self.suited)})"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "reasons": list(self.reasons),
            "unsuited": list(self.unsuited),
            "alternatives": dict(self.alternatives),
            "suited": list(self.suited),
        }


def base_model_advice(facts: ModelFacts, tasks: list[str]) -> BaseModelAdvice | None:
    """None for a model that does not look like a base model."""
    if not facts.base_reasons:
        return None
    module = script_module()
    specs = module.resolve_tasks(tasks)
    unsuited = tuple(s.name for s in specs if not s.base_model_fit)
    return BaseModelAdvice(
        model=facts.repo_id,
        reasons=facts.base_reasons,
        unsuited=unsuited,
        alternatives={
            s.name: s.few_shot_variant for s in specs if s.name in unsuited and s.few_shot_variant
        },
        suited=tuple(n for n in module.task_names() if module.TASKS[n].base_model_fit),
    )


# --------------------------------------------------------------------------- run-time estimate
#
# An estimate, not a measurement: samples (the task table's counts, times its epochs,
# capped by --limit) x seconds per sample. On a GPU a sample costs its prompt, read at a
# fraction of the GPU's 16-bit FLOPs (2 x parameters FLOPs per token), plus its answer,
# generated in batches where each step reads every weight once at a fraction of the
# memory bandwidth. The GPU figures are approximate spec-sheet numbers per GPU.


@dataclass(frozen=True)
class GPU:
    name: str
    bandwidth_gbs: float  # memory bandwidth, GB/s
    tflops16: float  # dense 16-bit tensor TFLOPs


_T4, _L4, _A10G = GPU("T4", 320, 65), GPU("L4", 300, 121), GPU("A10G", 600, 70)
_L40S, _A100 = GPU("L40S", 864, 362), GPU("A100 80GB", 2039, 312)
_H200, _RTX6000 = GPU("H200", 4800, 989), GPU("RTX PRO 6000", 1792, 400)
# flavor -> (GPU, how many)
FLAVOR_GPUS: dict[str, tuple[GPU, int]] = {
    "t4-small": (_T4, 1), "t4-medium": (_T4, 1),
    "l4x1": (_L4, 1), "l4x4": (_L4, 4),
    "a10g-small": (_A10G, 1), "a10g-large": (_A10G, 1),
    "a10g-largex2": (_A10G, 2), "a10g-largex4": (_A10G, 4),
    "l40sx1": (_L40S, 1), "l40sx4": (_L40S, 4), "l40sx8": (_L40S, 8),
    "a100-large": (_A100, 1), "a100x4": (_A100, 4), "a100x8": (_A100, 8),
    "h200": (_H200, 1), "h200x2": (_H200, 2), "h200x4": (_H200, 4), "h200x8": (_H200, 8),
    "rtx-pro-6000": (_RTX6000, 1), "rtx-pro-6000x2": (_RTX6000, 2),
    "rtx-pro-6000x4": (_RTX6000, 4), "rtx-pro-6000x8": (_RTX6000, 8),
}  # fmt: skip


@dataclass(frozen=True)
class BackendSpeed:
    batch: int  # answers generated together
    prefill_efficiency: float  # share of the GPU's FLOPs reached reading prompts
    decode_efficiency: float  # share of the memory bandwidth reached generating
    tensor_parallel: bool  # several GPUs work on each step (else the layers are split)


# inspect's transformers provider generates in batches of 32 (its max_connections), with
# the model split across GPUs by device_map=auto (one GPU busy at a time); vLLM batches
# continuously and runs tensor parallel.
BACKEND_SPEED = {
    "transformers": BackendSpeed(32, 0.3, 0.5, False),
    "vllm": BackendSpeed(128, 0.5, 0.7, True),
}
PADDING = 1.5  # a batch generates until its longest answer ends
# A provider: per-request latency, generation speed of one stream, inspect's default
# of 10 requests at a time.
PROVIDER_LATENCY_S = 1.0
PROVIDER_TOKENS_PER_S = 60.0
PROVIDER_CONNECTIONS = 10
# Start-up: the image, uv installing the packages, then the weights download.
STARTUP_S = {"gpu": 300.0, "provider": 60.0}
DOWNLOAD_GBS = 0.2
ASSUMED_SIZE = ModelSize(
    parameters=7_000_000_000, weight_bytes=14e9, dtypes={"BF16": 7_000_000_000}
)


@dataclass(frozen=True)
class TaskEstimate:
    task: str
    samples: int  # samples scored once (after --limit)
    epochs: int
    seconds_per_sample: float  # one sample, one epoch

    @property
    def seconds(self) -> float:
        return self.samples * self.epochs * self.seconds_per_sample

    def to_dict(self) -> dict[str, Any]:
        return {
            "task": self.task,
            "samples": self.samples,
            "epochs": self.epochs,
            "seconds_per_sample": round(self.seconds_per_sample, 4),
            "seconds": round(self.seconds, 1),
        }


@dataclass(frozen=True)
class RunEstimate:
    tasks: tuple[TaskEstimate, ...]
    startup_seconds: float
    basis: str  # what the per-sample times assume, e.g. "a 6.7B model on a10g-small"
    method: str

    @property
    def samples(self) -> int:
        return sum(t.samples * t.epochs for t in self.tasks)

    @property
    def eval_seconds(self) -> float:
        return sum(t.seconds for t in self.tasks)

    @property
    def total_seconds(self) -> float:
        return self.eval_seconds + self.startup_seconds

    def describe(self) -> str:
        parts = " + ".join(
            f"{t.task} {t.samples}{f' x {t.epochs} epochs' if t.epochs > 1 else ''}"
            f" x {t.seconds_per_sample:.2g} s"
            for t in self.tasks
        )
        return (
            f"estimated run time: {format_duration(self.total_seconds)} (an estimate: "
            f"{self.samples} samples, {parts}, per-sample times for {self.basis}; plus "
            f"{format_duration(self.startup_seconds)} to start; real runs can differ twofold)"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "total_seconds": round(self.total_seconds),
            "eval_seconds": round(self.eval_seconds, 1),
            "startup_seconds": round(self.startup_seconds),
            "samples": self.samples,
            "tasks": [t.to_dict() for t in self.tasks],
            "basis": self.basis,
            "method": self.method,
        }


def estimate_run(
    tasks: list[str],
    *,
    flavor: str,
    backend: str,
    size: ModelSize | None,
    limit: int | None = None,
    epochs: int | None = None,
) -> RunEstimate | None:
    """The run time of a job; None for a GPU flavor this table has no figures for."""
    module = script_module()
    specs = module.resolve_tasks(tasks)

    def samples_of(spec: Any) -> int:
        return min(spec.samples, limit) if limit is not None else spec.samples

    if backend == "inference-providers":
        per_sample = {
            s.name: (PROVIDER_LATENCY_S + s.answer_tokens / PROVIDER_TOKENS_PER_S)
            / PROVIDER_CONNECTIONS
            for s in specs
        }
        basis = "a model at an inference provider"
        method = (
            f"samples x ({PROVIDER_LATENCY_S:g} s per request + the task's typical answer "
            f"length at {PROVIDER_TOKENS_PER_S:g} tokens/s) / {PROVIDER_CONNECTIONS} requests "
            "at a time; provider speeds vary widely"
        )
        startup = STARTUP_S["provider"]
    else:
        if flavor not in FLAVOR_GPUS or backend not in BACKEND_SPEED:
            return None
        gpu, count = FLAVOR_GPUS[flavor]
        speed = BACKEND_SPEED[backend]
        known = size or ASSUMED_SIZE
        working = count if speed.tensor_parallel else 1
        prefill_token_s = (2 * known.parameters) / (
            gpu.tflops16 * 1e12 * speed.prefill_efficiency * working
        )
        step_s = known.weight_bytes / (gpu.bandwidth_gbs * 1e9 * speed.decode_efficiency * working)
        per_sample = {
            s.name: s.prompt_tokens * prefill_token_s
            + s.answer_tokens * step_s * PADDING / speed.batch
            for s in specs
        }
        billions = f"{known.parameters / 1e9:.1f}B"
        basis = (
            f"a {billions} model on {flavor} ({count} x {gpu.name}) with {backend}"
            if size is not None
            else f"an assumed 7B 16-bit model (the Hub has no size) on {flavor} with {backend}"
        )
        method = (
            "samples (the task table's counts x epochs, capped by --limit) x seconds per "
            "sample; a sample's prompt tokens are read at "
            f"{speed.prefill_efficiency:.0%} of the GPU's 16-bit FLOPs ({gpu.tflops16:g} TFLOPs, "
            "2 x parameters per token) and its answer tokens generated in batches of "
            f"{speed.batch}, each step reading the weights at {speed.decode_efficiency:.0%} "
            f"of the memory bandwidth ({gpu.bandwidth_gbs:g} GB/s); start-up "
            f"{STARTUP_S['gpu']:g} s plus the weights at {DOWNLOAD_GBS:g} GB/s"
        )
        startup = STARTUP_S["gpu"] + known.weight_gb / DOWNLOAD_GBS
    return RunEstimate(
        tasks=tuple(
            TaskEstimate(s.name, samples_of(s), epochs or s.epochs, per_sample[s.name])
            for s in specs
        ),
        startup_seconds=startup,
        basis=basis,
        method=method,
    )


def format_duration(seconds: float) -> str:
    if seconds < 90:
        return f"about {max(1, round(seconds))} s"
    if seconds < 2 * 3600:
        return f"about {round(seconds / 60)} min"
    return f"about {seconds / 3600:.1f} h"


_TIMEOUT_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$")
_TIMEOUT_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def timeout_seconds(timeout: str | None) -> float | None:
    """--timeout as seconds ("90", "30m", "2h", "1d"); None when absent or not in that form."""
    match = _TIMEOUT_RE.match(timeout or "")
    if match is None:
        return None
    return float(match.group(1)) * _TIMEOUT_UNITS[match.group(2)]


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
