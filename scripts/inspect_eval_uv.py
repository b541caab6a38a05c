# /// script
# requires-python = ">=3.11"
# dependencies = [
#     "inspect-ai>=0.3.285",
#     "inspect-evals==0.26.0",
#     "huggingface-hub>=2.4,<3",
#     "openai>=3.4",
#     "anyio>=4",
#     "datasets>=4.8.5",
# ]
# ///
"""Run inspect-ai evaluations of a Hub model, locally or on Hugging Face Jobs.

This file is self-contained on purpose: `hf jobs uv run` uploads only this file.

    uv run scripts/inspect_eval_uv.py --model Qwen/Qwen2.5-7B-Instruct --task gsm8k --limit 20
    hf jobs uv run --flavor a10g-small --secrets HF_TOKEN scripts/inspect_eval_uv.py \\
        -- --model meta-llama/Llama-2-7b-hf --task mmlu_5_shot

Design notes (why, not what):
- Friendly task names map to inspect-evals tasks with their exact settings when
  inspect-evals is importable (it is, under `uv run`, from the block above). The
  project's own implementations ("builtin") reuse the same record formats, prompts,
  solvers and scorers; they are used for the two code benchmarks (inspect-evals has
  no plain LiveCodeBench, and its HumanEval needs Docker, which HF Jobs lacks), with
  `--implementation builtin`, and with `--dataset-file` (local data in the task's
  record format, which is how the offline tests run the real pipeline).
- Heavy backends are installed only when used: the script re-executes itself with
  `uv run --with <packages>` when a backend's packages are missing, so one uv
  resolution covers the script's own dependencies and the backend's.
- `--secret NAME=VALUE` exists because `hf jobs uv run ... --secret HF_TOKEN=$HF_TOKEN`
  is not an hf option: hf hands it to this script, so the value sits in the job's
  visible arguments. It is honoured (with a warning) and never printed.
- inspect's `eval()` does not raise when a task fails; the log's status is checked,
  and a failed task makes the process exit non-zero with its error.
- Model-written code (HumanEval, LiveCodeBench) runs in a subprocess judge: its own
  temp folder, no network, resource limits, timeouts; allowed by default only inside
  an HF Job container, elsewhere only with `--allow-code-execution`.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import copy
import datetime as _dt
import hashlib
import importlib
import importlib.util
import json
import os
import pickle
import platform
import queue
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from secrets import token_hex
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # annotations only: inspect_ai is imported where it is used (it takes seconds)
    from inspect_ai import Task
    from inspect_ai.dataset import Dataset, Sample
    from inspect_ai.log import EvalLog
    from inspect_ai.scorer import Score, Scorer, Target
    from inspect_ai.solver import Generate, Solver, TaskState

SCRIPT_VERSION = "1.0.0"
SUMMARY_VERSION = 1
REEXEC_MARKER = "INSPECT_EVAL_UV_REEXEC"

EXIT_OK = 0
EXIT_FAILED = 1  # a task failed, or the run could not complete
EXIT_USAGE = 2  # bad arguments, missing packages, code execution not allowed

# --------------------------------------------------------------------------------------
# Tasks
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TaskSpec:
    """One friendly task name: how inspect-evals runs it and how builtin runs it."""

    name: str
    title: str
    benchmark: str  # registry id used when results are imported (examples/metric_mapping.json)
    inspect_evals: str | None  # "inspect_evals/<task>" registry name
    inspect_evals_args: dict[str, Any]  # the exact settings passed to it
    dataset: str  # Hub dataset id (or URL) the task reads
    config: str | None
    split: str
    revision: str | None  # pinned revision (inspect-evals 0.26.0); see revision_attr
    revision_attr: str | None  # "module:ATTR" that holds the pin in the installed inspect-evals
    shots: int
    cot: bool
    metric: str = "accuracy"
    builtin: str | None = None  # builtin builder name, None if inspect-evals only
    base_model_fit: bool = False  # few-shot prompt a base model can continue
    code: bool = False  # runs model-written code
    extra_packages: tuple[tuple[str, str], ...] = ()  # (module, requirement) for inspect-evals
    score_key: str = "accuracy"  # the inspect metric that is the headline score
    stderr_key: str = "stderr"
    record_format: str = ""
    notes: str = ""
    # The task's size, for run-eval's run-time estimate (hfeval/jobs.py): samples in the
    # split it scores (the default settings), epochs by default, and typical prompt and
    # answer lengths in tokens (rough figures; the estimate says it is one).
    samples: int = 0
    epochs: int = 1
    prompt_tokens: int = 0
    answer_tokens: int = 0
    # The friendly name of the same benchmark with a few-shot prompt, for base models.
    few_shot_variant: str | None = None


TASKS: dict[str, TaskSpec] = {}


def _add(spec: TaskSpec, *aliases: str) -> None:
    TASKS[spec.name] = spec
    for alias in aliases:
        TASKS[alias] = spec


_MMLU_RECORD = (
    '{"question", "choices": [4 strings], "answer": 0-3, "subject"}; dev rows: "split": "dev"'
)
_add(
    TaskSpec(
        name="mmlu",
        title="MMLU (0-shot)",
        benchmark="mmlu",
        inspect_evals="inspect_evals/mmlu_0_shot",
        inspect_evals_args={},
        dataset="cais/mmlu",
        config="all",
        split="test",
        revision="c30699e8356da336a370243923dbaf21066bb9fe",
        revision_attr="inspect_evals.mmlu.mmlu:MMLU_REVISION",
        shots=0,
        cot=False,
        builtin="mmlu",
        record_format=_MMLU_RECORD,
        notes="answer letter within 16 tokens, temperature 0",
        samples=14042,
        prompt_tokens=150,
        answer_tokens=5,
        few_shot_variant="mmlu_5_shot",
    ),
    "mmlu_0_shot",
)
_add(
    TaskSpec(
        name="mmlu_5_shot",
        title="MMLU (5-shot)",
        benchmark="mmlu",
        inspect_evals="inspect_evals/mmlu_5_shot",
        inspect_evals_args={},
        dataset="cais/mmlu",
        config="all",
        split="test",
        revision="c30699e8356da336a370243923dbaf21066bb9fe",
        revision_attr="inspect_evals.mmlu.mmlu:MMLU_REVISION",
        shots=5,
        cot=False,
        builtin="mmlu_5_shot",
        base_model_fit=True,
        record_format=_MMLU_RECORD,
        notes="5 dev examples of the same subject as chat turns",
        samples=14042,
        prompt_tokens=750,
        answer_tokens=5,
    ),
)
_add(
    TaskSpec(
        name="mmlu_pro",
        title="MMLU-Pro",
        benchmark="mmlu_pro",
        inspect_evals="inspect_evals/mmlu_pro",
        inspect_evals_args={},
        dataset="TIGER-Lab/MMLU-Pro",
        config=None,
        split="test",
        revision="527feea0afed1de15a8c115abf7be4c912123315",
        revision_attr="inspect_evals.mmlu_pro.mmlu_pro:MMLU_PRO_DATASET_REVISION",
        shots=0,
        cot=True,
        builtin="mmlu_pro",
        record_format='{"question_id", "question", "options": [up to 10], "answer": "A".., "cot_content", "category"}',
        notes="0-shot, 'think step by step' prompt",
        samples=12032,
        prompt_tokens=300,
        answer_tokens=400,
    ),
)
_add(
    TaskSpec(
        name="gsm8k",
        title="GSM8K",
        benchmark="gsm8k",
        inspect_evals="inspect_evals/gsm8k",
        inspect_evals_args={},
        dataset="openai/gsm8k",
        config="main",
        split="test",
        revision="cc7b047b6e5bb11b4f1af84efc572db110a51b3c",
        revision_attr="inspect_evals.gsm8k.gsm8k:GSM8K_DATASET_REVISION",
        shots=10,
        cot=True,
        builtin="gsm8k",
        base_model_fit=True,
        record_format='{"question", "answer": "reasoning #### 42"}; few-shot rows: "split": "train"',
        notes="10-shot (train, seed 42) in the system message, numeric match",
        samples=1319,
        prompt_tokens=1300,
        answer_tokens=200,
    ),
)
for _arc_name, _arc_config, _arc_title, _arc_samples in (
    ("arc_challenge", "ARC-Challenge", "ARC-Challenge", 1172),
    ("arc_easy", "ARC-Easy", "ARC-Easy", 2376),
):
    _add(
        TaskSpec(
            name=_arc_name,
            title=_arc_title,
            benchmark=_arc_name,
            inspect_evals=f"inspect_evals/{_arc_name}",
            inspect_evals_args={},
            dataset="allenai/ai2_arc",
            config=_arc_config,
            split="test",
            revision="210d026faf9955653af8916fad021475a3f00453",
            revision_attr="inspect_evals.arc.arc:ARC_DATASET_REVISION",
            shots=0,
            cot=False,
            builtin="arc",
            record_format='{"id", "question", "choices": {"label": [...], "text": [...]}, "answerKey"}',
            samples=_arc_samples,
            prompt_tokens=120,
            answer_tokens=5,
        )
    )
_add(
    TaskSpec(
        name="bbh",
        title="BIG-Bench Hard",
        benchmark="bbh",
        inspect_evals="inspect_evals/bbh",
        inspect_evals_args={"prompt_type": "answer_only"},
        dataset="Joschka/big_bench_hard",
        config=None,
        split="(subset)",
        revision="76eaa8c29ad448752cd44201a1246618e2454cac",
        revision_attr="inspect_evals.bbh.bbh:BBH_DATASET_REVISION",
        shots=3,
        cot=False,
        builtin="bbh",
        base_model_fit=True,
        record_format='{"subset", "question", "target", "choices": {"text": [...]} for multiple-choice subsets}; '
        'prompt rows: {"split": "few_shot_prompts", "dataset_name", "answer_only_prompt", "chain_of_thought_prompt"}',
        notes="all 27 subsets, 3-shot answer-only prompts; -T prompt_type=chain_of_thought for CoT",
        score_key="all",  # accuracy grouped by subset; "all" is over every sample
        samples=6511,
        prompt_tokens=700,
        answer_tokens=10,
    ),
)
_AIME_SPECS = (
    ("aime2024", "AIME 2024", "Maxwell-Jia/AIME_2024", "train", "8d88b2876a82a080e2f172cc9b25d0d9d2cb4792",
     "inspect_evals.aime2024.aime2024:AIME2024_DATASET_REVISION", '{"ID", "Problem", "Answer", "Solution"}'),
    ("aime2025", "AIME 2025", "math-ai/aime25", "test", "563bb8404243c5f09de6ec262f2db674fe5bce9b",
     "inspect_evals.aime2025.aime2025:AIME2025_DATASET_REVISION", '{"id", "problem", "answer"}'),
)  # fmt: skip
for _name, _title, _ds, _split, _rev, _attr, _fmt in _AIME_SPECS:
    _add(
        TaskSpec(
            name=_name,
            title=_title,
            benchmark=_name,
            inspect_evals=f"inspect_evals/{_name}",
            inspect_evals_args={},
            dataset=_ds,
            config=None,
            split=_split,
            revision=_rev,
            revision_attr=_attr,
            shots=0,
            cot=True,
            builtin=_name,
            record_format=_fmt,
            notes="step-by-step prompt, numeric match of the last line",
            samples=30,
            prompt_tokens=150,
            answer_tokens=2000,
        )
    )
_add(
    TaskSpec(
        name="gpqa_diamond",
        title="GPQA Diamond",
        benchmark="gpqa_diamond",
        inspect_evals="inspect_evals/gpqa_diamond",
        inspect_evals_args={},
        dataset="https://openaipublic.blob.core.windows.net/simple-evals/gpqa_diamond.csv",
        config=None,
        split="train",
        revision="sha256:41d1213cd7a4998605a26c2798500652572007161b3a92817ba46b35befcd305",
        revision_attr=None,
        shots=0,
        cot=True,
        builtin="gpqa_diamond",
        record_format='{"Record ID", "Question", "Correct Answer", "Incorrect Answer 1".."3", "High-level domain", "Subdomain"}',
        notes="CoT, choices shuffled with seed 42, 4 epochs (mean)",
        samples=198,
        epochs=4,
        prompt_tokens=300,
        answer_tokens=500,
    ),
)
_add(
    TaskSpec(
        name="hellaswag",
        title="HellaSwag",
        benchmark="hellaswag",
        inspect_evals="inspect_evals/hellaswag",
        inspect_evals_args={},
        dataset="Rowan/hellaswag",
        config=None,
        split="validation",
        revision="218ec52e09a7e7462a5400043bb9a69a41d06b76",
        revision_attr="inspect_evals.hellaswag.hellaswag:HELLASWAG_DATASET_REVISION",
        shots=0,
        cot=False,
        builtin="hellaswag",
        record_format='{"ctx", "endings": [4], "label": "0".."3", "source_id"}',
        samples=10042,
        prompt_tokens=200,
        answer_tokens=5,
    ),
)
_add(
    TaskSpec(
        name="ifeval",
        title="IFEval",
        benchmark="ifeval",
        inspect_evals="inspect_evals/ifeval",
        inspect_evals_args={},
        dataset="google/IFEval",
        config=None,
        split="train",
        revision="966cd89545d6b6acfd7638bc708b98261ca58e84",
        revision_attr="inspect_evals.ifeval.ifeval:IFEVAL_DATASET_REVISION",
        shots=0,
        cot=False,
        # inspect-evals[ifeval] needs instruction_following_eval, which is not on PyPI: its git source
        extra_packages=(
            (
                "instruction_following_eval",
                "instruction_following_eval @ git+https://github.com/josejg/instruction_following_eval",
            ),
            ("langdetect", "langdetect"),
        ),
        metric="prompt_level_strict_acc",
        score_key="prompt_strict_acc",
        stderr_key="prompt_strict_stderr",
        notes="inspect-evals only (instruction checkers from instruction_following_eval)",
        samples=541,
        prompt_tokens=80,
        answer_tokens=400,
    ),
)
_add(
    TaskSpec(
        name="math",
        title="MATH",
        benchmark="math",
        inspect_evals="inspect_evals/math",
        inspect_evals_args={},
        dataset="DigitalLearningGmbH/MATH-lighteval",
        config="default",
        split="test",
        revision="0530c78699ea5e8eb5530600900e1f328b48acad",
        revision_attr="inspect_evals.math.math:MATH_DATASET_REVISION",
        shots=0,
        cot=True,
        extra_packages=(("sympy", "inspect-evals[math]==0.26.0"),),
        notes="inspect-evals only; temperature 0.5; expression equivalence graded by the model under test unless -T grader_model=...",
        samples=5000,
        prompt_tokens=150,
        answer_tokens=400,
    ),
)
_add(
    TaskSpec(
        name="hle",
        title="Humanity's Last Exam",
        benchmark="hle",
        inspect_evals="inspect_evals/hle",
        inspect_evals_args={"only_hle_verified_gold": False},
        dataset="cais/hle",
        config=None,
        split="test",
        revision="5a81a4c7271a2a2a312b9a690f0c2fde837e4c29",
        revision_attr="inspect_evals.hle.dataset:HLE_DATASET_REVISION",
        shots=0,
        cot=False,
        notes="inspect-evals only; the full 2,500-question CAIS set (inspect-evals 0.26 defaults to a 668-item "
        "verified subset that is not comparable with the leaderboard); judged by the grader model roles (default OpenRouter models: pass "
        "--model-role grader=... --model-role grader_2=... or an OPENROUTER_API_KEY secret)",
        samples=2500,
        prompt_tokens=250,
        answer_tokens=400,
    ),
)
_add(
    TaskSpec(
        name="humaneval",
        title="HumanEval",
        benchmark="humaneval",
        inspect_evals=None,
        inspect_evals_args={},
        dataset="openai/openai_humaneval",
        config=None,
        split="test",
        revision="7dce6050a7d6d172f3cc5c32aa97f52fa1a2e544",
        revision_attr="inspect_evals.humaneval.humaneval:HUMANEVAL_DATASET_REVISION",
        shots=0,
        cot=False,
        metric="pass@1",
        builtin="humaneval",
        code=True,
        record_format='{"task_id", "prompt", "canonical_solution", "test", "entry_point"}',
        notes="inspect-evals' prompt and checker; generated code runs in the subprocess judge (no Docker)",
        samples=164,
        prompt_tokens=200,
        answer_tokens=200,
    ),
)
_add(
    TaskSpec(
        name="livecodebench",
        title="LiveCodeBench (code generation)",
        benchmark="livecodebench",
        inspect_evals=None,
        inspect_evals_args={},
        dataset="livecodebench/code_generation_lite",
        config=None,
        split="test",
        revision=None,  # resolved at run time and recorded
        revision_attr=None,
        shots=0,
        cot=False,
        metric="pass@1",
        builtin="livecodebench",
        code=True,
        record_format='{"question_id", "question_title", "question_content", "platform", "contest_date", '
        '"starter_code", "difficulty", "public_test_cases": JSON, "private_test_cases": JSON or '
        'base64(zlib(pickle(JSON))), "metadata": JSON with "func_name"}',
        notes="official LiveCodeBench prompt; -T release=release_v6 (default), -T start_date=YYYY-MM-DD, "
        "-T end_date=YYYY-MM-DD, -T platform=..., -T difficulty=...",
        samples=1055,  # release_v6; a date window or another release has fewer or more
        prompt_tokens=500,
        answer_tokens=600,
    ),
    "lcb",
)


def task_names() -> list[str]:
    """Friendly names, aliases excluded, in table order."""
    seen: list[str] = []
    for key, spec in TASKS.items():
        if key == spec.name and key not in seen:
            seen.append(key)
    return seen


def resolve_tasks(values: list[str]) -> list[TaskSpec]:
    specs: list[TaskSpec] = []
    for value in values:
        for name in (v.strip() for v in value.split(",")):
            if not name:
                continue
            key = name.lower().removeprefix("inspect_evals/").replace("-", "_")
            spec = TASKS.get(key)
            if spec is None:
                raise UsageError(f"unknown task {name!r}; known tasks: {', '.join(task_names())}")
            if spec not in specs:
                specs.append(spec)
    if not specs:
        raise UsageError("no task given (--task)")
    return specs


# --------------------------------------------------------------------------------------
# Errors, secrets, command line
# --------------------------------------------------------------------------------------


class UsageError(Exception):
    """Bad arguments or an environment that cannot run the request: exit 2."""


class RunError(Exception):
    """The run could not complete: exit 1."""


class Secrets:
    """Values that must never reach output: --secret values and token-like env vars."""

    ENV_NAMES = (
        "HF_TOKEN",
        "HUGGING_FACE_HUB_TOKEN",
        "HF_HUB_TOKEN",
        "OPENROUTER_API_KEY",
        "OPENAI_API_KEY",
    )
    _TOKEN_RE = re.compile(r"hf_[A-Za-z0-9]{8,}")

    def __init__(self, values: list[str] | None = None):
        self.values = [v for v in values or [] if v]

    def all_values(self) -> list[str]:
        env = [os.environ.get(name, "") for name in self.ENV_NAMES]
        return [v for v in {*self.values, *env} if v and len(v) >= 4]

    def mask(self, text: str) -> str:
        if not text:
            return text
        for value in sorted(self.all_values(), key=len, reverse=True):
            text = text.replace(value, "***")
        return self._TOKEN_RE.sub("hf_***", text)


def apply_secret_args(pairs: list[str], secrets: Secrets, warn) -> list[str]:
    """Put `--secret NAME=VALUE` pairs into the environment; return their names."""
    names: list[str] = []
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip()
        if not sep or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise UsageError("--secret expects NAME=VALUE (the value is never printed)")
        if not value:
            # `--secret HF_TOKEN=$HF_TOKEN` with an unset variable: say so instead of running tokenless
            raise UsageError(
                f"--secret {name}= has an empty value (is ${name} set where you ran the command?)"
            )
        os.environ[name] = value
        secrets.values.append(value)
        names.append(name)
    if names:
        warn(
            f"--secret {' '.join(n + '=***' for n in names)} came as script arguments, so the value is "
            "visible in the job's configuration (hf jobs inspect, the job page). The safe form is "
            f"`hf jobs uv run --secrets {names[0]} ...` (the value is read from your environment "
            "and stored as a job secret)."
        )
    return names


def masked_command(argv: list[str], secrets: Secrets) -> str:
    """The command line as run, with --secret values and any secret value replaced by ***."""
    out: list[str] = []
    skip_next = False
    for i, arg in enumerate(argv):
        if skip_next:
            name = arg.partition("=")[0]
            out.append(f"{name}=***")
            skip_next = False
            continue
        if arg == "--secret" and i + 1 < len(argv):
            out.append(arg)
            skip_next = True
            continue
        if arg.startswith("--secret="):
            name = arg[len("--secret=") :].partition("=")[0]
            out.append(f"--secret={name}=***")
            continue
        out.append(arg)
    script = Path(sys.argv[0]).name if sys.argv and sys.argv[0] else "inspect_eval_uv.py"
    return secrets.mask(shlex.join([script, *out]))


def strip_secret_args(argv: list[str]) -> list[str]:
    out: list[str] = []
    skip = False
    for arg in argv:
        if skip:
            skip = False
            continue
        if arg == "--secret":
            skip = True
            continue
        if arg.startswith("--secret="):
            continue
        out.append(arg)
    return out


def parse_kv(pairs: list[str] | None, what: str) -> dict[str, Any]:
    """k=v pairs; values are read as YAML-ish scalars (true, 3, 0.5, [a,b]) like inspect's -T/-M."""
    result: dict[str, Any] = {}
    for pair in pairs or []:
        key, sep, raw = pair.partition("=")
        if not sep or not key.strip():
            raise UsageError(f"{what} expects key=value, got {pair!r}")
        result[key.strip()] = _scalar(raw)
    return result


