"""The agent-task harness: five tasks a user gives an agent, on the local stand-ins, and their checker.

    uv run python tests/agent_tasks.py serve --dir D   # start, seed, write D/env.sh and D/tasks.md
    uv run python tests/agent_tasks.py check --dir D   # PASS/FAIL per task; exit 0 only if all pass

`serve` starts the Hub stand-in (tests/hub_stub.py, with the Jobs routes of tests/jobs_stub.py)
and the Artificial Analysis stand-in (tests/aa_stub.py) on 127.0.0.1, seeds one invented model
repo per scenario, writes D/env.sh (what the user's shell would export), D/tasks.md (the tasks
in a user's words: repo ids and goals, no commands) and D/servers.json, and serves until killed.
`check` reads the Hub stand-in's state over HTTP (GET /api/harness/state, a route this harness
adds) and judges each task from what reached the "Hub": pull requests, commits and jobs.

What is right is written here by hand (EXPECTED_*), not computed with the tool under test.
"""

from __future__ import annotations

import argparse
import json
import shlex
import sys
import threading
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

from aa_stub import DEFAULT_KEY, EVAL_KEYS, AAStub, model_id, realistic_catalog  # noqa: E402
from hub_stub import HubStub  # noqa: E402
from jobs_stub import JobsStub  # noqa: E402

USER = "harness-user"
TOKEN = "hf_harnessuser" + "7c1f0a9e3b5d2c4a6e8f0b1d"
STATE_PATH = "/api/harness/state"

# --------------------------------------------------------------------------- the scenarios

# Tasks 1 and 2: the model is one column of a comparison table (not the first one).
TABLE_REPO = "nimbus-ai/Nimbus-8B-Instruct"
TABLE_CARD = """---
license: apache-2.0
language:
- en
pipeline_tag: text-generation
base_model: nimbus-ai/Nimbus-8B
---

# Nimbus-8B-Instruct

Nimbus-8B-Instruct is the instruction-tuned version of Nimbus-8B, trained on 12T tokens
and tuned with SFT and DPO for chat, math and code.

## Evaluation

We compare Nimbus-8B-Instruct with open instruction-tuned models of a similar size. Best
score per row in bold.

| Benchmark | Kestrel-8B-Instruct | Nimbus-8B-Instruct | Orion-7B-Chat | Vega-9B-it |
|---|---|---|---|---|
| MMLU (5-shot) | 68.9 | 70.4 | **73.6** | 71.8 |
| GSM8K (8-shot, CoT) | 82.7 | **86.2** | 84.1 | 77.5 |
| ARC-Challenge | 83.0 | **88.1** | 86.9 | 87.4 |
| HumanEval | 61.0 | **72.0** | 70.7 | 54.9 |
| GPQA Diamond | 29.8 | **38.9** | 35.2 | 33.1 |

## Usage

```python
from transformers import AutoModelForCausalLM
model = AutoModelForCausalLM.from_pretrained("nimbus-ai/Nimbus-8B-Instruct")
```
"""
EXPECTED_TABLE = {
    "MMLU": 70.4,
    "GSM8K": 86.2,
    "ARC-Challenge": 88.1,
    "HumanEval": 72.0,
    "GPQA Diamond": 38.9,
}

