"""HF Jobs, buckets and dataset repos on the local Hub stand-in, for tests.

`run_uv_job` (huggingface_hub 2.4) does, in order: `whoami`, `POST /api/buckets/{ns}/jobs-artifacts`
(create the private artifacts bucket), `GET /api/buckets/{ns}/jobs-artifacts/xet-write-token`,
the Xet uploads of the script (CAS: `/v1/chunks`, `/v1/xorb-grants`, `/v1/xorbs`, `/v1/shards`,
`/v2/shards`), `POST /api/buckets/{ns}/jobs-artifacts/batch` (NDJSON `addFile` with the
file's Xet hash) and finally `POST /api/jobs/{ns}` with the job spec. Following a job
reads `GET /api/jobs/{ns}/{id}` and the SSE stream `GET /api/jobs/{ns}/{id}/logs`.

The Xet content is accepted, not decoded: what a test can check about an uploaded file is
its path and Xet hash, which `hf_xet.hash_files` computes for the local file.

Dataset repos (`--push-logs`, `import-inspect hf://datasets/...`) and model sizes
(`safetensors`) are the Hub stand-in's own (hub_stub.py); this file adds Jobs and buckets.

    jobs = JobsStub(hub).install()        # after hub.reset(), which drops added routes
    token = hub.add_user("alice")
    ... run-eval ...
    job = jobs.only_job()                 # the submitted spec: command, flavor, secrets, ...
    jobs.finish(job["id"], logs=[...], stage="COMPLETED")
"""

from __future__ import annotations

import base64
import datetime as _dt
import hashlib
import json
import re

from hub_stub import HubStub, StubHTTPError, StubRequest, StubResponse

_NS = r"(?P<ns>[^/]+)"
_BUCKET = r"(?P<bucket>[^/]+)"
_TERMINAL = ("COMPLETED", "CANCELED", "ERROR", "DELETED")


def _iso(offset_s: float = 0.0) -> str:
    moment = _dt.datetime.now(_dt.UTC) + _dt.timedelta(seconds=offset_s)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


