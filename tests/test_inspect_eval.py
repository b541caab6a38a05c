"""inspect_eval_uv.py end to end, offline: the real task code on the datasets we ship.

The model is inspect's mockllm whose outputs carry token usage (plain mockllm downloads a
tokenizer, which fails offline), answering from rules keyed on the question text. Each
dataset has four questions and the rules answer three correctly, so every score below is
hand-computed: 3 of 4 right is 0.75, and its stderr is sqrt(0.75*0.25/3)... = 0.25.
Runs share module-scoped fixtures because importing inspect costs seconds.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "inspect_eval_uv.py"
DATA = ROOT / "tests" / "data"


def _load_script():
    spec = importlib.util.spec_from_file_location("inspect_eval_uv", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("inspect_eval_uv", module)
    spec.loader.exec_module(module)
    return module


ev = _load_script()

# Rules: the first whose text occurs in the prompt's last user message answers.
RESPONSES = {
    "rules": [
        # MMLU (0- and 5-shot): right, right, right, wrong (the answer is D)
        {"match": "chemical symbol for sodium", "output": "ANSWER: B"},
        {"match": "most of Earth's atmosphere", "output": "ANSWER: C"},
        {"match": "7 multiplied by 8", "output": "ANSWER: A"},
        {"match": "sides does a hexagon", "output": "ANSWER: B"},
        # GSM8K: right, right, right, wrong (30 / 6 = 5)
        {"match": "Tom has 3 boxes", "output": "3 boxes of 4 is 12.\nANSWER: 12"},
        {"match": "A pen costs 2 dollars", "output": "ANSWER: 10"},
        {"match": "Sara read 15 pages", "output": "15 + 20 = 35\nANSWER: 35"},
        {"match": "teams of 6", "output": "ANSWER: 6"},
        # BBH: multiple choice right, binary right, exact match wrong (4), dyck right
        {"match": "What is the date tomorrow", "output": "ANSWER: A"},
        {"match": "not ( True and False )", "output": "It is True.\nANSWER: True"},
        {"match": "a chair, two tables", "output": "ANSWER: 5"},
        {"match": "Input: ( [", "output": "ANSWER: ] )"},
        # ARC (numeric labels in arc-3): right, right, right, wrong
        {"match": "source of light", "output": "ANSWER: B"},
        {"match": "plants need to make food", "output": "ANSWER: A"},
        {"match": "fixed shape", "output": "ANSWER: C"},
        {"match": "pulls objects toward Earth", "output": "ANSWER: A"},
        # AIME 2025: boxed, plain, trailing $$ line, wrong (10 primes)
        {
            "match": "positive divisors of 36",
            "output": "Divisors: 1,2,3,4,6,9,12,18,36.\nANSWER: \\boxed{9}",
        },
        {"match": "2^10 is divided by 7", "output": "ANSWER: 2"},
        {"match": "Compute 13 * 17", "output": "ANSWER: 221\n$$"},
        {"match": "primes are less than 30", "output": "ANSWER: 11"},
    ],
    "default": "ANSWER: A",
}

CODE_RESPONSES = {
    "rules": [
        # HumanEval: right, right, wrong, never returns
        {
            "match": "def add(",
            "output": "```python\ndef add(a: int, b: int) -> int:\n    return a + b\n```",
        },
        {
            "match": "def is_even(",
            "output": "```python\ndef is_even(n: int) -> bool:\n    return n % 2 == 0\n```",
        },
        {
            "match": "def reverse(",
            "output": "```python\ndef reverse(s: str) -> str:\n    return s\n```",
        },
        {
            "match": "def largest(",
            "output": "```python\ndef largest(xs: list) -> int:\n    while True:\n        pass\n```",
        },
        # LiveCodeBench: stdin right, stdin wrong, functional right, functional wrong
        {
            "match": "print a+b",
            "output": "```python\na, b = map(int, input().split())\nprint(a + b)\n```",
        },
        {
            "match": "print the largest",
            "output": "```python\nn = int(input())\nprint(min(map(int, input().split())))\n```",
        },
        {
            "match": "how many elements are even",
            "output": "```python\nclass Solution:\n    def countEven(self, nums: List[int]) -> int:\n"
            "        return sum(1 for x in nums if x % 2 == 0)\n```",
        },
        {
            "match": "a followed by b",
            "output": "```python\nclass Solution:\n    def concat(self, a: str, b: str) -> str:\n        return b + a\n```",
        },
    ],
    "default": "no code",
}


def run_main(args: list[str], cwd: Path) -> tuple[int, dict | None, str]:
    """Run the script's main() in this process (inspect imported once per session)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err), contextlib.chdir(cwd):
        code = ev.main(args)
    text = out.getvalue()
    return code, (json.loads(text) if text.strip() else None), err.getvalue()