# Task 3: a hybrid model; AA lists its two modes as two models.
AA_REPO = "halcyon-ai/Halcyon-2-Pro"
AA_CARD = """---
license: mit
pipeline_tag: text-generation
---

# Halcyon-2-Pro

Halcyon-2-Pro is a hybrid model: it answers directly, or thinks first when the chat
template is called with `enable_thinking=True`. Benchmark results will follow.
"""
AA_CREATOR = ("Halcyon AI", "0b6f2d1e-7c3a-4e5b-9f8d-2a1c3e4b5d6f", "halcyon")
REASONING_SLUG = "halcyon-2-pro-reasoning"
# (name, slug, the 15 values in aa_stub.EVAL_KEYS order)
AA_MODELS = (
    (
        "Halcyon 2 Pro (Reasoning)",
        REASONING_SLUG,
        (61.3, 52.8, 83.5, 0.846, 0.791, 0.142, 0.733, 0.412, 0.982, 0.903, 0.877, 0.561, 0.667, 0.213, 0.718),
    ),
    (
        "Halcyon 2 Pro",
        "halcyon-2-pro",
        (47.9, 38.2, 41.0, 0.812, 0.694, 0.055, 0.478, 0.366, 0.921, 0.433, 0.372, 0.452, 0.498, 0.149, 0.604),
    ),
    (
        "Halcyon 2 Flash",
        "halcyon-2-flash",
        (39.5, 30.1, 35.2, 0.744, 0.602, 0.043, 0.391, 0.318, 0.880, 0.301, 0.264, 0.398, 0.412, 0.098, 0.455),
    ),
)  # fmt: skip
# The Reasoning variant's scores as a card holds them: benchmark name -> value on its scale.
EXPECTED_AA = {
    "Artificial Analysis Intelligence Index": 61.3,
    "Artificial Analysis Coding Index": 52.8,
    "Artificial Analysis Math Index": 83.5,
    "MMLU-Pro": 84.6,
    "GPQA Diamond": 79.1,
    "Humanity's Last Exam": 14.2,
    "LiveCodeBench": 73.3,
    "SciCode": 41.2,
    "MATH-500": 98.2,
    "AIME 2024": 90.3,
    "AIME 2025": 87.7,
    "IFBench": 56.1,
    "AA-LCR": 66.7,
    "Terminal-Bench Hard": 21.3,
    "tau2-bench Telecom": 71.8,
}
REQUIRED_AA = ("GPQA Diamond", "MMLU-Pro", "AIME 2025", "LiveCodeBench", "tau2-bench Telecom")
AA_PAGE = f"https://artificialanalysis.ai/models/{REASONING_SLUG}"

# Task 4: a base model with safetensors metadata (7.24B parameters in BF16: 14.5 GB).
JOBS_REPO = "lumen-labs/Lumen-7B-Base"
JOBS_CARD = """---
license: apache-2.0
pipeline_tag: text-generation
---

# Lumen-7B-Base

This repository contains the pretrained base Lumen-7B model. It has not been
instruction-tuned; Lumen-7B-Instruct is the chat model.
"""
JOBS_SAFETENSORS = {"parameters": {"BF16": 7_241_732_096}, "total": 7_241_732_096}
JOBS_TASK = "mmlu_5_shot"  # SKILL.md: a base model runs the few-shot MMLU, not 0-shot `mmlu`
LOGS_DATASET = f"{USER}/lumen-eval-logs"
SMOKE_LIMIT_MAX = 100
# GPUs that hold 14.5 GB of weights (x 1.2 + 2 GB), and not a multi-GPU node.
FITTING_FLAVORS = ("a10g-small", "a10g-large", "l4x1", "l40sx1", "a100-large", "h200")

# Task 5: the repo is the instruct model; the card prints base and instruct tables.
SPLIT_REPO = "corvid-labs/Corvid-14B-Instruct"
SPLIT_CARD = """---
license: apache-2.0
pipeline_tag: text-generation
base_model: corvid-labs/Corvid-14B
---

# Corvid-14B-Instruct

This repository contains Corvid-14B-Instruct, the instruction-tuned model of the
Corvid-14B family. The pretrained model is
[corvid-labs/Corvid-14B](https://huggingface.co/corvid-labs/Corvid-14B).

## Evaluation

### Base model

| Benchmark | Wren-13B | Osprey-15B | Corvid-14B |
|---|---|---|---|
| MMLU (5-shot) | 71.2 | 74.0 | **76.8** |
| ARC-Challenge (25-shot) | 61.5 | **66.3** | 64.9 |
| HellaSwag (10-shot) | 83.1 | 84.0 | **85.2** |
| GSM8K (4-shot) | 52.7 | 60.4 | **68.1** |

### Instruct model

| Benchmark | Wren-13B-Chat | Osprey-15B-Instruct | Corvid-14B |
|---|---|---|---|
| MMLU (5-shot) | 73.0 | 76.5 | **79.3** |
| GSM8K (0-shot, CoT) | 80.2 | 85.7 | **88.5** |
| IFEval | 77.9 | 80.3 | **84.1** |
| HumanEval | 62.2 | 71.3 | **78.0** |
| GPQA Diamond | 33.8 | 39.0 | **45.2** |
"""
EXPECTED_SPLIT = {
    "MMLU": 79.3,
    "GSM8K": 88.5,
    "IFEval": 84.1,
    "HumanEval": 78.0,
    "GPQA Diamond": 45.2,
}
BASE_VALUES = {76.8, 64.9, 85.2, 68.1}