class JobsStub:
    def __init__(self, hub: HubStub):
        self.hub = hub
        self.jobs: dict[str, dict] = {}
        self.buckets: dict[str, dict] = {}  # "ns/name" -> {"private": bool, "files": {path: {...}}}
        self.logs: dict[str, list[str]] = {}
        self.job_requests: list[dict] = []  # raw bodies of POST /api/jobs/{ns}, with the token used
        self._counter = 0
        # Called with each new job; may return (log lines, final stage) to play the job out at once.
        self.on_create = None

    # ---- setup
    def install(self) -> JobsStub:
        add = self.hub.add_route
        add("POST", rf"/api/buckets/{_NS}/{_BUCKET}", self._h_create_bucket)
        add("GET", rf"/api/buckets/{_NS}/{_BUCKET}", self._h_bucket_info)
        add("GET", rf"/api/buckets/{_NS}/{_BUCKET}/xet-write-token", self._h_xet_token)
        add("POST", rf"/api/buckets/{_NS}/{_BUCKET}/batch", self._h_batch)
        for method in ("GET", "POST", "HEAD"):
            add(method, r"/xet-cas/.*", self._h_cas)
        add("POST", rf"/api/jobs/{_NS}", self._h_create_job)
        add("GET", rf"/api/jobs/{_NS}/(?P<job>[^/]+)", self._h_job)
        add("GET", rf"/api/jobs/{_NS}/(?P<job>[^/]+)/logs", self._h_logs)
        return self

    # ---- test controls
    def only_job(self) -> dict:
        assert len(self.jobs) == 1, f"expected one job, got {len(self.jobs)}"
        return next(iter(self.jobs.values()))

    def set_stage(self, job_id: str, stage: str, message: str | None = None) -> None:
        job = self.jobs[job_id]
        job["status"] = {"stage": stage, "message": message}
        if stage == "RUNNING" and not job.get("startedAt"):
            job["startedAt"] = _iso(-5)
        if stage in _TERMINAL:
            job["finishedAt"] = _iso(-1)

    def finish(
        self, job_id: str, logs: list[str], stage: str = "COMPLETED", message: str | None = None
    ) -> None:
        self.logs[job_id] = list(logs)
        self.set_stage(job_id, "RUNNING")
        self.set_stage(job_id, stage, message)

    def bucket_files(self, bucket_id: str) -> dict[str, dict]:
        return self.buckets.get(bucket_id, {}).get("files", {})

    # ---- helpers
    def _user(self, req: StubRequest):
        user = req.user
        if user is None:
            raise StubHTTPError(401, "Invalid credentials in Authorization header")
        return user

    def _check_namespace(self, req: StubRequest, ns: str):
        user = self._user(req)
        if ns != user.name and ns not in user.orgs:
            raise StubHTTPError(403, f"You cannot run jobs in {ns}")
        return user

    # ---- buckets
    def _h_create_bucket(self, req: StubRequest):
        self._check_namespace(req, req.params["ns"])
        bucket_id = f"{req.params['ns']}/{req.params['bucket']}"
        if bucket_id in self.buckets:
            raise StubHTTPError(409, "Bucket already exists")
        body = req.json() or {}
        self.buckets[bucket_id] = {"private": body.get("visibility") == "private", "files": {}}
        return {
            "url": f"{self.hub.url}/buckets/{bucket_id}",
            "name": req.params["bucket"],
            "id": bucket_id,
        }

    def _h_bucket_info(self, req: StubRequest):
        bucket_id = f"{req.params['ns']}/{req.params['bucket']}"
        if bucket_id not in self.buckets:
            raise StubHTTPError(404, "Bucket not found")
        return {"id": bucket_id, "private": self.buckets[bucket_id]["private"]}

    def _h_xet_token(self, req: StubRequest):
        self._check_namespace(req, req.params["ns"])
        return {
            "accessToken": "xet-write-token",
            "exp": 4102444800,
            "casUrl": f"{self.hub.url}/xet-cas",
        }

    def _h_cas(self, req: StubRequest):
        """Accept Xet uploads (v1 protocol; newer endpoints answer 404 so the client falls back)."""
        path = req.path
        if path.startswith("/xet-cas/v1/xorbs/"):
            return {"was_inserted": True}
        if path == "/xet-cas/v1/shards":
            return {"result": 0}
        # /v1/chunks (global dedup: nothing known), /v1/xorb-grants, /v2/shards: not offered
        return StubResponse(404, {"error": "not found"})

    def _h_batch(self, req: StubRequest):
        self._check_namespace(req, req.params["ns"])
        bucket_id = f"{req.params['ns']}/{req.params['bucket']}"
        bucket = self.buckets.setdefault(bucket_id, {"private": True, "files": {}})
        for line in req.body.decode("utf-8").splitlines():
            if not line.strip():
                continue
            op = json.loads(line)
            if op["type"] == "addFile":
                bucket["files"][op["path"]] = {
                    "xetHash": op["xetHash"],
                    "contentType": op.get("contentType"),
                }
            elif op["type"] == "deleteFile":
                bucket["files"].pop(op["path"], None)
        return {"success": True}

    # ---- jobs
    def _h_create_job(self, req: StubRequest):
        ns = req.params["ns"]
        user = self._check_namespace(req, ns)
        body = req.json() or {}
        self.job_requests.append({"namespace": ns, "body": body, "token": req.token})
        self._counter += 1
        job_id = hashlib.sha1(f"job-{self._counter}".encode()).hexdigest()[:24]
        job = {
            "id": job_id,
            "createdAt": _iso(-10),
            "dockerImage": body.get("dockerImage"),
            "command": body.get("command"),
            "arguments": body.get("arguments") or [],
            "environment": body.get("environment") or {},
            # the Hub never returns secret values
            "secrets": {name: None for name in (body.get("secrets") or {})},
            "flavor": body.get("flavor"),
            "labels": body.get("labels"),
            "volumes": body.get("volumes"),
            "timeoutSeconds": body.get("timeoutSeconds"),
            "status": {"stage": "SCHEDULING", "message": None},
            "owner": {"id": hashlib.md5(ns.encode()).hexdigest()[:24], "name": ns, "type": "user"},
            "initiator": {"type": "user", "id": "u", "name": user.name},
        }
        self.jobs[job_id] = job
        self.logs[job_id] = []
        if self.on_create is not None:
            outcome = self.on_create(job)
            if outcome is not None:
                lines, stage = outcome
                self.finish(job_id, lines, stage)
        return job

    def add_job(
        self, namespace: str, *, stage: str = "RUNNING", logs: list[str] | None = None, **fields
    ) -> str:
        """A job that exists without a submission (for job-status / job-logs)."""
        self._counter += 1
        job_id = hashlib.sha1(f"job-{self._counter}".encode()).hexdigest()[:24]
        self.jobs[job_id] = {
            "id": job_id,
            "createdAt": _iso(-60),
            "dockerImage": "ghcr.io/astral-sh/uv:python3.12-bookworm",
            "command": ["uv", "run", "/data/inspect_eval_uv.py"],
            "arguments": [],
            "environment": {},
            "secrets": {"HF_TOKEN": None},
            "flavor": "a10g-small",
            "status": {"stage": "SCHEDULING", "message": None},
            "owner": {"id": "o", "name": namespace, "type": "user"},
            **fields,
        }
        self.logs[job_id] = list(logs or [])
        self.set_stage(job_id, "RUNNING")
        if stage != "RUNNING":
            self.set_stage(job_id, stage)
        return job_id

    def _job_for(self, req: StubRequest) -> dict:
        self._check_namespace(req, req.params["ns"])
        job = self.jobs.get(req.params["job"])
        if job is None or job["owner"]["name"] != req.params["ns"]:
            raise StubHTTPError(404, "Job not found")
        return job

    def _h_job(self, req: StubRequest):
        return self._job_for(req)

    def _h_logs(self, req: StubRequest):
        job = self._job_for(req)
        lines = ["===== Job started at " + _iso(-9) + " ====="] + self.logs.get(job["id"], [])
        tail = req.arg("tail")
        if tail is not None:
            lines = lines[-int(tail) :]
        events = []
        for i, line in enumerate(lines):
            events.append("data: " + json.dumps({"data": line, "timestamp": _iso(-8 + i * 0.001)}))
        body = "\n\n".join(events) + ("\n\n" if events else "")
        return StubResponse(200, body.encode("utf-8"), {"Content-Type": "text/event-stream"})


def decode_ndjson_files(body: bytes) -> dict[str, bytes]:
    """Files of a commit body (for assertions on what a commit carried)."""
    out: dict[str, bytes] = {}
    for line in body.decode("utf-8").splitlines():
        item = json.loads(line)
        if item.get("key") == "file":
            out[item["value"]["path"]] = base64.b64decode(item["value"]["content"])
    return out


def sse_lines(text: str) -> list[str]:
    return [json.loads(m)["data"] for m in re.findall(r"^data: (\{.*\})$", text, flags=re.M)]