def mock_args(
    tmp: Path, responses: dict, *tasks_and_files: tuple[str, str], extra: list[str] = ()
) -> list[str]:
    responses_file = tmp / f"responses-{abs(hash(json.dumps(responses))) % 10**8}.json"
    responses_file.write_text(json.dumps(responses))
    args = [
        "--model",
        "example-org/tiny-model",
        "--backend",
        "mock",
        "--mock-responses",
        str(responses_file),
    ]
    args += ["--task", *[t for t, _ in tasks_and_files]]
    for task, data in tasks_and_files:
        args += ["--dataset-file", f"{task}={DATA / data}"]
    return args + list(extra)


@pytest.fixture(scope="module")
def knowledge_run(tmp_path_factory):
    """Multiple choice, math answers and BBH in one run, as a user would batch them."""
    tmp = tmp_path_factory.mktemp("knowledge")
    args = mock_args(
        tmp,
        RESPONSES,
        ("mmlu", "mmlu.jsonl"),
        ("mmlu_5_shot", "mmlu.jsonl"),
        ("gsm8k", "gsm8k.jsonl"),
        ("bbh", "bbh.jsonl"),
        ("arc_challenge", "arc_challenge.jsonl"),
        ("aime2025", "aime2025.jsonl"),
        extra=["--log-dir", str(tmp / "logs")],
    )
    code, summary, stderr = run_main(args, tmp)
    assert code == 0, stderr
    return {
        "summary": summary,
        "stderr": stderr,
        "dir": tmp / "logs",
        "by_task": {t["task"]: t for t in summary["tasks"]},
    }