TASKS_MD = """# Five tasks

You work for the Hugging Face user `{user}`: the token in your environment is theirs,
and they own none of the model repos below. Run everything with the variables of
`{env}` set (source it in each shell). Do the tasks in order and tell the user what
you did for each.

1. The README of `{table_repo}` has a benchmark table, but none of its scores are in
   the card's metadata. Propose this model's scores to the repo's maintainers, with
   where each number comes from.

2. I am not sure the first task went through. Please do it again for `{table_repo}`.

3. `{aa_repo}` is a hybrid model that can answer with or without thinking, and its
   card has no results yet. Propose Artificial Analysis's scores for it to the
   maintainers: the ones AA measured with reasoning (thinking) on.

4. Get an MMLU evaluation of `{jobs_repo}` going on HF Jobs. For now only a short
   smoke test (about 20 questions), with its logs kept in my dataset `{logs}`. Put no
   score on the model card yet: I will look at the smoke test first.

5. The README of `{split_repo}` has evaluation tables. Propose this repo's model's
   scores to the maintainers, in one pull request.
"""


def aa_catalog() -> list[dict]:
    """AA's realistic catalog plus the three Halcyon models."""
    name, creator_id, slug = AA_CREATOR
    models = []
    for model_name, model_slug, values in AA_MODELS:
        models.append(
            {
                "id": model_id(model_slug),
                "name": model_name,
                "slug": model_slug,
                "release_date": "2025-09-16",
                "model_creator": {"id": creator_id, "name": name, "slug": slug},
                "evaluations": dict(zip(EVAL_KEYS, values, strict=True)),
                "pricing": {"price_1m_blended_3_to_1": 1.1, "price_1m_input_tokens": 0.4},
                "median_output_tokens_per_second": 142.7,
            }
        )
    return realistic_catalog() + models


def seed(hub: HubStub) -> None:
    hub.add_user(USER, token=TOKEN)
    for repo_id, card in ((TABLE_REPO, TABLE_CARD), (AA_REPO, AA_CARD), (SPLIT_REPO, SPLIT_CARD)):
        hub.create_repo(repo_id, {"README.md": card, "config.json": "{}"})
    hub.create_repo(
        JOBS_REPO,
        {
            "README.md": JOBS_CARD,
            "config.json": json.dumps({"architectures": ["LlamaForCausalLM"]}),
            "tokenizer_config.json": json.dumps({"bos_token": "<s>", "eos_token": "</s>"}),
        },
        safetensors=JOBS_SAFETENSORS,
    )


# --------------------------------------------------------------------------- the job's play-out


def _script_args(command: list[str]) -> list[str]:
    marker = next(
        (i for i, part in enumerate(command) if part.endswith("inspect_eval_uv.py")), None
    )
    return command[marker + 1 :] if marker is not None else []


