"""`run-eval`: evaluate a Hub model with inspect-ai on Hugging Face Jobs.

Submits scripts/inspect_eval_uv.py through huggingface_hub's run_uv_job with HF_TOKEN as
a job secret, on hardware sized from the model (or cpu-basic when an inference provider
runs the model). --dry-run prints the equivalent `hf jobs uv run` command and submits
nothing; --wait follows the job to its end and imports its results.
"""

from __future__ import annotations

import json
import sys
import time

from .errors import EXIT_ERROR, EXIT_OK, HubError, InputError, UsageError
from .redact import redact

NAME = "run-eval"
HELP = "run an inspect-ai evaluation of a model on Hugging Face Jobs"
ORDER = 80
DESCRIPTION = """Run inspect-ai tasks on a Hub model as a Hugging Face Job (scripts/inspect_eval_uv.py).

--flavor auto sizes the hardware from the model's safetensors parameter counts and dtypes
(weights x 1.2 + 2 GB must fit in 90 % of the GPU memory); with --backend
inference-providers the model runs at a provider and the job needs only cpu-basic.
--backend auto runs the model on the job's GPU (transformers; vllm with --backend vllm).
The token is sent as the job secret HF_TOKEN and never printed. By default the job's logs
are followed until it ends; --detach returns at once; --wait also imports the results
from the summary the script prints (push the logs with --push-logs REPO to keep them and
link them from the card).

The preview says when the model looks like a base model (no chat template, a base marker
such as Base, -base, -pt or -hf in its name, or its card's own words): 0-shot
instruction-prompted tasks suit it poorly, and the few-shot variant is named where one
exists (mmlu -> mmlu_5_shot). It also prints an estimate of the run time: the task's
sample count x a per-sample time for the flavor and the model's size (how it was made is
in references/inspect-evals.md), with a warning when it exceeds --timeout."""
EPILOG = """tasks: mmlu, mmlu_5_shot, mmlu_pro, gsm8k, arc_challenge, arc_easy, bbh, aime2024, aime2025,
  gpqa_diamond, ifeval, hellaswag, math, hle, livecodebench, humaneval (see references/inspect-evals.md)

example:
  uv run scripts/evaluation_manager.py run-eval --model meta-llama/Llama-2-7b-hf --task mmlu_5_shot --flavor a10g-small --dry-run
  uv run scripts/evaluation_manager.py run-eval --model Qwen/Qwen2.5-7B-Instruct --task gsm8k --backend inference-providers --limit 50 --wait
  uv run scripts/evaluation_manager.py run-eval --model org/model --task mmlu gsm8k --push-logs org/eval-logs --detach"""

BACKENDS = ("auto", "inference-providers", "transformers", "vllm")


def add_arguments(parser) -> None:
    parser.add_argument("--model", required=True, help="Hub model id (providers: id[:provider])")
    parser.add_argument("--task", required=True, nargs="+", help="one or several task names")
    parser.add_argument(
        "--flavor",
        default="auto",
        help="auto (sized from the Hub's safetensors metadata; a model without it needs a "
        "name, else exit 2) or a Jobs hardware name, e.g. a10g-small, l4x1, h200 "
        "(`hf jobs hardware` lists them)",
    )
    parser.add_argument("--backend", choices=BACKENDS, default="auto")
    parser.add_argument("--revision", help="model revision to evaluate (local backends)")
    parser.add_argument(
        "--limit", type=int, help="evaluate only N samples per task (a partial run)"
    )
    parser.add_argument("--epochs", type=int)
    parser.add_argument("--task-args", nargs="+", default=[], metavar="K=V")
    parser.add_argument("--model-args", nargs="+", default=[], metavar="K=V")
    parser.add_argument(
        "--push-logs", metavar="REPO", help="Hub dataset to upload the logs and summary to"
    )
    parser.add_argument("--timeout", default="2h", help="job timeout (default 2h; e.g. 30m, 6h)")
    parser.add_argument(
        "--namespace", help="user or org to run the job under (default: the token's user)"
    )
    follow = parser.add_mutually_exclusive_group()
    follow.add_argument(
        "--detach", action="store_true", help="submit and return the job id at once"
    )
    follow.add_argument(
        "--wait", action="store_true", help="follow the job to its end, then import its results"
    )
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="print the equivalent `hf jobs uv run` command; submit nothing",
    )
    parser.add_argument("--json", action="store_true", help="one JSON object on stdout")