def _scalar(raw: str) -> Any:
    text = raw.strip()
    low = text.lower()
    if low in ("true", "false"):
        return low == "true"
    if low in ("none", "null"):
        return None
    for cast in (int, float):
        try:
            return cast(text)
        except ValueError:
            pass
    if text.startswith(("[", "{")):
        try:
            return json.loads(text)
        except json.JSONDecodeError:
            pass
    return text


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="inspect_eval_uv.py",
        description="Evaluate a Hub model with inspect-ai on friendly task names; print a JSON summary.",
        allow_abbrev=False,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="""tasks: """
        + ", ".join(task_names())
        + """  (--list-tasks for settings)

backends:
  auto                 GPU present: vllm if importable, else transformers; no GPU: inference-providers
  inference-providers  HF router (hf-inference-providers/<model>[:provider]) with HF_TOKEN
  transformers         the model on this machine's GPU (installs torch/transformers/accelerate)
  vllm                 the model on this machine's GPU through vLLM (installs vllm)
  mock                 offline testing: answers from --mock-responses

exit codes: 0 all tasks succeeded, 1 a task failed (error in the summary), 2 usage error

example:
  uv run scripts/inspect_eval_uv.py --model Qwen/Qwen2.5-1.5B-Instruct --task gsm8k --limit 10
  hf jobs uv run --flavor a10g-small --secrets HF_TOKEN scripts/inspect_eval_uv.py -- \\
      --model meta-llama/Llama-2-7b-hf --task mmlu_5_shot --push-logs my-org/eval-logs""",
    )
    parser.add_argument(
        "--model", help="Hub model id, e.g. meta-llama/Llama-2-7b-hf (providers: id[:provider])"
    )
    parser.add_argument(
        "--revision", help="model revision (branch, tag or commit) for local backends"
    )
    parser.add_argument(
        "--task",
        action="extend",
        nargs="+",
        default=[],
        help="one or several friendly task names (or comma-separated)",
    )
    parser.add_argument(
        "--backend",
        choices=["auto", "inference-providers", "transformers", "vllm", "mock"],
        default="auto",
    )
    parser.add_argument(
        "--implementation",
        choices=["auto", "inspect-evals", "builtin"],
        default="auto",
        help="auto: inspect-evals when importable and no --dataset-file, else builtin",
    )
    parser.add_argument(
        "--limit", type=int, help="evaluate only the first N samples (a partial run)"
    )
    parser.add_argument(
        "--epochs", type=int, help="repeat each sample N times (default: the task's own)"
    )
    parser.add_argument("--temperature", type=float)
    parser.add_argument("--max-tokens", type=int)
    parser.add_argument(
        "--max-connections", type=int, help="concurrent requests to the model (default: inspect's)"
    )
    parser.add_argument(
        "--model-args",
        action="extend",
        nargs="+",
        metavar="K=V",
        default=[],
        help="inspect -M args",
    )
    parser.add_argument(
        "--task-args", action="extend", nargs="+", metavar="K=V", default=[], help="inspect -T args"
    )
    parser.add_argument(
        "--model-role",
        action="append",
        default=[],
        metavar="ROLE=MODEL",
        help="e.g. grader=openai/gpt-4o (hle)",
    )
    parser.add_argument(
        "--log-dir", help="where .eval logs and summary.json go (default: ./logs/<run id>)"
    )
    parser.add_argument(
        "--push-logs", metavar="REPO", help="upload logs + summary to this Hub dataset repo"
    )
    parser.add_argument(
        "--public-logs",
        action="store_true",
        help="create the --push-logs dataset public (default: private)",
    )
    parser.add_argument(
        "--allow-code-execution",
        action="store_true",
        help="run model-written code outside an HF Job (subprocess judge: temp folder, no network, rlimits, timeouts)",
    )
    parser.add_argument(
        "--dataset-file",
        action="append",
        default=[],
        metavar="[TASK=]PATH",
        help="local JSONL in the task's record format instead of the Hub dataset (TASK=PATH for several tasks)",
    )
    parser.add_argument(
        "--mock-responses",
        help='JSON for --backend mock: {"rules": [{"match", "output"}], "default"}',
    )
    parser.add_argument(
        "--secret",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="accepted for `hf jobs uv run ... --secret HF_TOKEN=...` (unsafe: use hf's --secrets HF_TOKEN)",
    )
    parser.add_argument(
        "--display", default="none", help="inspect display: none (default), plain, rich, full, log"
    )
    parser.add_argument(
        "--list-tasks", action="store_true", help="print the task table as JSON and exit"
    )
    return parser


# --------------------------------------------------------------------------------------
# Environment: job, GPU, packages, models
# --------------------------------------------------------------------------------------


def in_hf_job(environ: dict[str, str] | None = None, *, in_container: bool | None = None) -> bool:
    """True inside an HF Jobs container: JOB_ID is set there (huggingface_hub docs, "Jobs"),
    and we also require a container so that a stray JOB_ID on a laptop is not enough."""
    environ = dict(os.environ if environ is None else environ)
    if not environ.get("JOB_ID"):
        return False
    if in_container is None:
        in_container = running_in_container(environ)
    return in_container


def running_in_container(environ: dict[str, str]) -> bool:
    if environ.get("KUBERNETES_SERVICE_HOST") or Path("/.dockerenv").exists():
        return True
    try:
        cgroup = Path("/proc/1/cgroup").read_text(errors="ignore")
    except OSError:
        return False
    return any(marker in cgroup for marker in ("kubepods", "docker", "containerd"))


def gpu_count() -> int:
    """GPUs visible through nvidia-smi (no torch needed, so it works before any install)."""
    if os.environ.get("CUDA_VISIBLE_DEVICES", None) in ("", "-1"):
        return 0
    exe = shutil.which("nvidia-smi")
    if not exe:
        # some container images get the device nodes but not the tool
        return sum(1 for p in Path("/dev").glob("nvidia[0-9]*") if p.name[6:].isdigit())
    try:
        out = subprocess.run([exe, "-L"], capture_output=True, text=True, timeout=20)
    except (OSError, subprocess.TimeoutExpired):
        return 0
    return (
        sum(1 for line in out.stdout.splitlines() if line.startswith("GPU "))
        if out.returncode == 0
        else 0
    )