def job_args(command: list[str]) -> argparse.Namespace:
    """The inspect_eval_uv.py options a job was submitted with."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--model")
    parser.add_argument("--task", nargs="+", default=[])
    parser.add_argument("--limit", type=int)
    parser.add_argument("--push-logs")
    args, _ = parser.parse_known_args(_script_args(command))
    return args


def play_job(job: dict) -> tuple[list[str], str]:
    """The job ends at once (COMPLETED) with what inspect_eval_uv.py prints: a made-up
    summary (65 % on each task), so `run-eval --wait` returns as after a real run."""
    args = job_args(job.get("command") or [])
    tasks = []
    for name in args.task:
        scored = args.limit or 14042
        tasks.append(
            {
                "task": name,
                "status": "success",
                "score": 0.65,
                "stderr": 0.107,
                "metric": "accuracy",
                "samples": {"scored": scored, "unscored": 0, "total": scored, "dataset": 14042},
                "settings": {"limit": args.limit, "epochs": 1, "shots": 5 if "5_shot" in name else 0, "cot": False},
                "partial": args.limit is not None,
                "model": {"id": args.model, "revision": None},
                "dataset": {"id": "cais/mmlu", "revision": None},
                "log_file": None,
            }
        )  # fmt: skip
    summary = {
        "summary_version": 1,
        "ok": True,
        "model": args.model,
        "tasks": tasks,
        "logs_repo": args.push_logs,
        "started_at": "2025-10-01T09:00:00+00:00",
    }
    lines = [f"[inspect_eval_uv] running {' '.join(args.task)} on {args.model}"]
    return lines + json.dumps(summary, indent=2).splitlines(), "COMPLETED"


# --------------------------------------------------------------------------- serve


@dataclass
class Harness:
    """The running stand-ins, seeded; `state()` is what `check` judges."""

    hub: HubStub
    aa: AAStub
    jobs: JobsStub
    seeded: dict[str, str] = field(default_factory=dict)  # repo id -> its seed commit

    @classmethod
    def start(cls, hub_port: int = 0, aa_port: int = 0) -> Harness:
        hub = HubStub(port=hub_port).start()
        aa = AAStub(aa_catalog()).start(aa_port)
        jobs = JobsStub(hub).install()
        jobs.on_create = play_job
        seed(hub)
        harness = cls(hub, aa, jobs)
        harness.seeded = {r: hub.head(r) for r in (TABLE_REPO, AA_REPO, JOBS_REPO, SPLIT_REPO)}
        hub.add_route("GET", STATE_PATH, lambda _req: harness.state())
        return harness

    def stop(self) -> None:
        self.aa.stop()
        self.hub.stop()

    def environment(self, directory: Path) -> dict[str, str]:
        """What the user's shell exports: the stand-ins, the test user's token, private caches."""
        return {
            "HF_ENDPOINT": self.hub.url,
            "HF_TOKEN": TOKEN,
            "AA_API_KEY": DEFAULT_KEY,
            "AA_BASE_URL": self.aa.url,
            "HF_HOME": str(directory / "hf-home"),
            "HF_EVAL_CACHE": str(directory / "cache"),
            "HF_HUB_DISABLE_TELEMETRY": "1",
        }

    def write_files(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        env = self.environment(directory)
        lines = ["# The agent trial's environment: source it in every shell."]
        lines += [f"export {key}={shlex.quote(value)}" for key, value in env.items()]
        (directory / "env.sh").write_text("\n".join(lines) + "\n", encoding="utf-8")
        (directory / "tasks.md").write_text(
            TASKS_MD.format(
                user=USER, env=directory / "env.sh", table_repo=TABLE_REPO, aa_repo=AA_REPO,
                jobs_repo=JOBS_REPO, logs=LOGS_DATASET, split_repo=SPLIT_REPO,
            ),
            encoding="utf-8",
        )  # fmt: skip
        servers = {"hub": self.hub.url, "aa": self.aa.url, "state": self.hub.url + STATE_PATH}
        tmp = directory / "servers.json.tmp"
        tmp.write_text(json.dumps(servers, indent=2) + "\n", encoding="utf-8")
        tmp.replace(directory / "servers.json")  # written last: the harness is ready

    def state(self) -> dict:
        hub = self.hub
        with hub._lock:
            repos = {}
            for repo_id, seed_oid in self.seeded.items():
                repo = hub.repo(repo_id)
                repos[repo_id] = {
                    "seed": seed_oid,
                    "main": repo.refs["main"],
                    "commits": len(repo.commits),
                    "discussions": [
                        {
                            "num": d.num,
                            "title": d.title,
                            "author": d.author,
                            "status": d.status,
                            "is_pull_request": d.is_pull_request,
                            "readme": hub.read_file(repo_id, "README.md", d.ref)
                            if d.is_pull_request
                            else None,
                        }
                        for d in repo.discussions
                    ],
                }
            jobs = []
            for request in self.jobs.job_requests:
                body = request["body"]
                public = {k: v for k, v in body.items() if k != "secrets"}
                jobs.append(
                    {
                        "namespace": request["namespace"],
                        "command": body.get("command") or [],
                        "flavor": body.get("flavor"),
                        "secrets": sorted(body.get("secrets") or {}),
                        "token_as_secret": (body.get("secrets") or {}).get("HF_TOKEN") == TOKEN,
                        "token_elsewhere": TOKEN in json.dumps(public),
                    }
                )
        return {"user": USER, "repos": repos, "jobs": jobs}


def read_env(directory: Path) -> dict[str, str]:
    """The variables D/env.sh exports (for a test that runs commands as the agent would)."""
    env = {}
    for line in (directory / "env.sh").read_text(encoding="utf-8").splitlines():
        if line.startswith("export "):
            key, _, value = line[len("export ") :].partition("=")
            env[key] = shlex.split(value)[0] if value else ""
    return env


def serve(directory: Path, hub_port: int, aa_port: int) -> None:
    harness = Harness.start(hub_port, aa_port)
    harness.write_files(directory)
    print(
        f"Hub stand-in {harness.hub.url}, AA stand-in {harness.aa.url}; "
        f"give the agent {directory / 'tasks.md'} with {directory / 'env.sh'}; Ctrl-C stops",
        flush=True,
    )
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        harness.stop()


# --------------------------------------------------------------------------- check


@dataclass(frozen=True)
class Value:
    """One metric of a card's model-index."""

    entry: str
    benchmark: str  # dataset.name
    value: float
    source_name: str | None
    source_url: str | None
    thinking: bool | None  # metrics[].args.thinking: the mode the score was measured in


