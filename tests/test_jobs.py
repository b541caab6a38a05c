"""run-eval, job-status and job-logs against the Hub stand-in's Jobs endpoints.

run-eval goes through huggingface_hub's real run_uv_job: the script is uploaded (Xet) to
the user's private jobs-artifacts bucket and the job spec is posted. The tests check what
HF Jobs would receive (command, flavor, secrets, dependencies, the uploaded script) and
that the token is in the job's secrets and nowhere else: not in the arguments, the
environment, stdout or stderr.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import sys
from pathlib import Path

import pytest
from jobs_stub import JobsStub

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "scripts" / "inspect_eval_uv.py"
MODEL = "meta-llama/Llama-2-7b-hf"
SIZE_7B_F16 = {"parameters": {"F16": 6738415616}, "total": 6738415616}


@pytest.fixture
def jobs(hub):
    return JobsStub(hub).install()


@pytest.fixture
def alice(hub):
    return hub.add_user("alice", token="hf_alicesecrettoken0123456789")


@pytest.fixture
def llama(hub):
    hub.create_repo(
        MODEL,
        {"config.json": "{}", "tokenizer_config.json": json.dumps({"bos_token": "<s>"})},
        safetensors=SIZE_7B_F16,
    )
    return MODEL


def assert_no_token(token: str, *texts: str) -> None:
    for text in texts:
        assert token not in text


# --------------------------------------------------------------------------- sizing


def test_flavor_is_sized_from_parameters_and_dtype():
    from hfeval import jobs

    assert (
        jobs.choose_flavor(jobs.model_size({"F16": 6_738_415_616}), "transformers").flavor
        == "a10g-small"
    )
    assert (
        jobs.choose_flavor(jobs.model_size({"BF16": 13_015_864_320}), "transformers").flavor
        == "l40sx1"
    )
    # the same 7B in float32 needs twice the memory
    assert (
        jobs.choose_flavor(jobs.model_size({"F32": 6_738_415_616}), "transformers").flavor
        == "l40sx1"
    )
    big = jobs.choose_flavor(jobs.model_size({"BF16": 70_553_706_496}), "vllm")
    assert (big.flavor, big.gpus) == ("h200x2", 2)
    assert jobs.choose_flavor(None, "inference-providers").flavor == "cpu-basic"
    with pytest.raises(jobs.UsageError, match="--flavor"):
        jobs.choose_flavor(None, "transformers")


def test_job_references():
    from hfeval import jobs

    assert jobs.parse_job_ref("687fb701029421ae5549d998") == (None, "687fb701029421ae5549d998")
    assert jobs.parse_job_ref("org/687fb701") == ("org", "687fb701")
    assert jobs.parse_job_ref("https://huggingface.co/jobs/org/687fb701") == ("org", "687fb701")
    with pytest.raises(jobs.UsageError):
        jobs.parse_job_ref("a/b/c")


def test_dry_run_command_names_the_secret_and_separates_script_args():
    from hfeval import jobs

    request = jobs.JobRequest(
        model=MODEL,
        tasks=["mmlu"],
        flavor="a10g-small",
        backend="transformers",
        dependencies=["torch"],
    )
    command = request.hf_command("scripts/inspect_eval_uv.py")
    assert command.startswith("hf jobs uv run --flavor a10g-small --secrets HF_TOKEN ")
    assert "--with torch" in command
    assert command.endswith(
        f"scripts/inspect_eval_uv.py -- --model {MODEL} --task mmlu --backend transformers"
    )


# --------------------------------------------------------------------------- run-eval


def test_dry_run_prints_the_hf_command_and_submits_nothing(run_cli, jobs, alice, llama):
    result = run_cli("run-eval", "--model", MODEL, "--task", "mmlu", "--dry-run", token=alice)
    assert result.returncode == 0, result.stderr
    command = result.stdout.strip()
    assert command.startswith("hf jobs uv run --flavor a10g-small --secrets HF_TOKEN")
    for dependency in ("--with torch", "--with transformers", "--with accelerate"):
        assert dependency in command
    assert f"-- --model {MODEL} --task mmlu --backend transformers" in command
    assert "a10g-small has 24 GB" in result.stderr
    assert jobs.job_requests == [] and jobs.buckets == {}
    assert_no_token(alice, result.stdout, result.stderr)


def test_submission_sends_command_flavor_secret_and_dependencies(run_cli, jobs, alice, llama, hub):
    import hf_xet

    result = run_cli(
        "run-eval",
        "--model",
        MODEL,
        "--task",
        "mmlu",
        "gsm8k",
        "--limit",
        "20",
        "--detach",
        token=alice,
    )
    assert result.returncode == 0, result.stderr
    request = jobs.job_requests[0]
    body = request["body"]
    assert request["namespace"] == "alice"
    assert body["flavor"] == "a10g-small"
    assert body["secrets"] == {"HF_TOKEN": alice}
    assert body["command"][:8] == [
        "uv",
        "run",
        "--with",
        "torch",
        "--with",
        "transformers",
        "--with",
        "accelerate",
    ]
    assert body["command"][8] == "/data/inspect_eval_uv.py"
    assert body["command"][9:] == [
        "--model", MODEL, "--task", "mmlu", "gsm8k", "--backend", "transformers", "--limit", "20",
    ]  # fmt: skip
    assert body["environment"] == {"PYTHONUNBUFFERED": "1"}
    assert body["timeoutSeconds"] == 7200
    # the script itself went to the private artifacts bucket, mounted at /data
    volume = body["volumes"][0]
    assert (volume["type"], volume["source"], volume["mountPath"]) == (
        "bucket",
        "alice/jobs-artifacts",
        "/data",
    )
    files = jobs.bucket_files("alice/jobs-artifacts")
    (path, meta) = next(iter(files.items()))
    assert path == f"{volume['path']}/inspect_eval_uv.py"
    assert meta["xetHash"] == hf_xet.hash_files([str(SCRIPT)])[0].hash
    assert jobs.buckets["alice/jobs-artifacts"]["private"] is True
    # the token is a secret and nothing else
    without_secrets = json.dumps({k: v for k, v in body.items() if k != "secrets"})
    assert_no_token(alice, without_secrets, result.stdout, result.stderr)
    assert result.stdout.strip() == jobs.only_job()["id"]


def test_providers_run_on_cpu_basic_without_gpu_packages(run_cli, jobs, alice, hub):
    hub.create_repo("Qwen/Qwen2.5-7B-Instruct", {"config.json": "{}"})  # no size needed
    result = run_cli(
        "run-eval", "--model", "Qwen/Qwen2.5-7B-Instruct:together", "--task", "gsm8k",
        "--backend", "inference-providers", "--detach", "--json", token=alice,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    body = jobs.job_requests[0]["body"]
    assert body["flavor"] == "cpu-basic"
    assert body["command"][:3] == ["uv", "run", "/data/inspect_eval_uv.py"]
    assert "--backend" in body["command"] and "inference-providers" in body["command"]
    out = json.loads(result.stdout)
    assert out["job"]["secrets"] == ["HF_TOKEN"]
    assert_no_token(alice, result.stdout, result.stderr)


def test_wait_follows_the_job_and_imports_its_summary(run_cli, jobs, alice, llama, tmp_path):
    summary_lines = _real_summary_lines(tmp_path)
    jobs.on_create = lambda job: (["[inspect_eval_uv] running mmlu", *summary_lines], "COMPLETED")
    result = run_cli(
        "run-eval", "--model", MODEL, "--task", "mmlu", "--wait", "--json", token=alice
    )
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["job"]["stage"] == "COMPLETED"
    (mmlu,) = out["results"]
    assert mmlu["benchmark_id"] == "mmlu"
    assert mmlu["value"] == 75.0 and mmlu["scale"] == "percent"
    assert mmlu["setting"] == {"shots": 0, "cot": False}
    # without pushed logs, the job (whose log holds the summary) is the source
    assert mmlu["source"]["url"].endswith(f"/jobs/alice/{out['job']['id']}")
    assert "--push-logs" in out["publish_with"]
    assert_no_token(alice, result.stdout, result.stderr)


def test_a_failed_job_exits_non_zero(run_cli, jobs, alice, llama):
    jobs.on_create = lambda job: (
        ["Traceback ...", "error: task mmlu failed: CUDA out of memory"],
        "ERROR",
    )
    result = run_cli("run-eval", "--model", MODEL, "--task", "mmlu", token=alice)
    assert result.returncode == 1
    assert "ended ERROR" in result.stderr
    assert "CUDA out of memory" in result.stderr  # the followed log


def test_run_eval_needs_a_token_except_for_a_dry_run(run_cli, jobs, llama):
    result = run_cli("run-eval", "--model", MODEL, "--task", "mmlu")
    assert result.returncode == 1
    assert "needs a Hugging Face token" in result.stderr
    assert run_cli("run-eval", "--model", MODEL, "--task", "mmlu", "--dry-run").returncode == 0


def test_unknown_task_fails_before_any_request(run_cli, jobs, alice, hub):
    hub.clear_log()
    result = run_cli("run-eval", "--model", MODEL, "--task", "mmlux", token=alice)
    assert result.returncode == 2
    assert "unknown task 'mmlux'" in result.stderr
    assert [r for r in hub.requests() if "/api/agent-harnesses" not in r.path] == []


def test_gated_model_is_reported_before_submitting(run_cli, jobs, alice, hub):
    hub.create_repo(MODEL, {"config.json": "{}"}, gated=True, safetensors=SIZE_7B_F16)
    result = run_cli("run-eval", "--model", MODEL, "--task", "mmlu", token=alice)
    assert result.returncode == 1
    assert "gated" in result.stderr
    assert jobs.job_requests == []


# --------------------------------------------------------------------------- job-status / job-logs


def test_job_status_shows_stage_and_hides_secret_values(run_cli, jobs, alice):
    job_id = jobs.add_job("alice", stage="COMPLETED")
    result = run_cli("job-status", f"alice/{job_id}", "--json", token=alice)
    assert result.returncode == 0, result.stderr
    job = json.loads(result.stdout)["job"]
    assert (job["id"], job["stage"], job["flavor"]) == (job_id, "COMPLETED", "a10g-small")
    assert job["secrets"] == ["HF_TOKEN"]
    text = run_cli("job-status", job_id, token=alice)  # namespace from the token's user
    assert text.returncode == 0 and f"{job_id}  COMPLETED" in text.stdout


def test_job_logs_prints_the_log_and_follows_to_the_end(run_cli, jobs, alice):
    job_id = jobs.add_job("alice", stage="COMPLETED", logs=["line one", "line two"])
    result = run_cli("job-logs", job_id, "--follow", token=alice)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["line one", "line two"]
    tail = run_cli("job-logs", job_id, "--tail", "1", token=alice)
    assert tail.stdout.splitlines() == ["line two"]


def test_unknown_job_is_not_found(run_cli, jobs, alice):
    result = run_cli("job-status", "alice/000000000000000000000000", token=alice)
    assert result.returncode == 3
    assert "not found" in result.stderr


def test_summary_is_found_in_job_logs(tmp_path):
    from hfeval import jobs

    lines = ["setup", "[inspect_eval_uv] running", *_real_summary_lines(tmp_path), "error: nothing"]
    summary = jobs.summary_from_log_lines(lines)
    assert summary["tasks"][0]["task"] == "mmlu"
    assert jobs.summary_from_log_lines(["{", '"not": "a summary"', "}"]) is None


# --------------------------------------------------------------------------- helpers

_SUMMARY_CACHE: dict[str, list[str]] = {}


def _real_summary_lines(tmp_path: Path) -> list[str]:
    """stdout of a real (mock-model) inspect_eval_uv.py run, as job log lines."""
    if "lines" not in _SUMMARY_CACHE:
        spec = importlib.util.spec_from_file_location("inspect_eval_uv", SCRIPT)
        module = importlib.util.module_from_spec(spec)
        sys.modules.setdefault("inspect_eval_uv", module)
        spec.loader.exec_module(module)
        responses = tmp_path / "responses.json"
        responses.write_text(
            json.dumps(
                {
                    "rules": [
                        {"match": "sodium", "output": "ANSWER: B"},
                        {"match": "atmosphere", "output": "ANSWER: C"},
                        {"match": "7 multiplied", "output": "ANSWER: A"},
                    ],
                    "default": "ANSWER: B",
                }
            )
        )
        out = io.StringIO()
        args = ["--model", MODEL, "--task", "mmlu", "--backend", "mock", "--mock-responses", str(responses),
                "--dataset-file", str(ROOT / "tests" / "data" / "mmlu.jsonl"), "--log-dir", str(tmp_path / "logs")]  # fmt: skip
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
            assert module.main(args) == 0
        _SUMMARY_CACHE["lines"] = out.getvalue().splitlines()
    return _SUMMARY_CACHE["lines"]


def test_task_extras_travel_as_dependencies():
    from hfeval import jobs

    assert jobs.backend_dependencies("inference-providers", ["gsm8k"]) == []
    assert jobs.backend_dependencies("vllm", ["math"]) == ["vllm", "inspect-evals[math]==0.26.0"]
    ifeval = jobs.backend_dependencies("inference-providers", ["ifeval"])
    # not on PyPI: inspect-evals' ifeval checker comes from its git source
    assert ifeval == [
        "instruction_following_eval @ git+https://github.com/josejg/instruction_following_eval",
        "langdetect",
    ]
    request = jobs.JobRequest(model="o/m", tasks=["ifeval"], flavor="cpu-basic", backend="inference-providers",
                              dependencies=ifeval)  # fmt: skip
    assert (
        "--with 'instruction_following_eval @ git+https://github.com/josejg/instruction_following_eval'"
        in (request.hf_command("s.py"))
    )


# --------------------------------------------------------------------------- command-line hygiene


def test_unknown_flavor_is_a_usage_error_listing_the_valid_ones(run_cli, jobs, alice, llama, hub):
    hub.clear_log()
    result = run_cli(
        "run-eval", "--model", MODEL, "--task", "mmlu", "--flavor", "nosuchflavor", "--dry-run",
        token=alice,
    )  # fmt: skip
    assert result.returncode == 2
    (line,) = [l for l in result.stderr.splitlines() if l.startswith("error:")]  # noqa: E741
    assert "nosuchflavor" in line
    for valid in ("auto", "cpu-basic", "a10g-small", "h200x8"):
        assert valid in line
    assert result.stdout == ""
    assert [r for r in hub.requests() if "/api/agent-harnesses" not in r.path] == []
    # a real flavor name is accepted as given
    ok = run_cli("run-eval", "--model", MODEL, "--task", "mmlu", "--flavor", "l4x1", "--dry-run", token=alice)  # fmt: skip
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.startswith("hf jobs uv run --flavor l4x1 ")


def _closed_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize(
    "command",
    [
        ["run-eval", "--model", MODEL, "--task", "mmlu", "--dry-run"],
        ["job-status", "alice/687fb701029421ae5549d998"],
        ["job-logs", "alice/687fb701029421ae5549d998"],
        ["import-inspect", "--log", "hf://datasets/alice/eval-logs"],
    ],
)
def test_an_unreachable_hub_is_one_clear_line(run_cli, command):
    endpoint = f"http://127.0.0.1:{_closed_port()}"
    result = run_cli(*command, token="hf_unreachabletoken0123456789", env={"HF_ENDPOINT": endpoint})
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"error: cannot reach the Hub at {endpoint}")
    assert "unexpected" not in lines[0]
    assert "hf_unreachabletoken" not in result.stderr


def test_job_commands_without_a_token_say_how_to_get_one(run_cli, jobs):
    result = run_cli("job-status", "687fb701029421ae5549d998")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "error: job-status needs a Hugging Face token: set HF_TOKEN or run `hf auth login`"
    ]


def test_submitting_prints_no_progress_bars_or_library_warnings(run_cli, jobs, alice, llama):
    result = run_cli("run-eval", "--model", MODEL, "--task", "mmlu", "--detach", token=alice)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == jobs.only_job()["id"]
    noise = ("Warning", "experimental", "it/s", "%|", "\r")
    assert not [l for l in result.stderr.splitlines() if any(n in l for n in noise)], result.stderr  # noqa: E741


# --------------------------------------------------------------------------- one Hub gateway


def test_a_transient_503_on_model_info_does_not_fail_a_dry_run(run_cli, jobs, alice, llama, hub):
    hub.fail("GET", rf"^/api/models/{MODEL}$", 503, times=1)
    result = run_cli("run-eval", "--model", MODEL, "--task", "mmlu", "--dry-run", token=alice)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("hf jobs uv run --flavor a10g-small ")
    assert [r.status for r in hub.requests("GET", rf"^/api/models/{MODEL}$")] == [503, 200]


def test_a_missing_repo_is_one_message_in_show_run_eval_and_import_inspect(run_cli, jobs, alice):
    lines = {
        name: run_cli(*args, token=alice)
        for name, args in {
            "show": ["show", "--repo-id", "alice/missing"],
            "run-eval": ["run-eval", "--model", "alice/missing", "--task", "mmlu", "--dry-run"],
            "import-inspect": ["import-inspect", "--log", "hf://datasets/alice/missing"],
        }.items()
    }
    assert {name: r.returncode for name, r in lines.items()} == dict.fromkeys(lines, 1)
    assert {name: r.stderr.strip().splitlines()[-1] for name, r in lines.items()} == {
        "show": "error: repository alice/missing does not exist",
        "run-eval": "error: repository alice/missing does not exist",
        "import-inspect": "error: repository datasets/alice/missing does not exist",
    }


def test_job_status_retries_a_transient_failure(run_cli, jobs, alice, hub):
    job_id = jobs.add_job("alice", stage="COMPLETED")
    hub.fail("GET", rf"^/api/jobs/alice/{job_id}$", 502, times=1)
    result = run_cli("job-status", f"alice/{job_id}", "--json", token=alice)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["job"]["stage"] == "COMPLETED"


def test_steps_before_the_submission_are_retried(run_cli, jobs, alice, llama, hub):
    hub.fail("GET", r"^/api/whoami-v2$", 503, times=1)
    result = run_cli("run-eval", "--model", MODEL, "--task", "mmlu", "--detach", token=alice)
    assert result.returncode == 0, result.stderr
    assert len(jobs.job_requests) == 1


def test_a_failed_submission_is_never_sent_twice(run_cli, jobs, alice, llama, hub):
    hub.fail("POST", r"^/api/jobs/alice$", 503, times=None)
    result = run_cli("run-eval", "--model", MODEL, "--task", "mmlu", "--detach", token=alice)
    assert result.returncode == 1
    (line,) = result.stderr.strip().splitlines()[-1:]
    assert line == (
        "error: submitting the job for the token's namespace failed (HTTP 503) and may have "
        "taken effect: check `hf jobs ps` before trying again"
    )
    assert len(hub.requests("POST", r"^/api/jobs/alice$")) == 1
    assert_no_token(alice, result.stdout, result.stderr)


def test_a_submission_whose_answer_was_lost_is_reported_not_repeated(
    run_cli, jobs, alice, llama, hub
):
    hub.fail("POST", r"^/api/jobs/alice$", drop="after")
    result = run_cli("run-eval", "--model", MODEL, "--task", "mmlu", "--detach", token=alice)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines()[-1] == (
        "error: submitting the job for the token's namespace failed (RemoteProtocolError) and "
        "may have taken effect: check `hf jobs ps` before trying again"
    )
    assert len(jobs.job_requests) == 1