def importable(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def choose_backend(requested: str, gpus: int, vllm_available: bool) -> str:
    if requested != "auto":
        return requested
    if gpus > 0:
        return "vllm" if vllm_available else "transformers"
    return "inference-providers"


BACKEND_PACKAGES: dict[str, tuple[tuple[str, str], ...]] = {
    "transformers": (
        ("torch", "torch"),
        ("transformers", "transformers"),
        ("accelerate", "accelerate"),
    ),
    "vllm": (("vllm", "vllm"),),
    "inference-providers": (("openai", "openai>=3.4"),),
    "mock": (),
}


def inspect_model_name(backend: str, model: str) -> str:
    prefix = {
        "inference-providers": "hf-inference-providers",
        "transformers": "hf",
        "vllm": "vllm",
    }.get(backend)
    if backend == "mock":
        return "mockllm/model"
    if prefix is None:
        raise UsageError(f"unknown backend {backend!r}")
    return f"{prefix}/{model}"


def ensure_packages(needed: list[tuple[str, str]], argv: list[str], warn) -> None:
    """Install what a backend/task needs by re-running this script under `uv run --with ...`.

    Why re-exec rather than pip-installing into the running interpreter: uv resolves the
    script's own dependencies and the extra ones together (no version clash with
    inspect-ai's pins), and the cached environment is reused by later runs.
    """
    missing = [req for module, req in needed if not importable(module)]
    missing = list(dict.fromkeys(missing))
    if not missing:
        return
    hint = " ".join(f"--with {shlex.quote(m)}" for m in missing)
    if os.environ.get(REEXEC_MARKER):
        raise UsageError(f"still missing after installing: {', '.join(missing)}")
    uv = shutil.which("uv")
    script = Path(__file__).resolve()
    if not uv:
        raise UsageError(
            f"missing packages {', '.join(missing)}; run: uv run {hint} {script.name} ..."
        )
    warn(f"installing {', '.join(missing)} for this run (uv run {hint})")
    command = reexec_command(uv, missing, script, argv)
    env = dict(os.environ, **{REEXEC_MARKER: "1"})
    sys.stdout.flush()
    sys.stderr.flush()
    os.execvpe(uv, command, env)


def reexec_command(uv: str, missing: list[str], script: Path, argv: list[str]) -> list[str]:
    """`uv run --with PKG ... script args`; --secret values stay in the environment, not argv."""
    return [
        uv,
        "run",
        *[a for m in missing for a in ("--with", m)],
        str(script),
        *strip_secret_args(argv),
    ]


def hub_model_facts(model: str, revision: str | None, token: str | None) -> dict[str, Any]:
    """Commit sha and chat template presence, read before any weights are loaded (fail early)."""
    from huggingface_hub import HfApi, hf_hub_download
    from huggingface_hub.errors import GatedRepoError, RepositoryNotFoundError

    repo_id = model.split(":", 1)[0]
    api = HfApi(token=token)
    try:
        info = api.model_info(repo_id, revision=revision)
    except GatedRepoError as error:
        raise UsageError(
            f"{repo_id} is gated: accept its licence on the Hub and pass a token with access "
            "(hf jobs uv run --secrets HF_TOKEN ...)"
        ) from error
    except RepositoryNotFoundError as error:
        raise UsageError(f"{repo_id} not found on the Hub (or private without a token)") from error
    files = {s.rfilename for s in (info.siblings or [])}
    chat_template: bool | None = None
    if "chat_template.jinja" in files or "chat_template.json" in files:
        chat_template = True
    elif "tokenizer_config.json" in files:
        try:
            path = hf_hub_download(repo_id, "tokenizer_config.json", revision=info.sha, token=token)
            config = json.loads(Path(path).read_text(encoding="utf-8"))
            chat_template = bool(config.get("chat_template"))
        except GatedRepoError as error:
            raise UsageError(
                f"{repo_id} is gated: pass a token with access (--secrets HF_TOKEN)"
            ) from error
        except Exception:  # noqa: BLE001 - unknown is a valid answer here
            chat_template = None
    safetensors = getattr(info, "safetensors", None)
    return {
        "id": repo_id,
        "revision": info.sha,
        "requested_revision": revision,
        "chat_template": chat_template,
        "parameters": getattr(safetensors, "total", None) if safetensors else None,
        "gated": getattr(info, "gated", None),
    }


def transformers_dtype_arg() -> str:
    """from_pretrained's dtype keyword: `dtype` since transformers 4.56, `torch_dtype` before."""
    version = package_version("transformers") or "0"
    parts = [int(p) for p in re.findall(r"\d+", version)[:2]] + [0, 0]
    return "dtype" if tuple(parts[:2]) >= (4, 56) else "torch_dtype"


def local_model_facts(folder: Path) -> dict[str, Any]:
    """Chat template presence of a model folder on disk (no revision: it is not on the Hub)."""
    config_path = folder / "tokenizer_config.json"
    chat_template: bool | None = None
    if (folder / "chat_template.jinja").exists():
        chat_template = True
    elif config_path.exists():
        try:
            chat_template = bool(
                json.loads(config_path.read_text(encoding="utf-8")).get("chat_template")
            )
        except (OSError, json.JSONDecodeError):
            chat_template = None
    return {
        "id": str(folder),
        "revision": None,
        "requested_revision": None,
        "chat_template": chat_template,
    }


def model_display_name(model: str) -> str:
    """The name inspect gets: a local folder's name (its path goes in model_path), else the id."""
    return f"local/{Path(model).name}" if Path(model).is_dir() else model


def base_model_plan(
    model: str, chat_template: bool | None, backend: str, specs: list[TaskSpec]
) -> tuple[str, str | None]:
    """How to prompt a model: ("chat" | "completion", advice to print). Raises for a base
    model on inference providers, which serve chat models only — before any work starts."""
    if chat_template is not False:
        return "chat", None
    if backend == "inference-providers":
        raise UsageError(
            f"{model} has no chat template (a base model): inference providers serve chat models. "
            "Run it on a GPU (--backend transformers or vllm; run-eval --flavor a10g-small)"
        )
    unsuited = [s.name for s in specs if not s.base_model_fit]
    suited = ", ".join(n for n in task_names() if TASKS[n].base_model_fit)
    advice = (
        f"{model} has no chat template (a base model): prompting it with a plain completion prompt."
    )
    if unsuited:
        verb = "uses" if len(unsuited) == 1 else "use"
        advice += (
            f" {', '.join(unsuited)} {verb} an instruction prompt that base models follow poorly;"
            f" few-shot tasks suit them better: {suited}"
        )
    return "completion", advice


# A plain completion prompt for models without a chat template: messages are joined
# as text, so few-shot turns read like a document the model continues.
COMPLETION_TEMPLATE = (
    "{% for message in messages %}{{ message['content'] }}"
    "{% if not loop.last %}\n\n{% endif %}{% endfor %}"
    "{% if add_generation_prompt %}\n{% endif %}"
)


# --------------------------------------------------------------------------------------
# Code judge: model-written code in a subprocess
# --------------------------------------------------------------------------------------


@dataclass
class JudgeResult:
    passed: bool
    status: str  # passed | failed | timeout | error
    detail: str = ""
    tests_run: int = 0
    tests_total: int = 0
    isolation: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "passed": self.passed,
            "status": self.status,
            "detail": self.detail,
            "tests_run": self.tests_run,
            "tests_total": self.tests_total,
            "isolation": self.isolation,
        }


@dataclass(frozen=True)
class JudgeLimits:
    per_test_timeout: float = 6.0
    total_timeout: float = 60.0
    memory_mb: int = 2048
    max_output_mb: int = 16


# Runs inside the child before any model code: limits, then an audit hook that refuses
# sockets, subprocesses, native code loading and writes outside the working folder.
# Audit hooks cannot be removed once added; together with a network namespace (when
# the kernel allows one) and rlimits this contains accidents and careless code. It is
# not a boundary against code written to escape a Python sandbox.
#
# The verdict is the parent's, not the child's: the child only reports what it saw
# (each test's output or return value, or that the program ran to its end), one record
# per line on stdout, each prefixed with a per-run nonce it reads from stdin before any
# model code runs. The expected outputs never enter the child, and the parent compares
# them itself, so code that patches the comparison, prints a fake verdict or writes to
# an inherited descriptor (there is none) cannot turn a wrong answer into a pass. In
# "script" mode (HumanEval: the checks are part of the program) a pass is the nonce'd
# "done" record the harness writes only after the whole program returned normally;
# SystemExit before the end is a failure.
_HARNESS = r'''
import io, json, os, resource, signal, sys

def _limits(cfg):
    mem = cfg["memory_mb"] * 1024 * 1024
    for name, value in (("RLIMIT_AS", mem), ("RLIMIT_FSIZE", cfg["max_output_mb"] * 1024 * 1024),
                        ("RLIMIT_CORE", 0), ("RLIMIT_NOFILE", 64),
                        ("RLIMIT_CPU", int(cfg["total_timeout"]) + 1)):
        try:
            resource.setrlimit(getattr(resource, name), (value, value))
        except (ValueError, OSError, AttributeError):
            pass

def _hook_factory(workdir):
    workdir = os.path.realpath(workdir)
    real = os.path.realpath
    blocked = ("socket.__new__", "socket.connect", "socket.bind", "socket.getaddrinfo",
               "subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn",
               "os.fork", "os.forkpty", "os.kill", "os.killpg", "pty.spawn", "ctypes.dlopen",
               "ctypes.dlsym", "ctypes.addressof", "ctypes.cdata", "mmap.__new__", "sys.remote_exec",
               "gc.get_objects", "gc.get_referrers", "gc.get_referents", "sys._current_frames")
    path_events = ("os.remove", "os.rename", "os.rmdir", "os.mkdir", "os.chmod", "os.chown",
                   "os.link", "os.symlink", "os.truncate", "os.utime", "shutil.rmtree", "shutil.move",
                   "shutil.copyfile", "os.replace")
    def inside(path):
        try:
            if isinstance(path, int):
                return True  # descriptors carry no authority: the verdict is nonce'd
            path = os.fsdecode(path)
            if path in ("/dev/null",):
                return True
            full = real(path if os.path.isabs(path) else os.path.join(workdir, path))
            return full == workdir or full.startswith(workdir + os.sep)
        except Exception:
            return False
    def hook(event, args):
        if event in blocked:
            raise PermissionError(f"blocked by the code judge: {event}")
        if event == "open":
            path, mode, flags = (list(args) + [None, None, None])[:3]
            writing = False
            if isinstance(mode, str):
                writing = any(c in mode for c in "wax+")
            if isinstance(flags, int):
                writing = writing or bool(flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC))
            if writing and not inside(path):
                raise PermissionError(f"blocked by the code judge: writing {path!r} outside the working folder")
        elif event in path_events:
            for candidate in args[:2]:
                if isinstance(candidate, (str, bytes, os.PathLike)) and not inside(candidate):
                    raise PermissionError(f"blocked by the code judge: {event} outside the working folder")
    return hook

class _Timeout(BaseException):
    pass

def _alarm(signum, frame):
    raise _Timeout()

PRELUDE = """from typing import *
from collections import *
from heapq import *
from bisect import *
from itertools import *
from functools import *
from math import *
import math, heapq, bisect, itertools, functools, collections, string, re, sys, copy, random, statistics, operator
sys.setrecursionlimit(50000)
"""

def _run_with_io(code_obj, stdin_text, per_test, exits_ok=True):
    stdin = io.TextIOWrapper(io.BytesIO(stdin_text.encode()), encoding="utf-8")
    out_buf = io.BytesIO()
    stdout = io.TextIOWrapper(out_buf, encoding="utf-8", write_through=True)
    old_in, old_out = sys.stdin, sys.stdout
    sys.stdin, sys.stdout = stdin, stdout
    signal.setitimer(signal.ITIMER_REAL, per_test)
    try:
        try:
            exec(code_obj, {"__name__": "__main__", "__builtins__": __builtins__})
        except SystemExit as exit_:
            if not exits_ok or exit_.code not in (None, 0):
                raise
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        sys.stdin, sys.stdout = old_in, old_out
    stdout.flush()
    return out_buf.getvalue().decode("utf-8", errors="replace")

def _read_nonce():
    data = b""
    while not data.endswith(b"\n") and len(data) < 128:
        chunk = os.read(0, 128)
        if not chunk:
            break
        data += chunk
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    return data.strip()

def main():
    nonce = _read_nonce()
    write = os.write  # bound before model code can replace it
    dumps = json.JSONEncoder(ensure_ascii=False).encode
    def emit(payload):
        write(1, b"\n" + nonce + b" " + payload.encode("utf-8", "replace") + b"\n")
    job_path = sys.argv[1]
    with open(job_path, encoding="utf-8") as handle:
        job = json.load(handle)
    os.remove(job_path)
    cfg = job["limits"]
    _limits(cfg)
    signal.signal(signal.SIGALRM, _alarm)
    sys.addaudithook(_hook_factory(os.getcwd()))
    inputs = job.get("inputs") or []
    per_test = float(cfg["per_test_timeout"])
    max_output = int(cfg["max_output_mb"]) * 1024 * 1024
    done = b"\n" + nonce + b" done\n"
    test = 0
    try:
        if job["mode"] == "script":
            # No SystemExit is swallowed here: exiting early skips the checks at the end.
            _run_with_io(compile(job["code"], "<solution>", "exec"), "", per_test, exits_ok=False)
            write(1, done)
        elif job["mode"] == "stdin":
            code_obj = compile(PRELUDE + job["code"], "<solution>", "exec")
            for test, text in enumerate(inputs):
                got = _run_with_io(code_obj, text, per_test)
                if len(got) > max_output:
                    raise MemoryError("output limit exceeded")
                emit(dumps({"test": test, "stdout": got}))
        elif job["mode"] == "functional":
            namespace = {"__name__": "solution"}
            signal.setitimer(signal.ITIMER_REAL, per_test)
            try:
                exec(compile(PRELUDE + job["code"], "<solution>", "exec"), namespace)
            finally:
                signal.setitimer(signal.ITIMER_REAL, 0)
            func_name = job["func_name"]
            for test, text in enumerate(inputs):
                args = [json.loads(line) for line in text.split("\n") if line.strip()]
                signal.setitimer(signal.ITIMER_REAL, per_test)
                try:
                    if "Solution" in namespace:
                        got = getattr(namespace["Solution"](), func_name)(*args)
                    else:
                        got = namespace[func_name](*args)
                finally:
                    signal.setitimer(signal.ITIMER_REAL, 0)
                emit(dumps({"test": test, "result": dumps(got)}))
        else:
            emit(dumps({"status": "error", "detail": "unknown judge mode"}))
    except _Timeout:
        emit('{"status": "timeout", "test": %d}' % test)
    except SystemExit as exit_:
        detail = "SystemExit: %s" % str(exit_.code)[:100]
        if job["mode"] == "script":
            detail += " (the program exited before its checks finished)"
        emit(dumps({"status": "failed", "detail": detail}))
    except MemoryError:
        emit('{"status": "failed", "detail": "memory limit exceeded"}')
    except BaseException as error:
        emit(dumps({"status": "failed", "detail": f"{type(error).__name__}: {str(error)[:300]}"}))
    os._exit(0)

main()
'''


_NETNS_OK: bool | None = None


def _network_namespace_prefix() -> list[str]:
    """`unshare -rn` gives the child an empty network namespace where the kernel allows it."""
    global _NETNS_OK
    exe = shutil.which("unshare")
    if not exe:
        return []
    if _NETNS_OK is None:
        try:
            _NETNS_OK = (
                subprocess.run([exe, "-rn", "true"], capture_output=True, timeout=10).returncode
                == 0
            )
        except (OSError, subprocess.TimeoutExpired):
            _NETNS_OK = False
    return [exe, "-rn"] if _NETNS_OK else []


def same_output(got: str, want: str) -> bool:
    """LiveCodeBench's stdin comparison: lines right-stripped, equal tokens or equal numbers."""
    g = [line.rstrip() for line in got.strip().splitlines()]
    w = [line.rstrip() for line in want.strip().splitlines()]
    if g == w:
        return True
    if len(g) != len(w):
        return False
    from decimal import Decimal, InvalidOperation

    for a, b in zip(g, w, strict=True):
        ta, tb = a.split(), b.split()
        if ta == tb:
            continue
        if len(ta) != len(tb):
            return False
        for x, y in zip(ta, tb, strict=True):
            if x == y:
                continue
            try:
                if Decimal(x) != Decimal(y):
                    return False
            except (InvalidOperation, ValueError):
                return False
    return True