def model_index(readme: str | None) -> list[Value]:
    if not readme or not readme.lstrip("\ufeff").startswith("---"):
        return []
    front = yaml.safe_load(readme.lstrip("\ufeff").split("---", 2)[1]) or {}
    values = []
    for entry in front.get("model-index") or []:
        for block in entry.get("results") or []:
            source = block.get("source") or {}
            for metric in block.get("metrics") or []:
                values.append(
                    Value(
                        entry=str(entry.get("name")),
                        benchmark=str((block.get("dataset") or {}).get("name")),
                        value=float(metric.get("value")),
                        source_name=source.get("name"),
                        source_url=source.get("url"),
                        thinking=(metric.get("args") or {}).get("thinking"),
                    )
                )
    return values


@dataclass(frozen=True)
class Verdict:
    ok: bool
    reason: str


def _prs(state: dict, repo_id: str, *, opened_by_user: bool = True) -> list[dict]:
    return [
        d
        for d in state["repos"][repo_id]["discussions"]
        if d["is_pull_request"] and (not opened_by_user or d["author"] == state["user"])
    ]


def _main_untouched(state: dict, repo_id: str) -> str | None:
    repo = state["repos"][repo_id]
    if repo["main"] != repo["seed"]:
        return f"main of {repo_id} was changed (results belong in a PR)"
    return None


def _one_open_pr(state: dict, repo_id: str) -> tuple[dict | None, str | None]:
    prs = _prs(state, repo_id)
    open_prs = [d for d in prs if d["status"] == "open"]
    if not prs:
        return None, f"no pull request by {state['user']} on {repo_id}"
    if len(open_prs) != 1:
        return None, f"{len(open_prs)} open pull requests by {state['user']} on {repo_id}, not one"
    return open_prs[0], None


