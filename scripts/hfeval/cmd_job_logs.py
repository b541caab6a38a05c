"""`job-logs`: a Hugging Face Job's log, once or followed to the job's end."""

from __future__ import annotations

import sys

from .errors import EXIT_OK, HubError, UsageError
from .redact import redact

NAME = "job-logs"
HELP = "print (or --follow) the log of a Hugging Face Job"
ORDER = 82
EPILOG = """example:
  uv run scripts/evaluation_manager.py job-logs 687fb701029421ae5549d998 --follow
  uv run scripts/evaluation_manager.py job-logs my-org/687fb701029421ae5549d998 --tail 50"""


def add_arguments(parser) -> None:
    parser.add_argument("job", metavar="JOB", help="job id, NAMESPACE/JOB_ID or the job's URL")
    parser.add_argument("--follow", "-f", action="store_true", help="stream until the job ends")
    parser.add_argument("--tail", type=int, metavar="N", help="only the last N lines")


def run(args) -> int:
    from . import jobs
    from .hub import HubClient

    if args.tail is not None and args.tail < 1:
        raise UsageError("--tail must be at least 1")
    client = HubClient()
    if not client.has_token:
        raise HubError(f"{NAME} needs a Hugging Face token: set HF_TOKEN or run `hf auth login`")
    jobs.inspect(client, args.job)  # a missing job is a clear error, not an empty log
    for line in jobs.logs(client, args.job, follow=args.follow, tail=args.tail):
        print(redact(line), flush=True)
    sys.stdout.flush()
    return EXIT_OK