def _same_return(reported: Any, want: str) -> bool:
    """A functional test: the child's JSON text of the return value against the expected JSON."""
    if not isinstance(reported, str):
        return False
    try:
        return json.loads(reported) == json.loads(want)
    except (json.JSONDecodeError, TypeError):
        return False


_EOF = object()


class _RecordReader(threading.Thread):
    """Reads the child's stdout; keeps only the lines that carry this run's nonce.

    Bounded: other lines are dropped as they arrive, and a line longer than `line_cap`
    (one test's output is at most max_output_mb) cuts the child off ("overflow")."""

    def __init__(self, stream, nonce: bytes, line_cap: int):
        super().__init__(daemon=True)
        self.stream, self.prefix, self.line_cap = stream, nonce + b" ", line_cap
        self.records: queue.Queue = queue.Queue()

    def run(self) -> None:
        pending = bytearray()
        try:
            while chunk := self.stream.read1(1 << 20):
                if b"\n" not in chunk:
                    pending += chunk
                else:
                    first, *lines, rest = chunk.split(b"\n")
                    for line in (bytes(pending + first), *lines):
                        if line.startswith(self.prefix):
                            self.records.put(line[len(self.prefix) :])
                    pending = bytearray(rest)
                if len(pending) > self.line_cap:
                    self.records.put("overflow")
                    return
        except (OSError, ValueError):
            pass
        self.records.put(_EOF)


def _tail_reader(stream, keep: int = 4096) -> tuple[threading.Thread, list[bytes]]:
    """Drains a stream in a thread, keeping its last `keep` bytes."""
    box = [b""]

    def drain() -> None:
        with contextlib.suppress(OSError, ValueError):
            while chunk := stream.read1(65536):
                box[0] = (box[0] + chunk)[-keep:]

    thread = threading.Thread(target=drain, daemon=True)
    thread.start()
    return thread, box


