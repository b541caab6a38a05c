"""`job-status`: where a Hugging Face Job stands (stage, hardware, times, URL)."""

from __future__ import annotations

import json

from .errors import EXIT_OK, HubError

NAME = "job-status"
HELP = "show the stage of a Hugging Face Job (e.g. one started by run-eval)"
ORDER = 81
EPILOG = """example:
  uv run scripts/evaluation_manager.py job-status 687fb701029421ae5549d998
  uv run scripts/evaluation_manager.py job-status my-org/687fb701029421ae5549d998 --json"""


def add_arguments(parser) -> None:
    parser.add_argument("job", metavar="JOB", help="job id, NAMESPACE/JOB_ID or the job's URL")
    parser.add_argument("--json", action="store_true", help="one JSON object on stdout")


def run(args) -> int:
    from . import jobs
    from .hub import HubClient

    client = HubClient()
    if not client.has_token:
        raise HubError(f"{NAME} needs a Hugging Face token: set HF_TOKEN or run `hf auth login`")
    info = jobs.job_to_dict(jobs.inspect(client, args.job))
    if args.json:
        print(json.dumps({"ok": True, "job": info}, indent=2, default=str))
        return EXIT_OK
    print(f"{info['id']}  {info['stage']}" + (f" ({info['message']})" if info["message"] else ""))
    for key in ("flavor", "owner", "created_at", "started_at", "finished_at", "url"):
        if info.get(key):
            print(f"  {key.replace('_', ' ')}: {info[key]}")
    if info["secrets"]:
        print(f"  secrets: {', '.join(info['secrets'])} (values hidden)")
    return EXIT_OK