def _compare(found: list[Value], expected: dict[str, float], what: str) -> str | None:
    """None when `found` holds exactly `expected` (benchmark name -> value)."""
    got: dict[str, list[float]] = {}
    for value in found:
        got.setdefault(value.benchmark, []).append(value.value)
    for benchmark, values in got.items():
        if benchmark not in expected:
            return f"{what}: unexpected benchmark {benchmark!r} ({values})"
        if any(abs(v - expected[benchmark]) > 0.05 for v in values):
            return f"{what}: {benchmark} is {values}, expected {expected[benchmark]}"
    missing = sorted(set(expected) - set(got))
    return f"{what}: missing {', '.join(missing)}" if missing else None


def _readme_results(state: dict, repo_id: str) -> tuple[list[Value], str | None]:
    """The model-index values of the user's one open PR on `repo_id` (none on the seed card)."""
    problem = _main_untouched(state, repo_id)
    if problem:
        return [], problem
    pr, problem = _one_open_pr(state, repo_id)
    if pr is None:
        return [], problem
    return model_index(pr["readme"]), None


def _sources_are_the_readme(values: list[Value], repo_id: str) -> str | None:
    for value in values:
        url = value.source_url or ""
        if f"/{repo_id}/" not in url or "README.md" not in url:
            return f"{value.benchmark}: source {value.source_url!r} is not {repo_id}'s README"
    return None


def check_table(state: dict) -> Verdict:
    values, problem = _readme_results(state, TABLE_REPO)
    problem = (
        problem
        or _compare(values, EXPECTED_TABLE, "PR")
        or _sources_are_the_readme(values, TABLE_REPO)
    )
    if problem:
        return Verdict(False, problem)
    return Verdict(True, f"one open PR with {len(values)} values of the model's column, sourced")


def check_repeat(state: dict) -> Verdict:
    prs = _prs(state, TABLE_REPO)
    if len(prs) != 1:
        numbers = ", ".join(f"#{d['num']} ({d['status']})" for d in prs) or "none"
        return Verdict(False, f"{len(prs)} pull requests by {state['user']} (not one): {numbers}")
    if prs[0]["status"] != "open":
        return Verdict(False, f"PR #{prs[0]['num']} is {prs[0]['status']}, not open")
    return Verdict(True, f"still exactly one PR (#{prs[0]['num']}), no duplicate")


def check_aa(state: dict) -> Verdict:
    values, problem = _readme_results(state, AA_REPO)
    if problem:
        return Verdict(False, problem)
    aa = [v for v in values if v.source_name == "Artificial Analysis"]
    others = [v for v in values if v.source_name != "Artificial Analysis"]
    if others:
        return Verdict(False, f"values without AA attribution: {[v.benchmark for v in others]}")
    for value in aa:
        if value.benchmark not in EXPECTED_AA:
            return Verdict(False, f"unexpected label {value.benchmark!r} ({value.value})")
        if abs(value.value - EXPECTED_AA[value.benchmark]) > 0.05:
            return Verdict(
                False,
                f"{value.benchmark} is {value.value}, the Reasoning variant's is "
                f"{EXPECTED_AA[value.benchmark]} (wrong variant or scale)",
            )
        if value.source_url != AA_PAGE:
            return Verdict(False, f"{value.benchmark}: source {value.source_url!r}, not {AA_PAGE}")
        if value.thinking is not True:
            return Verdict(False, f"{value.benchmark}: not labelled as measured with thinking on")
    missing = [b for b in REQUIRED_AA if b not in {v.benchmark for v in aa}]
    if missing:
        return Verdict(False, f"missing {', '.join(missing)}")
    return Verdict(True, f"{len(aa)} values of the Reasoning variant, percent scale, attributed")