def judge_program(
    code: str,
    *,
    mode: str,
    tests: list[dict[str, str]] | None = None,
    func_name: str | None = None,
    limits: JudgeLimits = JudgeLimits(),
) -> JudgeResult:
    """Run model-written code in a fresh temp folder with no network and resource limits.

    mode "script": pass iff the code runs to the end (HumanEval: prompt + completion + checks);
    "stdin": each test's input on stdin, output compared line by line (LiveCodeBench stdin);
    "functional": call Solution().<func_name>(*args) per test (LiveCodeBench LeetCode).
    The child gets the inputs only; this process compares, and stops the child at the
    first wrong answer.
    """
    tests = tests or []
    if mode != "script" and not tests:
        return JudgeResult(False, "error", "no tests to run", 0, 1, "")
    total = 1 if mode == "script" else len(tests) or 1
    nonce = token_hex(16).encode()
    with tempfile.TemporaryDirectory(prefix="judge-") as workdir:
        job_path = Path(workdir) / ".job.json"
        harness_path = Path(workdir) / ".harness.py"
        job_path.write_text(
            json.dumps(
                {
                    "mode": mode,
                    "code": code,
                    "inputs": [t["input"] for t in tests],
                    "func_name": func_name,
                    "limits": limits.__dict__,
                }
            ),
            encoding="utf-8",
        )
        harness_path.write_text(_HARNESS, encoding="utf-8")
        env = {
            "PATH": "/usr/bin:/bin",
            "LANG": "C.UTF-8",
            "PYTHONDONTWRITEBYTECODE": "1",
            "PYTHONHASHSEED": "0",
            "HOME": workdir,
            "TMPDIR": workdir,
        }
        prefix = _network_namespace_prefix()
        isolation = "netns+audit-hook+rlimits" if prefix else "audit-hook+rlimits"
        command = [*prefix, sys.executable, "-I", "-B", str(harness_path), str(job_path)]
        timeout = min(limits.total_timeout, limits.per_test_timeout * max(1, len(tests)) + 5.0)
        proc = subprocess.Popen(
            command,
            cwd=workdir,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
        # Popen with PIPE always gives the three streams.
        assert proc.stdin is not None and proc.stdout is not None and proc.stderr is not None
        try:
            with contextlib.suppress(OSError):
                proc.stdin.write(nonce + b"\n")
                proc.stdin.close()
            reader = _RecordReader(proc.stdout, nonce, line_cap=limits.max_output_mb * 4 << 20)
            reader.start()
            stderr_thread, stderr_tail = _tail_reader(proc.stderr)
            outcome = _verdict_from_records(
                reader, mode, tests, timeout=timeout, per_test=limits.per_test_timeout
            )
        finally:
            _kill_group(proc)
            for stream in (proc.stdout, proc.stderr):
                with contextlib.suppress(OSError):
                    stream.close()
    if outcome is None:  # the child ended without a verdict: it crashed or was killed
        stderr_thread.join(timeout=1)
        tail = stderr_tail[0].decode("utf-8", errors="replace").strip().splitlines()[-1:] or [""]
        status = "timeout" if proc.returncode in (-9, -24, 137, 152) else "error"
        detail = f"judge exited with {proc.returncode}: {tail[0][:200]}".strip()
        return JudgeResult(False, status, detail, 0, total, isolation)
    status, detail, tests_run = outcome
    return JudgeResult(status == "passed", status, detail, tests_run, total, isolation)


def _verdict_from_records(
    reader: _RecordReader,
    mode: str,
    tests: list[dict[str, str]],
    *,
    timeout: float,
    per_test: float,
) -> tuple[str, str, int] | None:
    """(status, detail, tests run) from the child's nonce'd records; None if it died silently."""
    deadline = time.monotonic() + timeout
    compared = 0
    while True:
        remaining = deadline - time.monotonic()
        try:
            if remaining <= 0:
                raise queue.Empty
            item = reader.records.get(timeout=remaining)
        except queue.Empty:
            return "timeout", f"exceeded {timeout:g}s in total", compared
        if item is _EOF:
            return None
        if item == "overflow":
            return "failed", "output limit exceeded", compared
        if mode == "script" and item == b"done":
            return "passed", "", 1
        try:
            record = json.loads(item)
        except (json.JSONDecodeError, UnicodeDecodeError):
            continue
        if not isinstance(record, dict):
            continue
        if record.get("status") == "timeout":
            test = int(record.get("test") or 0)
            return "timeout", f"test {test + 1} exceeded {per_test:g}s", compared
        if record.get("status") in ("failed", "error"):
            return str(record["status"]), str(record.get("detail", ""))[:400], compared
        if mode == "script" or record.get("test") != compared or compared >= len(tests):
            continue
        want = tests[compared]["output"]
        ok = (
            same_output(str(record.get("stdout", "")), want)
            if mode == "stdin"
            else _same_return(record.get("result"), want)
        )
        compared += 1
        if not ok:
            return "failed", f"wrong answer on test {compared}", compared
        if compared == len(tests):
            return "passed", "", compared


def _kill_group(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, 9)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(timeout=5)


_JUDGE_SLOTS = threading.BoundedSemaphore(max(1, min(8, os.cpu_count() or 2)))


def judge_in_slot(code: str, **kwargs: Any) -> JudgeResult:
    """judge_program with at most one judge per CPU (scorers run concurrently)."""
    with _JUDGE_SLOTS:
        return judge_program(code, **kwargs)


def code_execution_allowed(
    flag: bool, environ: dict[str, str] | None = None, *, in_container: bool | None = None
) -> bool:
    return flag or in_hf_job(environ, in_container=in_container)


def extract_code(completion: str, language: str = "python") -> str | None:
    """The last fenced block labelled for the language, else the last unlabelled one (LiveCodeBench rule)."""
    blocks = re.findall(r"```[ \t]*([A-Za-z0-9_+-]*)[^\n]*\n(.*?)```", completion, flags=re.DOTALL)
    labelled = [body for tag, body in blocks if tag.lower() in (language, "py", "python3")]
    if labelled:
        return labelled[-1]
    plain = [body for tag, body in blocks if not tag]
    return plain[-1] if plain else None


def humaneval_answer(completion: str) -> str:
    """inspect-evals' find_code: the code block if any (body after the signature), else the text."""
    block = extract_code(completion)
    if block is None:
        return completion
    block = block.replace("\r\n", "\n")
    return block[block.find(":\n    ") + 2 :]


class _NoGlobalsUnpickler(pickle.Unpickler):
    """LiveCodeBench stores private tests as pickled JSON strings; allow data, never code."""

    def find_class(self, module: str, name: str):  # noqa: D401
        raise pickle.UnpicklingError(f"refusing to load {module}.{name} from dataset tests")


def decode_lcb_tests(value: Any) -> list[dict[str, str]]:
    if value in (None, ""):
        return []
    if isinstance(value, list):
        return value
    try:
        return json.loads(value)
    except (json.JSONDecodeError, TypeError):
        pass
    raw = zlib.decompress(base64.b64decode(value))
    obj = _NoGlobalsUnpickler(__import__("io").BytesIO(raw)).load()
    if isinstance(obj, bytes):
        obj = obj.decode("utf-8")
    return json.loads(obj) if isinstance(obj, str) else obj


# --------------------------------------------------------------------------------------
# Data sources: the Hub (pinned revision) or a local file in the task's record format
# --------------------------------------------------------------------------------------


@dataclass
class DataSource:
    """Where a builtin task reads its records. Local files hold all splits, told apart by
    an optional "split" field (rows without it belong to the task's main split)."""

    spec: TaskSpec
    file: str | None = None
    revision: str | None = None
    _rows: list[dict[str, Any]] | None = field(default=None, repr=False)

    @property
    def is_local(self) -> bool:
        return self.file is not None

    def location(self) -> str:
        return str(Path(self.file).resolve()) if self.file else self.spec.dataset

    def rows(self, split: str | None = None) -> list[dict[str, Any]]:
        if self._rows is None:
            self._rows = _read_jsonl(self.file)
        main = self.spec.split
        wanted = split or main
        return [r for r in self._rows if r.get("split", main) == wanted]

    def dataset(self, record_to_sample, *, hf_split: str | None = None, hf_name: str | None = None,
                local_split: str | None = None, shuffle: bool = False, limit: int | None = None, name: str | None = None):  # fmt: skip
        """An inspect Dataset built with `record_to_sample`, from the file or the Hub."""
        from inspect_ai.dataset import MemoryDataset, hf_dataset

        if self.is_local:
            rows = self.rows(local_split)
            samples = []
            for row in rows[: limit or None]:
                sample = record_to_sample(row)
                if sample is not None:
                    samples.append(sample)
            return MemoryDataset(samples, name=name or self.spec.name, location=self.location())
        return hf_dataset(
            path=self.spec.dataset,
            name=hf_name if hf_name is not None else self.spec.config,
            split=hf_split or self.spec.split,
            sample_fields=record_to_sample,
            shuffle=shuffle,
            seed=42 if shuffle else None,
            limit=limit,
            revision=self.revision or self.spec.revision,
        )


def _read_jsonl(path: str | None) -> list[dict[str, Any]]:
    if not path:
        return []
    rows: list[dict[str, Any]] = []
    text = Path(path).read_text(encoding="utf-8")
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as error:
            raise UsageError(f"{path}:{number}: not JSON ({error.msg})") from error
    return rows


def file_sha256(path: str) -> str:
    return "sha256:" + hashlib.sha256(Path(path).read_bytes()).hexdigest()


# --------------------------------------------------------------------------------------
# Builtin tasks (inspect-evals' record formats, prompts, solvers and scorers)
# --------------------------------------------------------------------------------------

# Prompt texts below are those of inspect-evals 0.26.0 (MIT), kept identical so that a
# builtin run and an inspect-evals run of the same task ask the same question.
MATH_PROMPT_TEMPLATE = """
Solve the following math problem step by step. The last line of your response should be of the form "ANSWER: $ANSWER" (without quotes) where $ANSWER is the answer to the problem.

{prompt}

Remember to put your answer on its own line at the end in the form "ANSWER: $ANSWER" (without quotes) where $ANSWER is the answer to the problem, and you do not need to use a \\boxed command.

Reasoning:
""".strip()

AIME_PROMPT_TEMPLATE = """
Solve the following math problem step by step.
The last line of your response should be of the form "ANSWER: $ANSWER" (without quotes) where $ANSWER is the answer to the problem.

{prompt}

Remember to put your answer on its own line at the end in the form "ANSWER: $ANSWER" (without quotes) where $ANSWER is the answer to the problem, and you do not need to use a \\boxed command.
""".strip()

MMLU_PRO_USER_TEMPLATE = """Answer the following multiple choice question. The last line of your response should be of the following format: 'ANSWER: $LETTER' (without quotes) where LETTER is one of {letters}. Think step by step before answering.

Question:
{question}
Options:
{choices}
""".strip()

HELLASWAG_SYSTEM = """
Choose the most plausible continuation for the story.
"""

HUMANEVAL_INSTRUCTION = """
Read the following function signature and docstring, and fully implement
the function described. Your response should only contain the code for
this function.\n
"""

LCB_SYSTEM = (
    "You are an expert Python programmer. You will be given a question (problem specification) "
    "and will generate a correct Python program that matches the specification and passes all tests."
)
LCB_WITH_STARTER = "You will use the following starter code to write the solution to the problem and enclose your code within delimiters."
LCB_WITHOUT_STARTER = (
    "Read the inputs from stdin solve the problem and write the answer to stdout (do not directly test on the "
    "sample inputs). Enclose your code within delimiters as follows. Ensure that when the python program runs, "
    "it reads the inputs, runs the algorithm and writes output to STDOUT."
)
LCB_RELEASE_FILES = {
    f"release_v{n}": [f"test{'' if i == 1 else i}.jsonl" for i in range(1, n + 1)]
    for n in range(1, 7)
}
LCB_RELEASE_FILES["release_latest"] = LCB_RELEASE_FILES["release_v6"]

BBH_MULTIPLE_CHOICE = [
    "date_understanding", "disambiguation_qa", "geometric_shapes", "hyperbaton",
    "logical_deduction_five_objects", "logical_deduction_seven_objects", "logical_deduction_three_objects",
    "movie_recommendation", "penguins_in_a_table", "reasoning_about_colored_objects", "ruin_names",
    "salient_translation_error_detection", "snarks", "temporal_sequences",
    "tracking_shuffled_objects_five_objects", "tracking_shuffled_objects_seven_objects",
    "tracking_shuffled_objects_three_objects",
]  # fmt: skip
BBH_BINARY = [
    "boolean_expressions",
    "causal_judgement",
    "formal_fallacies",
    "navigate",
    "sports_understanding",
    "web_of_lies",
]
BBH_EXACT = ["multistep_arithmetic_two", "object_counting", "word_sorting"]
BBH_DYCK = ["dyck_languages"]
BBH_KNOWN_BROKEN = {"ruin_names_100", "ruin_names_145"}


def stable_id(*fields: Any, prefix: str = "", length: int = 8) -> str:
    """inspect-evals' create_stable_id: sha256 of the fields joined by NUL."""
    content = "\x00".join(str(f) for f in fields)
    digest = hashlib.sha256(content.encode("utf-8")).hexdigest()[:length]
    return f"{prefix}_{digest}" if prefix else digest


# The registry. One builder per task family, registered under the TaskSpec.builtin names it
# implements, with the --task-args it accepts (anything else is refused before it builds).
# Builders import inspect_ai inside: loading this file (`--help`, `--list-tasks`, the
# evaluation manager reading TASKS) must not pay inspect's import time or need it installed.

BuildTask = Callable[[TaskSpec, DataSource, dict[str, Any]], "Task"]


@dataclass(frozen=True)
class BuiltinBuilder:
    """A registered builder: the function that makes the inspect Task, and its --task-args."""

    name: str
    build: BuildTask
    task_args: frozenset[str]


BUILTIN_BUILDERS: dict[str, BuiltinBuilder] = {}


def builtin_task(*names: str, task_args: Iterable[str] = ()) -> Callable[[BuildTask], BuildTask]:
    """Register the decorated function as the builder of each builtin name in `names`."""

    def register(build: BuildTask) -> BuildTask:
        for name in names:
            if name in BUILTIN_BUILDERS:
                raise ValueError(f"builtin task {name!r} is registered twice")
            BUILTIN_BUILDERS[name] = BuiltinBuilder(name, build, frozenset(task_args))
        return build

    return register


def build_builtin_task(spec: TaskSpec, source: DataSource, task_args: dict[str, Any]) -> Task:
    """The inspect Task for a builtin implementation."""
    builder = BUILTIN_BUILDERS.get(spec.builtin or "")
    if builder is None:
        raise UsageError(
            f"{spec.name} has no builtin implementation; it needs inspect-evals "
            "(run under `uv run`, which installs it)"
        )
    unknown = set(task_args) - builder.task_args
    if unknown:
        raise UsageError(
            f"{spec.name}: unknown --task-args {sorted(unknown)} "
            f"(allowed: {sorted(builder.task_args) or 'none'})"
        )
    return builder.build(spec, source, dict(task_args))


def task_metadata(
    spec: TaskSpec, source: DataSource, extra: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The Task's metadata: which friendly task and which data, for whoever reads the log."""
    return {
        "hfeval_task": spec.name,
        "implementation": "builtin",
        "dataset": source.location(),
        **(extra or {}),
    }


# -- MMLU --------------------------------------------------------------------------------


def mmlu_record(record: dict[str, Any]) -> Sample:
    from inspect_ai.dataset import Sample

    return Sample(
        input=record["question"],
        choices=record["choices"],
        target="ABCD"[int(record["answer"])],
        id=stable_id(record["question"], record["choices"], prefix="mmlu"),
        metadata={"subject": record["subject"]},
    )


def filter_subjects(dataset: Dataset, subjects: Any) -> Dataset:
    """-T subjects=x or subjects=[x, y]: keep those subjects (nothing given: all)."""
    subjects = subjects if isinstance(subjects, list) else [subjects] if subjects else []
    if not subjects:
        return dataset
    return dataset.filter(lambda s: (s.metadata or {}).get("subject") in subjects)


def _mmlu_task(spec: TaskSpec, source: DataSource, dataset: Dataset, name: str) -> Task:
    from inspect_ai import Task
    from inspect_ai.model import GenerateConfig
    from inspect_ai.scorer import choice
    from inspect_ai.solver import multiple_choice

    return Task(
        dataset=dataset,
        solver=multiple_choice(cot=False, max_tokens=16),
        scorer=choice(),
        config=GenerateConfig(temperature=0.0),
        metadata=task_metadata(spec, source),
        name=name,
    )


@builtin_task("mmlu", task_args={"subjects", "shuffle"})
def build_mmlu(spec: TaskSpec, source: DataSource, args: dict[str, Any]) -> Task:
    dataset = source.dataset(mmlu_record, shuffle=bool(args.get("shuffle", True)), name="mmlu")
    dataset = filter_subjects(dataset, args.get("subjects"))
    return _mmlu_task(spec, source, dataset, "mmlu_0_shot")


def format_mmlu_question(question: str, choices: list[str]) -> str:
    from inspect_ai.solver import MultipleChoiceTemplate

    letters = ",".join(chr(ord("a") + i) for i in range(len(choices)))
    formatted = "\n".join(f"({chr(ord('a') + i)}) {c}" for i, c in enumerate(choices))
    return MultipleChoiceTemplate.SINGLE_ANSWER.format(
        question=question, choices=formatted, letters=letters
    )


@builtin_task("mmlu_5_shot", task_args={"subjects", "shuffle"})
def build_mmlu_5_shot(spec: TaskSpec, source: DataSource, args: dict[str, Any]) -> Task:
    from inspect_ai.dataset import Sample
    from inspect_ai.model import ChatMessageAssistant, ChatMessageSystem, ChatMessageUser

    dev = list(source.dataset(mmlu_record, hf_split="dev", local_split="dev", name="mmlu-dev"))

    def record(rec: dict[str, Any]) -> Sample:
        subject_dev = [s for s in dev if (s.metadata or {}).get("subject") == rec["subject"]]
        messages: list[Any] = [
            ChatMessageSystem(
                content=f"The following are multiple choice questions about {rec['subject']}."
            )
        ]
        for s in subject_dev:
            messages.append(
                ChatMessageUser(content=format_mmlu_question(str(s.input), list(s.choices or [])))
            )
            messages.append(ChatMessageAssistant(content=f"Answer: {s.target}"))
        messages.append(ChatMessageUser(content=rec["question"]))
        return Sample(
            input=messages,
            choices=rec["choices"],
            target="ABCD"[int(rec["answer"])],
            id=stable_id(rec["subject"], rec["question"], rec["choices"], prefix="mmlu_5_shot"),
            metadata={"subject": rec["subject"]},
        )

    dataset = source.dataset(record, shuffle=bool(args.get("shuffle", True)), name="mmlu")
    dataset = filter_subjects(dataset, args.get("subjects"))
    return _mmlu_task(spec, source, dataset, "mmlu_5_shot")


# -- MMLU-Pro ----------------------------------------------------------------------------


def mmlu_pro_record(record: dict[str, Any]) -> Sample:
    from inspect_ai.dataset import Sample

    return Sample(
        input=record["question"],
        choices=record["options"],
        target=record["answer"],
        id=record["question_id"],
        metadata={
            "cot_content": record.get("cot_content", ""),
            "subject": str(record["category"]).lower(),
        },
    )


@builtin_task("mmlu_pro", task_args={"subjects", "shuffle"})
def build_mmlu_pro(spec: TaskSpec, source: DataSource, args: dict[str, Any]) -> Task:
    from inspect_ai import Task
    from inspect_ai.scorer import choice
    from inspect_ai.solver import multiple_choice

    dataset = source.dataset(
        mmlu_pro_record, shuffle=bool(args.get("shuffle", True)), name="mmlu_pro"
    )
    dataset = filter_subjects(dataset, args.get("subjects"))
    return Task(
        dataset=dataset,
        solver=[multiple_choice(template=MMLU_PRO_USER_TEMPLATE)],
        scorer=choice(),
        metadata=task_metadata(spec, source),
        name="mmlu_pro",
    )


# -- ARC, HellaSwag ----------------------------------------------------------------------


def arc_record(record: dict[str, Any]) -> Sample:
    from inspect_ai.dataset import Sample

    choices = dict(zip(record["choices"]["label"], record["choices"]["text"], strict=True))
    target = chr(ord("A") + list(choices).index(record["answerKey"]))
    return Sample(
        input=record["question"], choices=list(choices.values()), target=target, id=record["id"]
    )


@builtin_task("arc")
def build_arc(spec: TaskSpec, source: DataSource, args: dict[str, Any]) -> Task:
    from inspect_ai import Task
    from inspect_ai.scorer import choice
    from inspect_ai.solver import multiple_choice

    return Task(
        dataset=source.dataset(arc_record, name=spec.name),
        solver=multiple_choice(),
        scorer=choice(),
        metadata=task_metadata(spec, source),
        name=spec.name,
    )


def hellaswag_record(record: dict[str, Any]) -> Sample:
    from inspect_ai.dataset import Sample

    return Sample(
        id=stable_id(record["ctx"], record["source_id"], prefix="hellaswag"),
        input=record["ctx"],
        target=chr(ord("A") + int(record["label"])),
        choices=record["endings"],
        metadata={"source_id": record["source_id"]},
    )


@builtin_task("hellaswag", task_args={"shuffle"})
def build_hellaswag(spec: TaskSpec, source: DataSource, args: dict[str, Any]) -> Task:
    from inspect_ai import Task
    from inspect_ai.scorer import choice
    from inspect_ai.solver import multiple_choice, system_message

    return Task(
        dataset=source.dataset(
            hellaswag_record, shuffle=bool(args.get("shuffle", False)), name="hellaswag"
        ),
        solver=[system_message(HELLASWAG_SYSTEM), multiple_choice()],
        scorer=choice(),
        metadata=task_metadata(spec, source),
        name="hellaswag",
    )


# -- GPQA Diamond ------------------------------------------------------------------------


def gpqa_record(record: dict[str, Any]) -> Sample:
    from inspect_ai.dataset import Sample

    return Sample(
        input=record["Question"],
        choices=[
            str(record["Correct Answer"]),
            str(record["Incorrect Answer 1"]),
            str(record["Incorrect Answer 2"]),
            str(record["Incorrect Answer 3"]),
        ],
        target="A",
        id=record["Record ID"],
        metadata={
            "high_level_domain": record.get("High-level domain"),
            "subdomain": record.get("Subdomain"),
        },
    )


@builtin_task("gpqa_diamond", task_args={"cot", "shuffle_choices"})
def build_gpqa(spec: TaskSpec, source: DataSource, args: dict[str, Any]) -> Task:
    from inspect_ai import Task
    from inspect_ai.dataset import MemoryDataset
    from inspect_ai.scorer import choice
    from inspect_ai.solver import multiple_choice

    rows = source.rows() if source.is_local else _download_gpqa_rows(spec)
    samples = [gpqa_record(r) for r in rows]
    dataset = MemoryDataset(samples, name="gpqa_diamond", location=source.location())
    seed = args.get("shuffle_choices", 42)
    if seed is not False:
        dataset.shuffle_choices(seed=None if seed is True else int(seed))
    return Task(
        dataset=dataset,
        solver=multiple_choice(cot=bool(args.get("cot", True))),
        scorer=choice(),
        epochs=spec.epochs,
        metadata=task_metadata(spec, source),
        name="gpqa_diamond",
    )


# -- GSM8K -------------------------------------------------------------------------------


def gsm8k_record(record: dict[str, Any]) -> Sample:
    from inspect_ai.dataset import Sample

    parts = record["answer"].split("####")
    target = parts.pop().strip()
    return Sample(
        id=stable_id(record["question"], prefix="gsm8k"),
        input=record["question"],
        target=target,
        metadata={"reasoning": "####".join(parts).strip()},
    )


def gsm8k_fewshot(sample: Sample) -> str:
    return f"{sample.input}\n\nReasoning:\n{(sample.metadata or {})['reasoning']}\n\nANSWER: {sample.target}"


@builtin_task("gsm8k", task_args={"fewshot", "fewshot_seed", "shuffle_fewshot"})
def build_gsm8k(spec: TaskSpec, source: DataSource, args: dict[str, Any]) -> Task:
    from inspect_ai import Task
    from inspect_ai.scorer import match
    from inspect_ai.solver import generate, prompt_template, system_message

    fewshot = int(args.get("fewshot", 10) or 0)
    solvers: list[Any] = [prompt_template(MATH_PROMPT_TEMPLATE), generate()]
    if fewshot:
        shots = source.dataset(
            gsm8k_record,
            hf_split="train",
            local_split="train",
            shuffle=bool(args.get("shuffle_fewshot", True)) and not source.is_local,
            limit=fewshot,
            name="gsm8k-train",
        )
        shots = list(shots)[:fewshot]
        if len(shots) < fewshot:
            raise UsageError(
                f"gsm8k: {fewshot}-shot needs {fewshot} train rows, the data has {len(shots)}"
            )
        solvers.insert(0, system_message("\n\n".join(gsm8k_fewshot(s) for s in shots)))
    return Task(
        dataset=source.dataset(gsm8k_record, name="gsm8k"),
        solver=solvers,
        scorer=match(numeric=True),
        metadata=task_metadata(spec, source, {"fewshot": fewshot}),
        name="gsm8k",
    )


# -- AIME --------------------------------------------------------------------------------


def aime_answer_line(completion: str) -> str:
    """inspect-evals' AIME answer line: the last line that is not only $, *, - or #
    (markdown debris), with a \\boxed{} unwrapped."""
    lines = completion.strip().splitlines()
    last = lines[-1]
    for line in reversed(lines):
        if line.strip() and not re.match(r"^[\$\*\-#\s]*$", line):
            last = line
            break
    return re.sub(r"\\boxed\{(.+)\}", r"\1", last)


def aime_scorer() -> Scorer:
    """Numeric match at the end of the answer line. The matching is inspect's own `match`
    scorer (public API) applied to a copy of the state whose output is that line."""
    from inspect_ai.model import ModelOutput
    from inspect_ai.scorer import INCORRECT, Score, accuracy, match, scorer, stderr

    @scorer(metrics=[accuracy(), stderr()], name="aime_scorer")
    def aime_scorer_() -> Scorer:
        numeric_end = match(location="end", numeric=True)

        async def score(state: TaskState, target: Target) -> Score:
            raw = state.output.completion
            if not raw.strip():
                return Score(value=INCORRECT, explanation="Model produced empty completion")
            line_state = copy.copy(state)
            line_state.output = ModelOutput.from_content(
                model=state.output.model, content=aime_answer_line(raw)
            )
            matched = await numeric_end(line_state, target)
            if matched is None:
                return Score(value=INCORRECT, explanation=raw)
            return Score(value=matched.value, answer=matched.answer, explanation=raw)

        return score

    return aime_scorer_()


@builtin_task("aime2024", "aime2025")
def build_aime(spec: TaskSpec, source: DataSource, args: dict[str, Any]) -> Task:
    from inspect_ai import Task
    from inspect_ai.dataset import Sample
    from inspect_ai.solver import generate, prompt_template

    def record(r: dict[str, Any]) -> Sample:
        if spec.name == "aime2024":
            return Sample(
                id=r["ID"],
                input=r["Problem"],
                target=str(r["Answer"]),
                metadata={"solution": r.get("Solution")},
            )
        return Sample(id=r["id"], input=r["problem"], target=str(r["answer"]))

    return Task(
        dataset=source.dataset(record, name=spec.name),
        solver=[prompt_template(AIME_PROMPT_TEMPLATE), generate()],
        scorer=[aime_scorer()],
        metadata=task_metadata(spec, source),
        name=spec.name,
    )


# -- BBH ---------------------------------------------------------------------------------


def bbh_kind(subset: str) -> str:
    if subset in BBH_MULTIPLE_CHOICE:
        return "multiple_choice"
    if subset in BBH_BINARY:
        return "binary"
    if subset in BBH_EXACT:
        return "exact"
    if subset in BBH_DYCK:
        return "dyck"
    raise UsageError(f"bbh: unknown subset {subset!r}")


def bbh_prompt(subset: str, prompt_type: str, prompt_rows: dict[str, dict[str, str]]) -> str:
    if subset == "word_sorting":
        explanation = "<a space-separated list of words>"
    elif subset == "web_of_lies":
        explanation = "<yes/no>"
    else:
        explanation = "<one-word answer>"
    extra = (
        f"Make sure you output your answer on the last line as 'ANSWER: {explanation}'. "
        "You can output multiple lines, but the answer has to be on the last line. \n\n"
    )
    if prompt_type == "zero_shot":
        return "" if subset in BBH_MULTIPLE_CHOICE else extra
    row = prompt_rows.get(subset)
    if row is None:
        raise UsageError(f"bbh: no few-shot prompt for subset {subset!r}")
    text = row[f"{prompt_type}_prompt"]
    return text if subset in BBH_MULTIPLE_CHOICE else extra + text


def bbh_sample(subset: str, record: dict[str, Any], prompt: str) -> Sample:
    from inspect_ai.dataset import Sample

    kind = bbh_kind(subset)
    meta = {"dataset_type": kind, "dataset_name": subset}
    if kind == "multiple_choice":
        sample = Sample(
            input=record["question"],
            choices=[str(t) for t in record["choices"]["text"]],
            target=record["target"],
            id=stable_id(record["question"], prefix="bbh"),
            metadata=meta,
        )
    elif kind == "binary":
        sample = Sample(input=record["question"], target=record["target"].strip(), metadata=meta)
    elif kind == "exact":
        sample = Sample(input=record["question"], target=record["target"], metadata=meta)
    else:
        sample = Sample(
            input=record["question"], target=f"ANSWER: {record['target']}", metadata=meta
        )
    if prompt:
        if kind == "multiple_choice":
            sample.input = f"{prompt}\n\nQUESTION: {sample.input}\nOPTIONS:"
        else:
            sample.input = f"{prompt}\n\nQUESTION: {sample.input}"
    return sample


def bbh_solver() -> Solver:
    """multiple_choice for the multiple-choice subsets, plain generate for the others."""
    from inspect_ai.solver import generate, multiple_choice, solver

    @solver(name="bbh_solver")
    def bbh_solver_() -> Solver:
        mc = multiple_choice()
        gen = generate()

        async def solve(state: TaskState, generate: Generate) -> TaskState:
            if state.metadata["dataset_type"] == "multiple_choice":
                return await mc(state, generate)
            return await gen(state, generate)

        return solve

    return bbh_solver_()


def bbh_scorer() -> Scorer:
    """Each subset kind's inspect-evals scorer; accuracy grouped by subset."""
    from inspect_ai.scorer import accuracy, answer, choice, grouped, match, scorer, stderr

    @scorer(metrics=[grouped(accuracy(), "dataset_name"), stderr()], name="bbh_scorer")
    def bbh_scorer_() -> Scorer:
        choice_score = choice()
        answer_score = answer(pattern="word")
        match_score = match(location="end")

        async def score(state: TaskState, target: Target) -> Score | None:
            kind = state.metadata["dataset_type"]
            if kind == "multiple_choice":
                return await choice_score(state, target)
            if kind == "binary":
                return await answer_score(state, target)
            return await match_score(state, target)

        return score

    return bbh_scorer_()


def _bbh_hub_records(
    spec: TaskSpec, source: DataSource, subsets: list[str], prompt_type: str
) -> tuple[dict[str, list[dict[str, Any]]], dict[str, dict[str, str]]]:
    """Records per subset and few-shot prompt rows per subset, from the pinned Hub dataset."""
    from datasets import load_dataset

    revision = source.revision or spec.revision
    prompt_rows = {}
    if prompt_type != "zero_shot":
        rows = load_dataset(
            spec.dataset, name="few_shot_prompts", split="few_shot_prompts", revision=revision
        )
        prompt_rows = {r["dataset_name"]: r for r in rows}
    by_subset = {
        s: list(load_dataset(spec.dataset, name=s, split=s, revision=revision)) for s in subsets
    }
    return by_subset, prompt_rows


@builtin_task("bbh", task_args={"subset_name", "prompt_type"})
def build_bbh(spec: TaskSpec, source: DataSource, args: dict[str, Any]) -> Task:
    from inspect_ai import Task
    from inspect_ai.dataset import MemoryDataset
    from inspect_ai.model import GenerateConfig

    prompt_type = str(args.get("prompt_type", "answer_only")).lower()
    if prompt_type not in ("zero_shot", "answer_only", "chain_of_thought"):
        raise UsageError("bbh: prompt_type must be zero_shot, answer_only or chain_of_thought")
    subset_arg = args.get("subset_name")
    if source.is_local:
        records = [r for r in source.rows(None) if "subset" in r]
        prompt_rows = {r["dataset_name"]: r for r in source.rows("few_shot_prompts")}
        subsets = [subset_arg] if subset_arg else list(dict.fromkeys(r["subset"] for r in records))
        by_subset = {s: [r for r in records if r["subset"] == s] for s in subsets}
    else:
        subsets = (
            [subset_arg] if subset_arg else BBH_MULTIPLE_CHOICE + BBH_BINARY + BBH_EXACT + BBH_DYCK
        )
        by_subset, prompt_rows = _bbh_hub_records(spec, source, subsets, prompt_type)
    samples = []
    for subset in subsets:
        prompt = bbh_prompt(subset, prompt_type, prompt_rows)
        for i, record in enumerate(by_subset[subset], start=1):
            sample = bbh_sample(subset, record, prompt)
            sample.id = f"{subset}_{i:03d}"
            if sample.id in BBH_KNOWN_BROKEN:
                continue
            samples.append(sample)
    return Task(
        dataset=MemoryDataset(samples, name="bbh", location=source.location()),
        solver=bbh_solver(),
        scorer=bbh_scorer(),
        config=GenerateConfig(temperature=0),
        metadata=task_metadata(spec, source, {"prompt_type": prompt_type}),
        name="bbh",
    )


# -- HumanEval (subprocess judge instead of Docker) --------------------------------------


def judge_limits(args: dict[str, Any], per_test: float, total: float) -> JudgeLimits:
    """-T timeout=, total_timeout=, memory_mb= over the task's defaults."""
    return JudgeLimits(
        per_test_timeout=float(args.get("timeout", per_test)),
        total_timeout=float(args.get("total_timeout", total)),
        memory_mb=int(args.get("memory_mb", 2048)),
    )


def judged_score(result: JudgeResult, answer: str) -> Score:
    """The judge's verdict as an inspect Score; the judge's record goes into its metadata."""
    from inspect_ai.scorer import CORRECT, INCORRECT, Score

    return Score(
        value=CORRECT if result.passed else INCORRECT,
        answer=answer,
        explanation=result.detail or result.status,
        metadata={"judge": result.to_dict()},
    )


def humaneval_verify(limits: JudgeLimits) -> Scorer:
    """inspect-evals' HumanEval check (prompt + answer + tests + check(entry_point)), judged
    in a subprocess."""
    from inspect_ai.scorer import accuracy, scorer, stderr

    @scorer(metrics=[accuracy(), stderr()], name="humaneval_verify")
    def humaneval_verify_(limits: JudgeLimits) -> Scorer:
        import anyio

        async def score(state: TaskState, target: Target) -> Score:
            code_answer = humaneval_answer(state.output.completion)
            program = "".join(
                [
                    state.metadata["prompt"],
                    code_answer,
                    "\n",
                    state.metadata["test"],
                    "\n",
                    f"check({state.metadata['entry_point']})",
                ]
            )
            result = await anyio.to_thread.run_sync(
                lambda: judge_in_slot(program, mode="script", limits=limits)
            )
            return judged_score(result, code_answer)

        return score

    return humaneval_verify_(limits)


def humaneval_record(r: dict[str, Any]) -> Sample:
    from inspect_ai.dataset import Sample

    return Sample(
        id=r["task_id"],
        input=HUMANEVAL_INSTRUCTION + r["prompt"],
        target=r["canonical_solution"],
        metadata={"prompt": r["prompt"], "test": r["test"], "entry_point": r["entry_point"]},
    )


@builtin_task("humaneval", task_args={"timeout", "total_timeout", "memory_mb"})
def build_humaneval(spec: TaskSpec, source: DataSource, args: dict[str, Any]) -> Task:
    from inspect_ai import Task
    from inspect_ai.solver import generate

    return Task(
        dataset=source.dataset(humaneval_record, name="humaneval"),
        solver=generate(),
        scorer=humaneval_verify(judge_limits(args, 30.0, 30.0)),
        metadata=task_metadata(spec, source),
        name="humaneval",
    )


# -- LiveCodeBench (code generation) -----------------------------------------------------


def lcb_prompt(r: dict[str, Any]) -> str:
    prompt = f"### Question:\n{r['question_content']}\n\n"
    if r.get("starter_code"):
        prompt += f"### Format: {LCB_WITH_STARTER}\n```python\n{r['starter_code']}\n```\n\n"
    else:
        prompt += f"### Format: {LCB_WITHOUT_STARTER}\n```python\n# YOUR CODE HERE\n```\n\n"
    prompt += "### Answer: (use the provided format with backticks)\n\n"
    return prompt


def lcb_record(r: dict[str, Any]) -> Sample:
    from inspect_ai.dataset import Sample
    from inspect_ai.model import ChatMessageSystem, ChatMessageUser

    metadata = r.get("metadata") or {}
    if isinstance(metadata, str):
        metadata = json.loads(metadata or "{}")
    tests = decode_lcb_tests(r.get("public_test_cases")) + decode_lcb_tests(
        r.get("private_test_cases")
    )
    return Sample(
        id=str(r["question_id"]),
        input=[ChatMessageSystem(content=LCB_SYSTEM), ChatMessageUser(content=lcb_prompt(r))],
        target="",
        metadata={
            "title": r.get("question_title"),
            "platform": r.get("platform"),
            "difficulty": r.get("difficulty"),
            "contest_date": str(r.get("contest_date", ""))[:10],
            "func_name": metadata.get("func_name"),
            "tests": tests,
        },
    )


def lcb_verify(limits: JudgeLimits) -> Scorer:
    """The answer's code block against the public and hidden tests, in the subprocess judge."""
    from inspect_ai.scorer import INCORRECT, Score, accuracy, scorer, stderr

    @scorer(metrics=[accuracy(), stderr()], name="lcb_verify")
    def lcb_verify_(limits: JudgeLimits) -> Scorer:
        import anyio

        async def score(state: TaskState, target: Target) -> Score:
            program = extract_code(state.output.completion)
            if program is None:
                return Score(value=INCORRECT, answer="", explanation="no code block in the answer")
            tests = state.metadata["tests"]
            func_name = state.metadata.get("func_name")
            mode = "functional" if tests and tests[0].get("testtype") == "functional" else "stdin"
            result = await anyio.to_thread.run_sync(
                lambda: judge_in_slot(
                    program, mode=mode, tests=tests, func_name=func_name, limits=limits
                )
            )
            return judged_score(result, program)

        return score

    return lcb_verify_(limits)


def lcb_selected(
    rows: list[dict[str, Any]],
    *,
    start: str | None,
    end: str | None,
    platform: str | None = None,
    difficulty: str | None = None,
) -> list[dict[str, Any]]:
    """The problems whose contest date is inside [start, end], of that platform and difficulty."""
    selected = []
    for r in rows:
        date = str(r.get("contest_date", ""))[:10]
        if start and date < start:
            continue
        if end and date > end:
            continue
        if platform and r.get("platform") != platform:
            continue
        if difficulty and r.get("difficulty") != difficulty:
            continue
        selected.append(r)
    if not selected:
        raise UsageError(f"livecodebench: no problems in the window {start or '…'} to {end or '…'}")
    return selected


@builtin_task(
    "livecodebench",
    task_args={"release", "start_date", "end_date", "platform", "difficulty", "timeout",
               "total_timeout", "memory_mb"},
)  # fmt: skip
def build_livecodebench(spec: TaskSpec, source: DataSource, args: dict[str, Any]) -> Task:
    from inspect_ai import Task
    from inspect_ai.dataset import MemoryDataset
    from inspect_ai.solver import generate

    release = str(args.get("release", "release_v6"))
    if release not in LCB_RELEASE_FILES:
        raise UsageError(f"livecodebench: release must be one of {', '.join(LCB_RELEASE_FILES)}")
    start = str(args["start_date"]) if args.get("start_date") else None
    end = str(args["end_date"]) if args.get("end_date") else None
    rows = source.rows() if source.is_local else _download_lcb_rows(spec, source, release)
    selected = lcb_selected(
        rows, start=start, end=end, platform=args.get("platform"), difficulty=args.get("difficulty")
    )
    samples = [lcb_record(r) for r in selected]
    return Task(
        dataset=MemoryDataset(samples, name=f"livecodebench-{release}", location=source.location()),
        solver=generate(),
        scorer=lcb_verify(judge_limits(args, 6.0, 120.0)),
        metadata=task_metadata(
            spec, source, {"release": release, "start_date": start, "end_date": end}
        ),
        name="livecodebench",
    )


def _download_gpqa_rows(spec: TaskSpec) -> list[dict[str, Any]]:
    import csv
    import io
    import urllib.request

    expected = (spec.revision or "").removeprefix("sha256:")
    with urllib.request.urlopen(spec.dataset, timeout=60) as response:  # noqa: S310 - fixed https URL
        data = response.read()
    digest = hashlib.sha256(data).hexdigest()
    if expected and digest != expected:
        raise RunError(
            f"gpqa_diamond: downloaded CSV sha256 {digest[:12]}… does not match the pinned {expected[:12]}…"
        )
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def _download_lcb_rows(spec: TaskSpec, source: DataSource, release: str) -> list[dict[str, Any]]:
    from huggingface_hub import HfApi, hf_hub_download

    revision = source.revision or HfApi().dataset_info(spec.dataset).sha
    source.revision = revision
    rows: list[dict[str, Any]] = []
    for filename in LCB_RELEASE_FILES[release]:
        path = hf_hub_download(spec.dataset, filename, repo_type="dataset", revision=revision)
        rows.extend(_read_jsonl(path))
    return rows


# --------------------------------------------------------------------------------------
# Mock backend (offline tests, harness overhead)
# --------------------------------------------------------------------------------------


def mock_model(responses_path: str | None):
    """mockllm whose outputs carry usage (plain mockllm needs a tiktoken download offline).

    The responses file: {"rules": [{"match": "text in the prompt", "output": "..."}], "default": "..."}.
    The first rule whose `match` occurs in the last user message wins, then any message;
    a rule with "raise": "message" makes the model call fail (to test failed tasks).
    """
    from inspect_ai.model import ModelOutput, ModelUsage, get_model

    spec: dict[str, Any] = {"rules": [], "default": "ANSWER: A"}
    if responses_path:
        spec.update(json.loads(Path(responses_path).read_text(encoding="utf-8")))
    rules = [(r["match"], r.get("output", ""), r.get("raise")) for r in spec.get("rules", [])]
    default = spec.get("default", "")

    def responder(messages, tools, tool_choice, config):
        user_texts = [m.text for m in messages if m.role == "user"]
        last = user_texts[-1] if user_texts else ""
        everything = "\n".join(m.text for m in messages)
        content, failure = default, None
        for needle, output, error in rules:
            if needle in last:
                content, failure = output, error
                break
        else:
            for needle, output, error in rules:
                if needle in everything:
                    content, failure = output, error
                    break
        if failure:
            # a model-side failure, as a provider outage would be: inspect marks the task "error"
            raise RuntimeError(failure)
        out = ModelOutput.from_content(model="mockllm/model", content=content)
        out.usage = ModelUsage(input_tokens=max(1, len(everything) // 4), output_tokens=max(1, len(content) // 4),
                               total_tokens=max(1, len(everything) // 4) + max(1, len(content) // 4))  # fmt: skip
        return out

    return get_model("mockllm/model", custom_outputs=responder)


# --------------------------------------------------------------------------------------
# The run
# --------------------------------------------------------------------------------------


def dataset_files_by_task(values: list[str], specs: list[TaskSpec]) -> dict[str, str]:
    """--dataset-file PATH (one task) or TASK=PATH (any number) -> {task name: path}."""
    files: dict[str, str] = {}
    for value in values:
        name, sep, path = value.partition("=")
        if sep and name in TASKS:
            spec_name = TASKS[name].name
        elif len(specs) == 1:
            spec_name, path = specs[0].name, value
        else:
            raise UsageError("with several tasks, give --dataset-file TASK=PATH for each")
        if spec_name not in {s.name for s in specs}:
            raise UsageError(f"--dataset-file {name}=...: {name} is not among the --task values")
        if not Path(path).is_file():
            raise UsageError(f"--dataset-file {path}: no such file")
        files[spec_name] = path
    return files


def plan_implementation(
    spec: TaskSpec, requested: str, dataset_file: str | None, have_inspect_evals: bool
) -> str:
    """Which implementation runs a task. Local data always goes through builtin, because
    inspect-evals tasks read only their pinned Hub datasets."""
    if dataset_file:
        if not spec.builtin:
            raise UsageError(
                f"{spec.name}: --dataset-file needs a builtin implementation, which this task lacks"
            )
        return "builtin"
    if requested == "builtin":
        if not spec.builtin:
            raise UsageError(
                f"{spec.name} has no builtin implementation; use --implementation inspect-evals"
            )
        return "builtin"
    if requested == "inspect-evals":
        if not spec.inspect_evals:
            raise UsageError(
                f"{spec.name} is not an inspect-evals task here (its builtin runs without Docker)"
            )
        if not have_inspect_evals:
            raise UsageError(
                "inspect-evals is not installed; run under `uv run` (it is in the script's dependencies)"
            )
        return "inspect-evals"
    if spec.inspect_evals and have_inspect_evals:
        return "inspect-evals"
    if spec.builtin:
        return "builtin"
    raise UsageError(
        f"{spec.name} needs inspect-evals; run under `uv run` (it is in the script's dependencies)"
    )


def dataset_revision(spec: TaskSpec, implementation: str, source: DataSource | None) -> str | None:
    if source is not None and source.is_local:
        return file_sha256(source.file or "")
    if source is not None and source.revision:
        return source.revision
    if implementation == "inspect-evals" and spec.revision_attr:
        module_name, _, attr = spec.revision_attr.partition(":")
        try:
            return str(getattr(importlib.import_module(module_name), attr))
        except Exception:  # noqa: BLE001 - fall back to the pin we know
            return spec.revision
    return spec.revision


def package_version(name: str) -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return None


def summarize_log(
    log: Any, spec: TaskSpec, *, implementation: str, inspect_task: str
) -> dict[str, Any]:
    """The facts of one task's log: status, headline score, stderr, sample counts."""
    out: dict[str, Any] = {
        "task": spec.name,
        "benchmark": spec.benchmark,
        "inspect_task": inspect_task,
        "implementation": implementation,
        "status": log.status,
        "error": None,
        "metric": spec.metric,
        "score": None,
        "stderr": None,
        "scorer": None,
        "metrics": {},
        "samples": {"scored": 0, "unscored": 0, "total": 0, "completed": 0, "dataset": None},
        "log_file": str(log.location) if getattr(log, "location", None) else None,
    }
    dataset = getattr(log.eval, "dataset", None)
    out["samples"]["dataset"] = getattr(dataset, "samples", None)
    if log.status != "success" or log.results is None:
        error = getattr(log, "error", None)
        message = getattr(error, "message", None) or f"task ended with status {log.status}"
        out["error"] = message.strip().splitlines()[-1] if message.strip() else message
        return out
    results = log.results
    score = results.scores[0] if results.scores else None
    out["samples"]["total"] = results.total_samples
    out["samples"]["completed"] = results.completed_samples
    if score is not None:
        out["scorer"] = score.name
        out["samples"]["scored"] = (
            score.scored_samples if score.scored_samples is not None else results.completed_samples
        )
        out["samples"]["unscored"] = score.unscored_samples or 0
        out["metrics"] = {name: metric.value for name, metric in score.metrics.items()}
        for candidate in (spec.score_key, "accuracy"):
            if candidate in score.metrics:
                out["score"] = score.metrics[candidate].value
                break
        if out["score"] is None and score.metrics:
            out["score"] = next(iter(score.metrics.values())).value
        for candidate in (spec.stderr_key, "stderr"):
            if candidate in score.metrics:
                out["stderr"] = score.metrics[candidate].value
                break
    return out


def is_partial(task_summary: dict[str, Any], limit: int | None) -> bool:
    samples = task_summary["samples"]
    if limit is not None:
        return True
    if samples.get("unscored"):
        return True
    dataset = samples.get("dataset")
    epochs = task_summary.get("settings", {}).get("epochs") or 1
    if dataset and samples.get("total") and samples["total"] < dataset * epochs:
        return True
    return bool(
        samples.get("completed") is not None and samples["completed"] < samples.get("total", 0)
    )


def push_logs(
    repo_id: str, files: list[Path], prefix: str, *, private: bool, secrets: Secrets
) -> dict[str, str]:
    """Upload logs and the summary to a Hub dataset; return {local path: URL}."""
    from huggingface_hub import CommitOperationAdd, HfApi, constants

    api = HfApi()
    api.create_repo(repo_id, repo_type="dataset", exist_ok=True, private=private)
    operations = [
        CommitOperationAdd(path_in_repo=f"{prefix}/{f.name}", path_or_fileobj=str(f)) for f in files
    ]
    info = api.create_commit(
        repo_id,
        operations,
        repo_type="dataset",
        commit_message=f"inspect-ai logs {prefix}",
    )
    revision = getattr(info, "oid", None) or "main"
    endpoint = constants.ENDPOINT.rstrip("/")
    return {
        str(f): f"{endpoint}/datasets/{repo_id}/blob/{revision}/{prefix}/{f.name}" for f in files
    }


@dataclass(frozen=True)
class TaskPlan:
    """One task as it will run: which implementation, on which data, with which settings."""

    spec: TaskSpec
    implementation: str  # "builtin" or "inspect-evals"
    dataset_file: str | None
    inspect_task: str  # "inspect_evals/<task>" or "builtin/<task>"
    task_args: dict[str, Any]  # the task's own settings with --task-args over them
    shots: int
    cot: bool


@dataclass(frozen=True)
class RunPlan:
    """Everything decided before any work: the model, where it runs, the tasks, the logs."""

    started: float
    started_at: str
    command: str  # the command line, secrets masked
    model: str  # --model as given
    requested_revision: str | None
    model_facts: dict[str, Any]  # id, revision, chat_template (from the Hub or the folder)
    backend: str
    gpus: int
    inspect_model: str
    model_args: dict[str, Any]
    model_roles: dict[str, Any]
    prompt_format: str  # "chat" or "completion"
    mock_responses: str | None
    task_args: dict[str, Any]  # --task-args as given
    tasks: list[TaskPlan]
    limit: int | None
    epochs: int | None
    temperature: float | None
    max_tokens: int | None
    max_connections: int | None
    display: str
    run_id: str
    model_slug: str
    log_dir: Path
    push_logs: str | None
    public_logs: bool

    def common_settings(self) -> dict[str, Any]:
        """The settings every task's summary repeats."""
        return {
            "backend": self.backend,
            "inspect_model": self.inspect_model,
            "limit": self.limit,
            "temperature": self.temperature,
            "max_tokens": self.max_tokens,
            "max_connections": self.max_connections,
            "model_args": {
                k: ("***" if _looks_secret(k) else v)
                for k, v in self.model_args.items()
                if k != "chat_template"
            },
            "model_roles": self.model_roles,
            "prompt_format": self.prompt_format,
            "gpus": self.gpus,
        }

    def overrides(self) -> dict[str, Any]:
        """What the command line changed from the tasks' own settings."""
        return {
            k: v
            for k, v in (
                ("epochs", self.epochs),
                ("temperature", self.temperature),
                ("max_tokens", self.max_tokens),
            )
            if v is not None
        }


@dataclass
class TaskRun:
    """One task after inspect ran it: its log (None if it could not start) and the facts
    gathered on the way."""

    plan: TaskPlan
    log: EvalLog | None
    error: str | None  # why it could not start, masked
    source: DataSource | None
    dataset_revision: str | None  # None when the task failed before it was known
    duration_s: float


def run(
    args: argparse.Namespace, argv: list[str], secrets: Secrets, warn
) -> tuple[dict[str, Any], int]:
    """Plan (every check before any work), execute (one inspect eval per task), summarise."""
    plan = plan_run(args, argv, secrets, warn)
    tasks = execute(plan, secrets, warn)
    return summarise(plan, tasks, secrets, warn)


# -- plan --------------------------------------------------------------------------------


def plan_run(args: argparse.Namespace, argv: list[str], secrets: Secrets, warn) -> RunPlan:
    """Check the request and decide how it runs: hardware, backend, implementation per task,
    code execution and packages, then the model's facts (read from the Hub before loading)."""
    started = time.time()
    started_at = _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")
    specs = resolve_tasks(args.task)
    if not args.model:
        raise UsageError("--model is required")
    model_args = parse_kv(args.model_args, "--model-args")
    task_args = parse_kv(args.task_args, "--task-args")
    model_roles = parse_kv(args.model_role, "--model-role")
    if args.limit is not None and args.limit < 1:
        raise UsageError("--limit must be at least 1")
    dataset_files = dataset_files_by_task(args.dataset_file, specs)

    gpus = gpu_count() if args.backend in ("auto", "transformers", "vllm") else 0
    backend = choose_backend(args.backend, gpus, importable("vllm"))
    if backend in ("transformers", "vllm") and gpus == 0 and args.backend == "auto":
        raise UsageError("no GPU found for a local backend")
    have_inspect_evals = importable("inspect_evals")
    tasks = [
        plan_task(
            spec,
            plan_implementation(
                spec, args.implementation, dataset_files.get(spec.name), have_inspect_evals
            ),
            dataset_files.get(spec.name),
            task_args,
        )
        for spec in specs
    ]
    code_specs = [spec.name for spec in specs if spec.code]
    if code_specs and not code_execution_allowed(args.allow_code_execution):
        raise UsageError(
            f"{', '.join(code_specs)} runs model-written code; that is allowed by default only inside an HF Job. "
            "Pass --allow-code-execution to run it here (subprocess judge: temp folder, no network, rlimits, timeouts)"
        )
    needed = list(BACKEND_PACKAGES.get(backend, ()))
    for task in tasks:
        if task.implementation == "inspect-evals":
            needed.extend(task.spec.extra_packages)
    ensure_packages(needed, argv, warn)

    model_facts, prompt_format, model_args = plan_model(
        args, backend, gpus, specs, model_args, secrets, warn
    )

    model_slug = re.sub(r"[^A-Za-z0-9._-]+", "--", args.model.split(":", 1)[0]).strip("-")
    run_id = f"{_dt.datetime.now(_dt.UTC).strftime('%Y%m%dT%H%M%SZ')}_{model_slug}"
    return RunPlan(
        started=started,
        started_at=started_at,
        command=masked_command(argv, secrets),
        model=args.model,
        requested_revision=args.revision,
        model_facts=model_facts,
        backend=backend,
        gpus=gpus,
        inspect_model=inspect_model_name(backend, model_display_name(args.model)),
        model_args=model_args,
        model_roles=model_roles,
        prompt_format=prompt_format,
        mock_responses=args.mock_responses,
        task_args=task_args,
        tasks=tasks,
        limit=args.limit,
        epochs=args.epochs,
        temperature=args.temperature,
        max_tokens=args.max_tokens,
        max_connections=args.max_connections,
        display=args.display,
        run_id=run_id,
        model_slug=model_slug,
        log_dir=Path(args.log_dir) if args.log_dir else Path("logs") / run_id,
        push_logs=args.push_logs,
        public_logs=args.public_logs,
    )


def plan_task(
    spec: TaskSpec, implementation: str, dataset_file: str | None, task_args: dict[str, Any]
) -> TaskPlan:
    """A task's plan; shots and CoT as the run will use them, for the summary and the log."""
    shots = spec.shots if "fewshot" not in task_args else int(task_args["fewshot"] or 0)
    cot = bool(task_args.get("cot", spec.cot)) if "cot" in task_args else spec.cot
    if spec.name == "bbh":
        prompt_type = str(task_args.get("prompt_type", "answer_only"))
        shots = 0 if prompt_type == "zero_shot" else 3
        cot = prompt_type == "chain_of_thought"
    inspect_task = (
        spec.inspect_evals or spec.name
        if implementation == "inspect-evals"
        else f"builtin/{spec.name}"
    )
    return TaskPlan(
        spec=spec,
        implementation=implementation,
        dataset_file=dataset_file,
        inspect_task=inspect_task,
        task_args={**spec.inspect_evals_args, **task_args},
        shots=shots,
        cot=cot,
    )


def plan_model(
    args: argparse.Namespace,
    backend: str,
    gpus: int,
    specs: list[TaskSpec],
    model_args: dict[str, Any],
    secrets: Secrets,
    warn,
) -> tuple[dict[str, Any], str, dict[str, Any]]:
    """The model's facts (revision, chat template), its prompt format, and `model_args`
    completed with what the backend needs (model path, chat template, revision, device, dtype)."""
    model_args = dict(model_args)
    token = os.environ.get("HF_TOKEN") or None
    model_facts: dict[str, Any] = {"id": args.model, "revision": None, "requested_revision": args.revision,
                                   "chat_template": None}  # fmt: skip
    prompt_format = "chat"
    local_dir = Path(args.model).is_dir() and backend in ("transformers", "vllm")
    if local_dir:
        # A model folder on this machine (e.g. measurements/inspect_gpu.py's tiny model): no Hub.
        model_facts = local_model_facts(Path(args.model))
        if backend == "transformers":
            model_args.setdefault("model_path", str(Path(args.model).resolve()))
    if backend != "mock":
        try:
            if not local_dir:
                model_facts = hub_model_facts(args.model, args.revision, token)
        except UsageError:
            raise
        except Exception as error:  # noqa: BLE001 - offline or Hub hiccup: run, but say what is unknown
            warn(
                f"could not read {args.model} from the Hub ({secrets.mask(str(error))[:200]}); revision unknown"
            )
        prompt_format, advice = base_model_plan(
            args.model, model_facts.get("chat_template"), backend, specs
        )
        if advice:
            warn(advice)
        if prompt_format == "completion":
            model_args.setdefault("chat_template", COMPLETION_TEMPLATE)
    if args.revision and backend in ("transformers", "vllm"):
        model_args.setdefault("revision", args.revision)
    if backend == "transformers" and "device" not in model_args and gpus:
        # one GPU: put the model on it; several: let accelerate spread the layers
        model_args["device"] = "cuda:0" if gpus == 1 else "auto"
    if backend == "vllm" and gpus > 1:
        model_args.setdefault("tensor_parallel_size", gpus)
    if backend == "transformers" and not {"dtype", "torch_dtype"} & set(model_args):
        # the checkpoint's own dtype (bf16/fp16), not float32: a 7B model then fits a 24 GB GPU
        model_args[transformers_dtype_arg()] = "auto"
    return model_facts, prompt_format, model_args


# -- execute -----------------------------------------------------------------------------


def execute(plan: RunPlan, secrets: Secrets, warn) -> list[dict[str, Any]]:
    """Run the tasks one after the other; a task that fails does not stop the others.
    Returns each task's summary (the "tasks" entries of the JSON summary)."""
    plan.log_dir.mkdir(parents=True, exist_ok=True)
    from inspect_ai.model import get_model

    if plan.backend == "mock":
        model = mock_model(plan.mock_responses)
    else:
        model = get_model(plan.inspect_model, **plan.model_args)
    summaries = []
    for task in plan.tasks:
        warn(f"running {task.spec.name} ({task.inspect_task}) on {plan.inspect_model}")
        summary = task_summary(plan, run_task(plan, task, model, secrets), secrets)
        if summary["status"] != "success":
            warn(f"task {task.spec.name} failed: {summary['error']}")
        else:
            warn(
                f"{task.spec.name}: {summary['metric']} {summary['score']} ({summary['samples']['scored']} samples)"
            )
        summaries.append(summary)
    return summaries


def log_metadata(plan: RunPlan, task: TaskPlan) -> dict[str, Any]:
    """The eval log's metadata: what import-inspect reads back to label the result."""
    return {
        "hfeval": {
            "task": task.spec.name,
            "benchmark": task.spec.benchmark,
            "implementation": task.implementation,
            "shots": task.shots,
            "cot": task.cot,
            "metric": task.spec.metric,
            "model": plan.model_facts.get("id"),
            "model_revision": plan.model_facts.get("revision"),
            "prompt_format": plan.prompt_format,
            "limit": plan.limit,
            "epochs": plan.epochs,
            "temperature": plan.temperature,
            "task_args": plan.task_args,
            "run_id": plan.run_id,
        }
    }


def eval_options(plan: RunPlan, model: Any, metadata: dict[str, Any]) -> dict[str, Any]:
    """inspect's eval() keyword arguments; generate settings only where the command line set them."""
    options: dict[str, Any] = {
        "model": model,
        "log_dir": str(plan.log_dir),
        "display": plan.display,
        "limit": plan.limit,
        "epochs": plan.epochs,
        "metadata": metadata,
        "model_roles": plan.model_roles or None,
        "score_display": False,
    }
    for key, value in (("temperature", plan.temperature), ("max_tokens", plan.max_tokens),
                       ("max_connections", plan.max_connections)):  # fmt: skip
        if value is not None:
            options[key] = value
    return options


def run_task(plan: RunPlan, task: TaskPlan, model: Any, secrets: Secrets) -> TaskRun:
    """One inspect eval. inspect records a task that fails while running in its log; one
    that cannot start (bad data, missing download) becomes a TaskRun with an error."""
    from inspect_ai import eval as inspect_eval

    started = time.time()
    spec = task.spec
    source = DataSource(spec, file=task.dataset_file) if task.implementation == "builtin" else None
    metadata = log_metadata(plan, task)
    options = eval_options(plan, model, metadata)
    log, error = None, None
    try:
        if source is not None:
            inspect_task: Any = build_builtin_task(spec, source, plan.task_args)
            extra: dict[str, Any] = {}
        else:
            inspect_task, extra = spec.inspect_evals, {"task_args": task.task_args}
        # after the build: a builder may resolve the revision it reads (LiveCodeBench)
        metadata["hfeval"]["dataset_revision"] = dataset_revision(spec, task.implementation, source)
        log = inspect_eval(inspect_task, **extra, **options)[0]
    except UsageError:
        raise
    except Exception as exc:  # noqa: BLE001 - a task that cannot start is a failed task
        error = secrets.mask(f"{type(exc).__name__}: {exc}")
    return TaskRun(
        plan=task,
        log=log,
        error=error,
        source=source,
        dataset_revision=metadata["hfeval"].get("dataset_revision"),
        duration_s=time.time() - started,
    )


def task_summary(plan: RunPlan, run: TaskRun, secrets: Secrets) -> dict[str, Any]:
    """One "tasks" entry of the JSON summary: the log's facts and the settings it ran under."""
    task, spec, log = run.plan, run.plan.spec, run.log
    if log is None:
        summary = _failed_summary(spec, task.implementation, task.inspect_task, run.error or "")
    else:
        summary = summarize_log(
            log, spec, implementation=task.implementation, inspect_task=task.inspect_task
        )
        if summary["error"]:
            summary["error"] = secrets.mask(summary["error"])
    config = getattr(getattr(log, "eval", None), "config", None)
    summary["settings"] = {
        **plan.common_settings(),
        "shots": task.shots,
        "cot": task.cot,
        "epochs": plan.epochs or (config and config.epochs) or 1,
        "task_args": task.task_args,
        "implementation": task.implementation,
        "overrides": plan.overrides(),
    }
    if config is not None:
        summary["settings"]["temperature"] = _generate_setting(log, "temperature", plan.temperature)
        summary["settings"]["max_tokens"] = _generate_setting(log, "max_tokens", plan.max_tokens)
    summary["partial"] = summary["status"] == "success" and is_partial(summary, plan.limit)
    summary["model"] = {
        "id": plan.model_facts.get("id"),
        "revision": plan.model_facts.get("revision"),
        "requested_revision": plan.requested_revision,
        "chat_template": plan.model_facts.get("chat_template"),
        "note": "served by an inference provider: the weights' revision is the provider's"
        if plan.backend == "inference-providers"
        else None,
    }
    local = run.source is not None and run.source.is_local
    summary["dataset"] = {
        "id": None if local else spec.dataset,
        "file": run.source.location() if local and run.source else None,
        "config": spec.config,
        "split": spec.split,
        "revision": run.dataset_revision or dataset_revision(spec, task.implementation, run.source),
    }
    summary["duration_s"] = round(run.duration_s, 3)
    return summary


# -- summarise ---------------------------------------------------------------------------


def summarise(
    plan: RunPlan, tasks: list[dict[str, Any]], secrets: Secrets, warn
) -> tuple[dict[str, Any], int]:
    """The JSON summary, written beside the logs (and pushed with them under --push-logs),
    and the exit code: 1 when a task or the upload failed."""
    summary: dict[str, Any] = {
        "summary_version": SUMMARY_VERSION,
        "ok": all(t["status"] == "success" for t in tasks),
        "run_id": plan.run_id,
        "model": plan.model_facts.get("id"),
        "model_revision": plan.model_facts.get("revision"),
        "backend": plan.backend,
        "tasks": tasks,
        "versions": {
            "inspect_ai": package_version("inspect_ai"),
            "inspect_evals": package_version("inspect_evals"),
            "huggingface_hub": package_version("huggingface_hub"),
            "python": platform.python_version(),
            "script": SCRIPT_VERSION,
        },
        "command": plan.command,
        "job": {"id": os.environ.get("JOB_ID"), "in_hf_job": in_hf_job()}
        if os.environ.get("JOB_ID")
        else None,
        "started_at": plan.started_at,
        "finished_at": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
        "duration_s": round(time.time() - plan.started, 3),
        "log_dir": str(plan.log_dir.resolve()),
        "logs_repo": plan.push_logs,
    }
    summary_path = plan.log_dir / "summary.json"
    summary["summary_file"] = str(summary_path.resolve())
    if plan.push_logs:
        _push_with_summary(plan, summary, summary_path, secrets, warn)
    _write_json(summary_path, summary)
    return summary, (EXIT_OK if summary["ok"] else EXIT_FAILED)


def _push_with_summary(
    plan: RunPlan, summary: dict[str, Any], summary_path: Path, secrets: Secrets, warn
) -> None:
    """Upload the logs and the summary to --push-logs; the summary carries their URLs, pinned
    to the commit when the upload worked. A failed upload makes the run not ok."""
    repo_id = plan.push_logs or ""
    tasks = summary["tasks"]
    files = sorted({Path(t["log_file"]) for t in tasks if t.get("log_file")})
    prefix = f"{plan.model_slug}/{plan.run_id}"
    # The summary is pushed too, so write it first with the URLs it will have.
    from huggingface_hub import constants

    base = f"{constants.ENDPOINT.rstrip('/')}/datasets/{repo_id}/blob/main/{prefix}"
    for task in tasks:
        if task.get("log_file"):
            task["log_url"] = f"{base}/{Path(task['log_file']).name}"
    summary["summary_url"] = f"{base}/summary.json"
    _write_json(summary_path, summary)
    try:
        urls = push_logs(
            repo_id, [*files, summary_path], prefix, private=not plan.public_logs, secrets=secrets
        )
    except Exception as error:  # noqa: BLE001 - the evaluation is done; say the upload failed
        summary["ok"] = False
        summary["push_error"] = secrets.mask(f"{type(error).__name__}: {error}")[:300]
        for task in tasks:
            task.pop("log_url", None)
        summary.pop("summary_url", None)
        warn(f"pushing logs to {repo_id} failed: {summary['push_error']}")
    else:
        pinned = {Path(k).name: v for k, v in urls.items()}
        for task in tasks:
            if task.get("log_file"):
                task["log_url"] = pinned.get(Path(task["log_file"]).name, task.get("log_url"))
        summary["summary_url"] = pinned.get("summary.json", summary.get("summary_url"))


def _generate_setting(log: Any, name: str, requested: Any) -> Any:
    """The value the run used: the command line's, else the task's own generate config."""
    if requested is not None:
        return requested
    plan_config = getattr(getattr(log, "plan", None), "config", None)
    value = getattr(plan_config, name, None) if plan_config is not None else None
    return value


def _failed_summary(
    spec: TaskSpec, implementation: str, inspect_task: str, message: str
) -> dict[str, Any]:
    return {
        "task": spec.name,
        "benchmark": spec.benchmark,
        "inspect_task": inspect_task,
        "implementation": implementation,
        "status": "error",
        "error": message.splitlines()[0][:500] if message else "failed",
        "metric": spec.metric,
        "score": None,
        "stderr": None,
        "scorer": None,
        "metrics": {},
        "samples": {"scored": 0, "unscored": 0, "total": 0, "completed": 0, "dataset": None},
        "log_file": None,
    }


def _looks_secret(key: str) -> bool:
    return any(word in key.lower() for word in ("key", "token", "secret", "password"))


def _write_json(path: Path, data: dict[str, Any]) -> None:
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(data, indent=2, default=str) + "\n", encoding="utf-8")
    tmp.replace(path)


def task_table() -> list[dict[str, Any]]:
    rows = []
    for name in task_names():
        spec = TASKS[name]
        aliases = [k for k, v in TASKS.items() if v is spec and k != name]
        rows.append(
            {
                "task": name,
                "aliases": aliases,
                "title": spec.title,
                "inspect_evals": spec.inspect_evals,
                "builtin": bool(spec.builtin),
                "dataset": spec.dataset,
                "config": spec.config,
                "split": spec.split,
                "revision": spec.revision,
                "shots": spec.shots,
                "cot": spec.cot,
                "metric": spec.metric,
                "base_model_fit": spec.base_model_fit,
                "runs_code": spec.code,
                "record_format": spec.record_format,
                "notes": spec.notes,
            }
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    # `hf jobs uv run s.py -- --model ...` may hand the `--` through; this script has no positionals.
    argv = [a for a in argv if a != "--"]
    secrets = Secrets()

    def warn(message: str) -> None:
        print(f"[inspect_eval_uv] {secrets.mask(message)}", file=sys.stderr, flush=True)

    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0) if exit_.code in (0, None) else EXIT_USAGE
    if args.list_tasks:
        print(json.dumps(task_table(), indent=2))
        return EXIT_OK
    try:
        apply_secret_args(args.secret, secrets, warn)
        if not args.task:
            raise UsageError(
                "--task is required (one or several of: " + ", ".join(task_names()) + ")"
            )
        # stdout carries only the summary: libraries that print progress there
        # (inspect-evals' "Loading dataset ...") are sent to stderr
        summary_out = sys.stdout
        with contextlib.redirect_stdout(sys.stderr):
            summary, code = run(args, argv, secrets, warn)
    except UsageError as error:
        print(f"error: {secrets.mask(str(error))}", file=sys.stderr)
        return EXIT_USAGE
    except RunError as error:
        print(f"error: {secrets.mask(str(error))}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    except Exception as error:  # noqa: BLE001 - one masked line, no traceback with secrets in it
        print(
            f"error: {secrets.mask(f'{type(error).__name__}: {error}').splitlines()[0]}",
            file=sys.stderr,
        )
        return EXIT_FAILED
    print(secrets.mask(json.dumps(summary, indent=2, default=str)), file=summary_out, flush=True)
    for task in summary["tasks"]:
        if task["status"] != "success":
            print(f"error: task {task['task']} failed: {task['error']}", file=sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(main())