def _say(message: str) -> None:
    print(redact(message), file=sys.stderr, flush=True)


def plan_backend(backend: str, flavor: str) -> str:
    """The script's backend: auto means the job's GPU, unless the flavor has none."""
    if backend != "auto":
        if backend in ("transformers", "vllm") and flavor.startswith("cpu"):
            raise UsageError(f"--backend {backend} runs the model on a GPU; {flavor} has none")
        return backend
    if flavor != "auto" and flavor.startswith("cpu"):
        return "inference-providers"
    return "transformers"


def run(args) -> int:
    from . import jobs
    from .hub import HubClient

    if args.limit is not None and args.limit < 1:
        raise UsageError("--limit must be at least 1")
    jobs.validate_flavor(args.flavor)
    tasks = jobs.validate_tasks(args.task)
    return _run(args, jobs, tasks, HubClient())


def _run(args, jobs, tasks: list[str], client) -> int:
    backend = plan_backend(args.backend, args.flavor)
    flavor_reason = "given with --flavor"
    flavor = args.flavor
    facts = None
    if backend != "inference-providers":  # the model runs on the job's GPU: read it first
        facts = jobs.read_model_facts(client, args.model, args.revision)
    if flavor == "auto":
        choice = jobs.choose_flavor(facts.size if facts else None, backend)
        flavor, flavor_reason = choice.flavor, choice.reason
    advice = jobs.base_model_advice(facts, tasks) if facts else None
    estimate = jobs.estimate_run(
        tasks,
        flavor=flavor,
        backend=backend,
        size=facts.size if facts else None,
        limit=args.limit,
        epochs=args.epochs,
    )
    plan = {
        "estimate": estimate.to_dict() if estimate else None,
        "base_model": advice.to_dict() if advice else None,
    }
    extra: list[str] = []
    if args.epochs is not None:
        extra += ["--epochs", str(args.epochs)]
    if args.task_args:
        extra += ["--task-args", *args.task_args]
    if args.model_args:
        extra += ["--model-args", *args.model_args]
    request = jobs.JobRequest(
        model=args.model,
        tasks=tasks,
        flavor=flavor,
        backend=backend,
        limit=args.limit,
        push_logs=args.push_logs,
        revision=args.revision,
        extra_script_args=extra,
        dependencies=jobs.backend_dependencies(backend, tasks),
        timeout=args.timeout,
        namespace=args.namespace,
    )
    _say(f"flavor {flavor}: {flavor_reason}")
    if advice is not None and advice.message():
        _say(f"warning: {advice.message()}")
    if estimate is not None:
        _say(estimate.describe())
        limit_s = jobs.timeout_seconds(args.timeout)
        if limit_s is not None and estimate.total_seconds > limit_s:
            _say(
                f"warning: the estimate ({jobs.format_duration(estimate.total_seconds)}) is longer "
                f"than --timeout {args.timeout}: the job would be stopped before it ends; pass a "
                "longer --timeout, or --limit N for a partial run"
            )
    if jobs.code_tasks(tasks):
        _say(
            f"{', '.join(jobs.code_tasks(tasks))}: model-written code runs in the job's subprocess judge "
            "(no network, resource limits, timeouts)"
        )
    if args.dry_run:
        command = request.hf_command()
        if args.json:
            print(json.dumps({"ok": True, "dry_run": True, "command": command, "flavor_reason": flavor_reason,
                              "request": request.to_dict(), **plan}, indent=2))  # fmt: skip
        else:
            print(command)
        _say(
            "dry run: nothing submitted (HF_TOKEN is read from your environment by `--secrets HF_TOKEN`)"
        )
        return EXIT_OK

    if not client.has_token:
        raise HubError("run-eval needs a Hugging Face token: set HF_TOKEN or run `hf auth login`")
    job = jobs.submit(request, client)
    info = jobs.job_to_dict(job)
    _say(f"submitted job {job.id} ({info['stage']}) on {flavor}: {info['url']}")
    if args.detach:
        if args.json:
            print(
                json.dumps(
                    {"ok": True, "job": info, "request": request.to_dict(), **plan},
                    indent=2,
                    default=str,
                )
            )
        else:
            print(job.id)
        _say(f"follow it: evaluation_manager.py job-logs {job.id} --follow")
        return EXIT_OK

    lines: list[str] = []
    for line in jobs.logs(
        client, f"{info['owner']}/{job.id}" if info.get("owner") else job.id, follow=True
    ):
        lines.append(line)
        if not args.json:
            print(redact(line), file=sys.stderr, flush=True)
    final = _wait_terminal(
        client, f"{info['owner']}/{job.id}" if info.get("owner") else job.id, jobs
    )
    final_info = jobs.job_to_dict(final)
    stage = final_info["stage"]
    payload = {"ok": stage == "COMPLETED", "job": final_info, "request": request.to_dict(), **plan}
    if stage != "COMPLETED":
        if args.json:
            print(json.dumps(payload, indent=2, default=str))
        raise HubError(
            f"job {job.id} ended {stage}"
            + (f": {final_info['message']}" if final_info["message"] else "")
        )
    if not args.wait:
        if args.json:
            print(json.dumps(payload, indent=2, default=str))
        else:
            print(job.id)
        _say(f"job {job.id} completed")
        return EXIT_OK
    return _import_results(args, jobs, lines, payload)