def check_jobs(state: dict) -> Verdict:
    jobs = state["jobs"]
    if len(jobs) != 1:
        return Verdict(False, f"{len(jobs)} jobs submitted, expected one smoke test")
    job = jobs[0]
    parsed = job_args(job["command"])
    problem = None
    if parsed.model != JOBS_REPO:
        problem = f"the job evaluates {parsed.model}, not {JOBS_REPO}"
    elif parsed.task != [JOBS_TASK]:
        problem = f"tasks {parsed.task}: a base model runs MMLU as {JOBS_TASK}"
    elif job["flavor"] not in FITTING_FLAVORS:
        problem = f"flavor {job['flavor']} does not fit a 7B BF16 model on one GPU"
    elif parsed.limit is None or parsed.limit > SMOKE_LIMIT_MAX:
        problem = f"--limit {parsed.limit}: not a smoke test"
    elif parsed.push_logs != LOGS_DATASET:
        problem = f"logs go to {parsed.push_logs}, not {LOGS_DATASET}"
    elif not job["token_as_secret"] or job["token_elsewhere"]:
        problem = "the token is not passed as the HF_TOKEN secret only"
    problem = problem or _main_untouched(state, JOBS_REPO)
    if not problem and state["repos"][JOBS_REPO]["discussions"]:
        problem = f"a pull request or discussion was opened on {JOBS_REPO}"
    if problem:
        return Verdict(False, problem)
    return Verdict(
        True,
        f"one {JOBS_TASK} smoke test (--limit {parsed.limit}) on {job['flavor']}; card untouched",
    )


def check_split(state: dict) -> Verdict:
    values, problem = _readme_results(state, SPLIT_REPO)
    if not problem:
        base = sorted({v.value for v in values} & BASE_VALUES)
        if base:
            problem = f"base-model values in the PR: {base}"
    problem = (
        problem
        or _compare(values, EXPECTED_SPLIT, "PR")
        or _sources_are_the_readme(values, SPLIT_REPO)
    )
    if problem:
        return Verdict(False, problem)
    return Verdict(True, f"one PR with the instruct table's {len(values)} values only")


CHECKS: tuple[tuple[str, Callable[[dict], Verdict]], ...] = (
    ("task 1 (README to PR)", check_table),
    ("task 2 (the repeat)", check_repeat),
    ("task 3 (AA, Reasoning variant)", check_aa),
    ("task 4 (HF Jobs smoke test)", check_jobs),
    ("task 5 (base/instruct split)", check_split),
)


def check(directory: Path) -> int:
    servers = json.loads((directory / "servers.json").read_text(encoding="utf-8"))
    with urllib.request.urlopen(servers["state"], timeout=10) as answer:  # noqa: S310 - 127.0.0.1
        state = json.load(answer)
    failed = 0
    for label, judge in CHECKS:
        try:
            verdict = judge(state)
        except (KeyError, TypeError, ValueError, yaml.YAMLError) as error:
            verdict = Verdict(False, f"cannot read the state: {type(error).__name__}: {error}")
        failed += not verdict.ok
        print(f"{'PASS' if verdict.ok else 'FAIL'} {label}: {verdict.reason}")
    return 0 if failed == 0 else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    sub = parser.add_subparsers(dest="command", required=True)
    serve_parser = sub.add_parser(
        "serve", help="start the stand-ins, seed, write env.sh and tasks.md"
    )
    serve_parser.add_argument("--dir", type=Path, required=True)
    serve_parser.add_argument("--hub-port", type=int, default=0)
    serve_parser.add_argument("--aa-port", type=int, default=0)
    check_parser = sub.add_parser("check", help="PASS/FAIL per task; exit 0 only if all pass")
    check_parser.add_argument("--dir", type=Path, required=True)
    args = parser.parse_args(argv)
    if args.command == "serve":
        serve(args.dir.resolve(), args.hub_port, args.aa_port)
        return 0
    return check(args.dir.resolve())


if __name__ == "__main__":
    sys.exit(main())