@pytest.fixture(scope="module")
def code_run(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("code")
    runs = {}
    for task, data, extra in (
        ("humaneval", "humaneval.jsonl", ["--task-args", "timeout=1"]),
        (
            "livecodebench",
            "livecodebench.jsonl",
            ["--task-args", "start_date=2024-09-01", "end_date=2024-12-31", "timeout=2"],
        ),
    ):
        args = mock_args(
            tmp,
            CODE_RESPONSES,
            (task, data),
            extra=["--allow-code-execution", "--log-dir", str(tmp / task), *extra],
        )
        code, summary, stderr = run_main(args, tmp)
        assert code == 0, stderr
        runs[task] = summary["tasks"][0]
    return runs


def read_samples(log_file: str):
    from inspect_ai.log import read_eval_log

    return read_eval_log(log_file).samples


# ------------------------------------------------------------------ scores


@pytest.mark.parametrize(
    "task", ["mmlu", "mmlu_5_shot", "gsm8k", "bbh", "arc_challenge", "aime2025"]
)
def test_three_of_four_right_scores_0_75(knowledge_run, task):
    result = knowledge_run["by_task"][task]
    assert result["status"] == "success"
    assert result["score"] == pytest.approx(0.75)
    # sample standard deviation of [1, 1, 1, 0] over sqrt(4)
    assert result["stderr"] == pytest.approx(0.25)
    assert result["samples"] == {
        "scored": 4,
        "unscored": 0,
        "total": 4,
        "completed": 4,
        "dataset": 4,
    }
    assert result["partial"] is False


def test_mmlu_5_shot_prompts_with_five_examples_of_the_same_subject(knowledge_run):
    samples = read_samples(knowledge_run["by_task"]["mmlu_5_shot"]["log_file"])
    sample = next(
        s for s in samples if "sodium" in str(s.messages[-2].text if len(s.messages) > 1 else "")
    )
    system = [m for m in sample.messages if m.role == "system"]
    assert (
        system[0].text == "The following are multiple choice questions about high_school_chemistry."
    )
    shots = [m for m in sample.messages if m.role == "assistant"][:-1]
    assert len(shots) == 5
    assert all(m.text.startswith("Answer: ") for m in shots)
    assert not any("10 divided by 2" in m.text for m in sample.messages)  # other subject's examples


def test_gsm8k_uses_ten_training_examples_as_few_shot(knowledge_run):
    samples = read_samples(knowledge_run["by_task"]["gsm8k"]["log_file"])
    system = next(m for m in samples[0].messages if m.role == "system").text
    assert system.count("ANSWER:") == 10
    assert "Ann has 10 marbles" in system
    assert knowledge_run["by_task"]["gsm8k"]["settings"]["shots"] == 10


def test_bbh_scores_each_subset_kind(knowledge_run):
    result = knowledge_run["by_task"]["bbh"]
    samples = read_samples(result["log_file"])
    by_subset = {s.metadata["dataset_name"]: next(iter(s.scores.values())).value for s in samples}
    assert by_subset == {
        "date_understanding": "C",
        "boolean_expressions": "C",
        "object_counting": "I",
        "dyck_languages": "C",
    }
    inputs = {s.metadata["dataset_name"]: s.input for s in samples}
    # multiple choice: the 3-shot prompt as is; the others: the ANSWER-line instruction first
    assert inputs["date_understanding"].startswith("Example questions about date understanding")
    assert inputs["boolean_expressions"].startswith(
        "Make sure you output your answer on the last line"
    )
    assert "Example questions about boolean expressions" in inputs["boolean_expressions"]


def test_humaneval_judges_generated_code(code_run):
    result = code_run["humaneval"]
    assert result["metric"] == "pass@1"
    assert result["score"] == pytest.approx(0.5)
    samples = {s.id: s for s in read_samples(result["log_file"])}
    judge = {
        sid: next(iter(s.scores.values())).metadata["judge"]["status"] for sid, s in samples.items()
    }
    assert judge == {
        "Local/0": "passed",
        "Local/1": "passed",
        "Local/2": "failed",
        "Local/3": "timeout",
    }


def test_livecodebench_selects_the_date_window_and_runs_hidden_tests(code_run):
    result = code_run["livecodebench"]
    # only the problems of 2024-09-15 and 2024-10-01 are in the window
    assert result["samples"]["dataset"] == 2
    assert result["score"] == pytest.approx(0.5)
    samples = {s.id: s for s in read_samples(result["log_file"])}
    assert set(samples) == {"lcb-max", "lcb-even"}
    # lcb-even's private tests were base64(zlib(pickle(JSON))) in the record
    assert samples["lcb-even"].metadata["tests"][-1] == {
        "input": "[6, 8, 10, 3]",
        "output": "3",
        "testtype": "functional",
    }


def test_gpqa_runs_four_epochs(tmp_path):
    responses = {
        "rules": [{"match": "electromagnetic force", "output": "ANSWER: A"}],
        "default": "ANSWER: B",
    }
    args = mock_args(
        tmp_path,
        responses,
        ("gpqa_diamond", "gpqa_diamond.jsonl"),
        extra=["--task-args", "shuffle_choices=false"],
    )
    code, summary, stderr = run_main(args, tmp_path)
    assert code == 0, stderr
    task = summary["tasks"][0]
    assert task["settings"]["epochs"] == 4
    assert task["samples"]["total"] == 8
    assert task["score"] == pytest.approx(0.5)
    assert task["partial"] is False


# ------------------------------------------------------------------ summary


def test_summary_holds_every_field(knowledge_run):
    summary = knowledge_run["summary"]
    for key in ("ok", "model", "model_revision", "backend", "tasks", "versions", "command", "started_at",
                "finished_at", "duration_s", "log_dir", "summary_file"):  # fmt: skip
        assert key in summary, key
    assert summary["ok"] is True
    assert summary["versions"]["inspect_ai"]
    assert "inspect_evals" in summary["versions"]
    task = knowledge_run["by_task"]["mmlu"]
    for key in ("task", "score", "stderr", "samples", "settings", "model", "dataset", "duration_s", "log_file", "status", "error", "partial"):  # fmt: skip
        assert key in task, key
    settings = task["settings"]
    for key in ("backend", "limit", "epochs", "temperature", "max_tokens", "max_connections", "model_args",
                "task_args", "shots", "cot", "implementation", "prompt_format"):  # fmt: skip
        assert key in settings, key
    assert settings["shots"] == 0 and settings["cot"] is False and settings["temperature"] == 0.0
    assert task["model"]["id"] == "example-org/tiny-model" and "revision" in task["model"]
    assert task["dataset"]["revision"].startswith("sha256:")
    assert "--task mmlu mmlu_5_shot" in summary["command"]


def test_summary_file_beside_the_logs_matches_stdout(knowledge_run):
    on_disk = json.loads((knowledge_run["dir"] / "summary.json").read_text())
    assert on_disk == knowledge_run["summary"]
    assert len(list(knowledge_run["dir"].glob("*.eval"))) == 6


def test_limit_makes_a_partial_run(tmp_path):
    args = mock_args(tmp_path, RESPONSES, ("mmlu", "mmlu.jsonl"), extra=["--limit", "2"])
    code, summary, _ = run_main(args, tmp_path)
    task = summary["tasks"][0]
    assert code == 0
    assert task["partial"] is True
    assert task["samples"]["scored"] == 2 and task["samples"]["dataset"] == 4


def test_a_failed_task_exits_non_zero_with_its_error(tmp_path):
    responses = {
        "rules": [{"match": "sodium", "raise": "provider unavailable (503)"}],
        "default": "ANSWER: A",
    }
    args = mock_args(
        tmp_path, responses, ("mmlu", "mmlu.jsonl"), ("arc_challenge", "arc_challenge.jsonl")
    )
    code, summary, stderr = run_main(args, tmp_path)
    assert code == 1
    assert summary["ok"] is False
    failed = {t["task"]: t for t in summary["tasks"]}
    assert failed["mmlu"]["status"] == "error"
    assert "provider unavailable (503)" in failed["mmlu"]["error"]
    assert failed["arc_challenge"]["status"] == "success"  # the other task still ran
    assert "error: task mmlu failed: " in stderr


def test_a_broken_record_fails_the_task_not_the_process(tmp_path):
    broken = tmp_path / "broken.jsonl"
    broken.write_text(
        json.dumps({"question": "no choices here", "answer": 0, "subject": "x"}) + "\n"
    )
    args = ["--model", "o/m", "--backend", "mock", "--task", "mmlu", "--dataset-file", str(broken)]
    code, summary, stderr = run_main(args, tmp_path)
    assert code == 1
    assert "KeyError" in summary["tasks"][0]["error"]


# ------------------------------------------------------------------ as a process


@pytest.mark.slow
def test_seed_style_command_line_as_a_whole_process(tmp_path):
    """`--secret HF_TOKEN=...` and a passed-through `--` (the seed's form) work, and the
    token appears nowhere: not in stdout, stderr, the summary or the logs' command."""
    token = "hf_seedsecretvalue0123456789"
    responses = tmp_path / "r.json"
    responses.write_text(json.dumps(RESPONSES))
    argv = [
        "--secret", f"HF_TOKEN={token}", "--",
        "--model", "example-org/tiny-model", "--task", "mmlu", "--backend", "mock",
        "--mock-responses", str(responses), "--dataset-file", str(DATA / "mmlu.jsonl"),
        "--log-dir", str(tmp_path / "logs"),
    ]  # fmt: skip
    env = {k: v for k, v in os.environ.items() if k not in ("HF_TOKEN",)}
    proc = subprocess.run(
        [sys.executable, str(SCRIPT), *argv], capture_output=True, text=True, env=env, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    summary = json.loads(proc.stdout)
    assert summary["tasks"][0]["score"] == pytest.approx(0.75)
    assert "--secrets HF_TOKEN" in proc.stderr  # the safe form is named
    assert "--secret 'HF_TOKEN=***'" in summary["command"]
    for text in (proc.stdout, proc.stderr, (tmp_path / "logs" / "summary.json").read_text()):
        assert token not in text
    for log in (tmp_path / "logs").glob("*.eval"):
        assert token.encode() not in log.read_bytes()


def test_code_tasks_are_refused_outside_a_job_without_the_flag(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "JOB_ID"}
    proc = subprocess.run(
        [sys.executable, str(SCRIPT), "--model", "o/m", "--backend", "mock", "--task", "humaneval",
         "--dataset-file", str(DATA / "humaneval.jsonl")],
        capture_output=True, text=True, env=env, timeout=60, cwd=tmp_path,
    )  # fmt: skip
    assert proc.returncode == 2
    assert "--allow-code-execution" in proc.stderr
    assert proc.stdout == ""


def test_unknown_task_is_a_usage_error_listing_the_tasks(tmp_path):
    code, summary, stderr = run_main(
        ["--model", "o/m", "--task", "mmlux", "--backend", "mock"], tmp_path
    )
    assert code == 2 and summary is None
    assert "unknown task 'mmlux'" in stderr and "gpqa_diamond" in stderr


# ------------------------------------------------------------------ builders

# The shipped file each builtin task reads (arc_easy has ARC-Challenge's record format), and
# one record inline for the families without a shipped file.
SHIPPED = {
    "mmlu": "mmlu.jsonl", "mmlu_5_shot": "mmlu.jsonl", "gsm8k": "gsm8k.jsonl", "bbh": "bbh.jsonl",
    "arc_challenge": "arc_challenge.jsonl", "arc_easy": "arc_challenge.jsonl",
    "aime2025": "aime2025.jsonl", "gpqa_diamond": "gpqa_diamond.jsonl",
    "humaneval": "humaneval.jsonl", "livecodebench": "livecodebench.jsonl",
}  # fmt: skip
INLINE = {
    "mmlu_pro": {"question_id": 70, "question": "Pick B", "options": ["a", "b", "c"], "answer": "B",
                 "cot_content": "", "category": "Math"},
    "hellaswag": {"ctx": "A man walks", "endings": ["a", "b", "c", "d"], "label": "2",
                  "source_id": "s1"},
    "aime2024": {"ID": "2024-I-1", "Problem": "What is 2+2?", "Answer": 4, "Solution": "4"},
}  # fmt: skip
BUILTIN_TASKS = [name for name in ev.task_names() if ev.TASKS[name].builtin]


@pytest.fixture
def no_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a builder tried to open a network connection")

    monkeypatch.setattr("socket.socket.connect", refuse)
    monkeypatch.setattr("socket.create_connection", refuse)


def test_every_builtin_name_has_one_registered_builder_and_back():
    assert {ev.TASKS[name].builtin for name in BUILTIN_TASKS} == set(ev.BUILTIN_BUILDERS)


@pytest.mark.parametrize("name", BUILTIN_TASKS)
def test_every_builtin_task_builds_from_local_data_offline(name, tmp_path, no_network):
    from inspect_ai import Task

    spec = ev.TASKS[name]
    if name in INLINE:
        data = tmp_path / f"{name}.jsonl"
        data.write_text(json.dumps(INLINE[name]) + "\n")
        expected = 1
    else:
        data = DATA / SHIPPED[name]  # a builtin task without data here fails with KeyError
        expected = 2 if name == "gpqa_diamond" else 4
    task = ev.build_builtin_task(spec, ev.DataSource(spec, file=str(data)), {})
    assert isinstance(task, Task)
    assert len(task.dataset) == expected
    assert task.metadata["hfeval_task"] == name
    assert task.metadata["dataset"] == str(data.resolve())


def test_a_task_argument_the_builder_does_not_take_is_refused_naming_those_it_does():
    spec = ev.TASKS["mmlu"]
    source = ev.DataSource(spec, file=str(DATA / "mmlu.jsonl"))
    with pytest.raises(ev.UsageError, match=r"mmlu: unknown --task-args \['fewshot'\] "):
        ev.build_builtin_task(spec, source, {"fewshot": 5})
    with pytest.raises(ev.UsageError, match=r"allowed: \['shuffle', 'subjects'\]"):
        ev.build_builtin_task(spec, source, {"fewshot": 5})


def test_the_runner_uses_only_inspect_ais_public_api():
    """Private modules (inspect_ai._util, inspect_ai.scorer._common, ...) change without
    notice between releases, and the runner floats on inspect-ai>=: every name it imports
    must come from a public module and exist in the installed version."""
    import ast
    import importlib

    public = {"inspect_ai", "inspect_ai.dataset", "inspect_ai.scorer", "inspect_ai.solver",
              "inspect_ai.model", "inspect_ai.log"}  # fmt: skip
    source = SCRIPT.read_text(encoding="utf-8")
    assert "inspect_ai._" not in source
    imported: list[tuple[str, str]] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("inspect_ai"):
            imported += [(node.module, alias.name) for alias in node.names]
        elif isinstance(node, ast.Import):
            imported += [(a.name, "") for a in node.names if a.name.startswith("inspect_ai")]
    assert imported, "the runner imports nothing from inspect_ai?"
    for module, name in imported:
        assert module in public, module
        assert not name.startswith("_"), f"{module}.{name}"
        if name:
            assert hasattr(importlib.import_module(module), name), f"{module}.{name}"


# ------------------------------------------------------------------ pure decisions


def test_the_plan_settles_every_task_before_any_work(tmp_path):
    log_dir = tmp_path / "logs"
    argv = ["--model", "o/m", "--backend", "mock", "--task", "bbh", "gsm8k", "mmlu",
            "--dataset-file", f"gsm8k={DATA / 'gsm8k.jsonl'}", "--task-args",
            "prompt_type=chain_of_thought", "--log-dir", str(log_dir)]  # fmt: skip
    args = ev.build_parser().parse_args(argv)
    plan = ev.plan_run(args, argv, ev.Secrets(), warn=lambda message: None)
    bbh, gsm8k, mmlu = plan.tasks
    assert (bbh.shots, bbh.cot) == (3, True)  # the prompt type decides BBH's shots and CoT
    assert bbh.task_args == {"prompt_type": "chain_of_thought"}
    assert (gsm8k.implementation, gsm8k.inspect_task) == ("builtin", "builtin/gsm8k")
    assert gsm8k.dataset_file == str(DATA / "gsm8k.jsonl") and mmlu.dataset_file is None
    assert plan.inspect_model == "mockllm/model" and plan.log_dir == log_dir
    assert not log_dir.exists()  # planning writes nothing


def test_every_task_of_the_quest_is_known():
    names = ["mmlu", "mmlu_5_shot", "mmlu_pro", "gsm8k", "arc_challenge", "arc_easy", "bbh", "aime2025",
             "aime2024", "gpqa_diamond", "ifeval", "hellaswag", "math", "hle", "livecodebench", "humaneval"]  # fmt: skip
    specs = ev.resolve_tasks(names)
    assert [s.name for s in specs] == names
    assert ev.resolve_tasks(["inspect_evals/mmlu_0_shot"])[0].name == "mmlu"
    assert {s.name for s in specs if s.code} == {"livecodebench", "humaneval"}


def test_implementation_choice():
    mmlu, ifeval, lcb = ev.TASKS["mmlu"], ev.TASKS["ifeval"], ev.TASKS["livecodebench"]
    assert ev.plan_implementation(mmlu, "auto", None, True) == "inspect-evals"
    assert ev.plan_implementation(mmlu, "auto", None, False) == "builtin"
    assert ev.plan_implementation(mmlu, "auto", "data.jsonl", True) == "builtin"
    assert (
        ev.plan_implementation(lcb, "auto", None, True) == "builtin"
    )  # inspect-evals' needs Docker
    with pytest.raises(ev.UsageError):
        ev.plan_implementation(ifeval, "auto", None, False)
    with pytest.raises(ev.UsageError):
        ev.plan_implementation(ifeval, "auto", "x.jsonl", True)


@pytest.mark.parametrize(
    ("requested", "gpus", "vllm", "expected"),
    [
        ("auto", 1, False, "transformers"),
        ("auto", 1, True, "vllm"),
        ("auto", 0, True, "inference-providers"),
        ("vllm", 0, False, "vllm"),
    ],
)
def test_backend_choice(requested, gpus, vllm, expected):
    assert ev.choose_backend(requested, gpus, vllm) == expected


def test_model_names_per_backend():
    assert (
        ev.inspect_model_name("inference-providers", "org/m:together")
        == "hf-inference-providers/org/m:together"
    )
    assert ev.inspect_model_name("transformers", "org/m") == "hf/org/m"
    assert ev.inspect_model_name("vllm", "org/m") == "vllm/org/m"


def test_heavy_packages_come_by_re_running_under_uv_without_the_secret():
    command = ev.reexec_command(
        "/usr/bin/uv",
        ["vllm"],
        SCRIPT,
        ["--secret", "HF_TOKEN=hf_abcdefghijk", "--model", "m", "--task", "mmlu"],
    )
    assert command[:4] == ["/usr/bin/uv", "run", "--with", "vllm"]
    assert command[-4:] == ["--model", "m", "--task", "mmlu"]
    assert not any("hf_abc" in part for part in command)
    assert ev.BACKEND_PACKAGES["inference-providers"] == (("openai", "openai>=3.4"),)
    assert {req for _, req in ev.BACKEND_PACKAGES["transformers"]} == {
        "torch",
        "transformers",
        "accelerate",
    }


def test_base_model_plan():
    specs = ev.resolve_tasks(["mmlu", "mmlu_5_shot"])
    with pytest.raises(ev.UsageError, match="inference providers serve chat models"):
        ev.base_model_plan("meta-llama/Llama-2-7b-hf", False, "inference-providers", specs)
    prompt, advice = ev.base_model_plan("meta-llama/Llama-2-7b-hf", False, "transformers", specs)
    assert prompt == "completion"
    assert (
        "mmlu uses an instruction prompt" in advice
        and "mmlu_5_shot" in advice.split("suit them better:")[1]
    )
    assert ev.base_model_plan("org/chat", True, "inference-providers", specs) == ("chat", None)
    assert ev.base_model_plan("org/unknown", None, "transformers", specs) == ("chat", None)


# ------------------------------------------------------------------ against the Hub stand-in


def test_hub_facts_tell_base_models_from_chat_models(hub):
    hub.create_repo(
        "meta-llama/Llama-2-7b-hf", {"tokenizer_config.json": json.dumps({"bos_token": "<s>"})}
    )
    hub.create_repo(
        "org/chat", {"tokenizer_config.json": json.dumps({"chat_template": "{{ messages }}"})}
    )
    base = ev.hub_model_facts("meta-llama/Llama-2-7b-hf", None, None)
    assert base["chat_template"] is False and len(base["revision"]) == 40
    assert ev.hub_model_facts("org/chat", None, None)["chat_template"] is True


def test_a_gated_model_without_access_fails_before_any_work(hub):
    hub.create_repo("meta-llama/Llama-2-7b-hf", {"tokenizer_config.json": "{}"}, gated=True)
    with pytest.raises(ev.UsageError, match="gated"):
        ev.hub_model_facts("meta-llama/Llama-2-7b-hf", None, None)


def test_base_model_on_providers_is_refused_up_front(hub, tmp_path):
    hub.create_repo(
        "meta-llama/Llama-2-7b-hf", {"tokenizer_config.json": json.dumps({"bos_token": "<s>"})}
    )
    env = {k: v for k, v in os.environ.items() if k != "HF_TOKEN"}
    proc = subprocess.run(
        [sys.executable, str(SCRIPT), "--model", "meta-llama/Llama-2-7b-hf", "--task", "mmlu",
         "--backend", "inference-providers", "--log-dir", str(tmp_path / "logs")],
        capture_output=True, text=True, env=env, timeout=60, cwd=tmp_path,
    )  # fmt: skip
    assert proc.returncode == 2, proc.stderr
    assert "no chat template" in proc.stderr and "a10g-small" in proc.stderr


def test_seed_command_on_a_gpu_job_installs_its_backend_by_re_running_under_uv(tmp_path):
    """What the job runs for the seed (`--secret HF_TOKEN=... --model meta-llama/Llama-2-7b-hf
    --task mmlu`, as hf hands it over): a GPU is seen, the transformers backend is chosen,
    and the script re-runs itself under `uv run --with torch --with transformers --with
    accelerate` with the token in the environment and not in the arguments."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    record = tmp_path / "uv-call.json"
    (bin_dir / "nvidia-smi").write_text("#!/bin/sh\necho 'GPU 0: NVIDIA A10G (UUID: GPU-0000)'\n")
    (bin_dir / "uv").write_text(
        "#!/usr/bin/env python3\nimport json, os, sys\n"
        f"json.dump({{'argv': sys.argv[1:], 'token': os.environ.get('HF_TOKEN'), "
        f"'marker': os.environ.get('INSPECT_EVAL_UV_REEXEC')}}, open({str(record)!r}, 'w'))\n"
    )
    for exe in bin_dir.iterdir():
        exe.chmod(0o755)
    token = "hf_seedsecretvalue0123456789"
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("HF_TOKEN", "JOB_ID", "INSPECT_EVAL_UV_REEXEC")
    }
    env["PATH"] = f"{bin_dir}:{env['PATH']}"
    proc = subprocess.run(
        [sys.executable, str(SCRIPT), "--secret", f"HF_TOKEN={token}", "--model", "meta-llama/Llama-2-7b-hf",
         "--task", "mmlu"],
        capture_output=True, text=True, env=env, timeout=60, cwd=tmp_path,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    call = json.loads(record.read_text())
    assert call["argv"][:7] == [
        "run",
        "--with",
        "torch",
        "--with",
        "transformers",
        "--with",
        "accelerate",
    ]
    assert call["argv"][7:] == [
        str(SCRIPT),
        "--model",
        "meta-llama/Llama-2-7b-hf",
        "--task",
        "mmlu",
    ]
    assert call["token"] == token and call["marker"] == "1"
    assert token not in proc.stdout + proc.stderr
    assert "--secrets HF_TOKEN" in proc.stderr


def test_gpu_benchmark_says_not_measured_where_torch_is_missing():
    # the dev environment has no torch: the figure is "not measured", not a traceback
    import importlib.util as util

    if util.find_spec("torch") is not None:
        pytest.skip("torch is installed here")
    proc = subprocess.run(
        [sys.executable, str(ROOT / "measurements" / "inspect_gpu.py"), "--samples", "4"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "not measured: torch is not installed (needs a GPU machine)"
    assert "Traceback" not in proc.stderr