def _wait_terminal(client, job_ref: str, jobs, timeout_s: float = 120.0):
    """The job's final state: the log stream ends a moment before the stage changes."""
    deadline = time.monotonic() + timeout_s
    while True:
        job = jobs.inspect(client, job_ref)
        if job.status.stage in jobs.TERMINAL_STAGES or time.monotonic() > deadline:
            return job
        time.sleep(1.0)


def _import_results(args, jobs, lines: list[str], payload: dict) -> int:
    from .benchmarks import load_registry
    from .inspect_results import runs_from_summary, runs_to_results

    summary = jobs.summary_from_log_lines(lines)
    if summary is None:
        raise InputError(
            f"job {payload['job']['id']} completed but its log has no inspect_eval_uv.py summary"
        )
    runs = runs_from_summary(summary, summary_url=summary.get("summary_url"))
    for run_ in runs:
        # Without pushed logs, the job's own log (which holds the summary) is the evidence.
        run_.log_url = run_.log_url or payload["job"].get("url")
    imported = runs_to_results(runs, load_registry())
    for run_, reason in imported.skipped:
        _say(f"{run_.task}: {reason}")
    results = []
    for result, run_ in zip(imported.results, imported.runs, strict=True):
        results.append({**result.to_dict(), "partial": run_.partial})
        label = result.setting.label()
        _say(
            f"{result.benchmark}: {result.value:g}{' %' if result.scale == 'percent' else ''}"
            f"{f' ({label})' if label else ''}{' PARTIAL' if run_.partial else ''} - {run_.scored} samples"
        )
    if args.push_logs:
        prefix = _pushed_prefix(summary)
        follow_up = (
            f"uv run scripts/evaluation_manager.py import-inspect --log hf://datasets/{args.push_logs}"
            f"{'/' + prefix if prefix else ''} --repo-id {args.model.split(':', 1)[0]}"
        )
    else:
        follow_up = (
            "the logs were not pushed (--push-logs REPO keeps them and links them from the card)"
        )
    _say(f"to publish: {follow_up}")
    payload.update(summary=summary, results=results, publish_with=follow_up)
    payload["ok"] = bool(summary.get("ok"))
    if args.json:
        print(json.dumps(payload, indent=2, default=str))
    else:
        print(json.dumps(results, indent=2, default=str))
    return EXIT_OK if summary.get("ok") else EXIT_ERROR


def _pushed_prefix(summary: dict) -> str | None:
    url = summary.get("summary_url") or ""
    marker = "/blob/"
    if marker not in url:
        return None
    path = url.split(marker, 1)[1].split("/", 1)[1] if "/" in url.split(marker, 1)[1] else ""
    return path.rsplit("/", 1)[0] if "/" in path else None
