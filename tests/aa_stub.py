"""A local Artificial Analysis stand-in: GET /api/v2/data/llms/models on 127.0.0.1.

It speaks the documented response shape ({"status":200,"prompt_options":...,"data":[...]}),
checks the x-api-key header like AA does (401 {"error":"API key is required"}), counts
every request, and answers 401, 429 with Retry-After, 5xx or malformed JSON on demand,
so the real client (requests) is tested end to end without the network.

The default catalog is realistic: 29 models from 8 creators, with nulls where AA has
no score, reasoning and non-reasoning variants listed as separate models, near-duplicate
names ("Claude 4 Sonnet" / "Claude 4 Sonnet (Reasoning)", "Mistral Large 2 (Jul '24)" /
"(Nov '24)"), and the documented o3-mini example verbatim.

Run it by hand: `python tests/aa_stub.py --port 8765` then
`AA_API_KEY=test-aa-key uv run scripts/evaluation_manager.py import-aa --aa-base-url http://127.0.0.1:8765 --list`.
"""

from __future__ import annotations

import argparse
import json
import threading
import uuid
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

MODELS_PATH = "/api/v2/data/llms/models"
DEFAULT_KEY = "aa-test-key-5f1c0e9b7d"

# The AA evaluation keys, in the order the rows below give them.
EVAL_KEYS = (
    "artificial_analysis_intelligence_index",
    "artificial_analysis_coding_index",
    "artificial_analysis_math_index",
    "mmlu_pro",
    "gpqa",
    "hle",
    "livecodebench",
    "scicode",
    "math_500",
    "aime",
    "aime_25",
    "ifbench",
    "lcr",
    "terminalbench_hard",
    "tau2",
)

CREATORS = {
    "anthropic": ("Anthropic", "f0aa1a3c-8a4c-4a3d-9a1e-3b1c2d4e5f60"),
    "openai": ("OpenAI", "e67e56e3-15cd-43db-b679-da4660a69f41"),
    "google": ("Google", "9a1b6a8e-2c7d-4b0f-8e1d-6f0a1b2c3d4e"),
    "meta": ("Meta", "3c2d1e0f-9a8b-4c7d-8e6f-5a4b3c2d1e0f"),
    "deepseek": ("DeepSeek", "7e6d5c4b-3a29-4180-9f8e-7d6c5b4a3928"),
    "alibaba": ("Alibaba", "1f2e3d4c-5b6a-4798-8a7b-6c5d4e3f2a1b"),
    "mistral": ("Mistral", "5d4c3b2a-1908-4f7e-9d6c-5b4a39281706"),
    "xai": ("xAI", "8b7a6958-4737-4261-9e5d-4c3b2a190817"),
}

N = None  # AA's null: no score for this key
# (creator, name, slug, release_date, 15 evaluation values in EVAL_KEYS order)
MODELS: tuple[tuple, ...] = (
    (
        "anthropic",
        "Claude 4 Sonnet",
        "claude-4-sonnet",
        "2025-05-22",
        (
            44.4,
            30.6,
            38.3,
            0.837,
            0.683,
            0.040,
            0.449,
            0.373,
            0.934,
            0.407,
            0.383,
            0.446,
            0.44,
            0.156,
            0.65,
        ),
    ),
    (
        "anthropic",
        "Claude 4 Sonnet (Reasoning)",
        "claude-4-sonnet-thinking",
        "2025-05-22",
        (
            57.0,
            44.6,
            74.3,
            0.842,
            0.777,
            0.096,
            0.655,
            0.400,
            0.991,
            0.773,
            0.743,
            0.547,
            0.649,
            0.170,
            0.62,
        ),
    ),
    (
        "anthropic",
        "Claude 4 Opus",
        "claude-4-opus",
        "2025-05-22",
        (
            46.5,
            33.0,
            36.4,
            0.860,
            0.701,
            0.059,
            0.542,
            0.409,
            0.941,
            0.563,
            0.364,
            0.434,
            0.34,
            0.20,
            0.70,
        ),
    ),
    (
        "anthropic",
        "Claude 4 Opus (Reasoning)",
        "claude-4-opus-thinking",
        "2025-05-22",
        (
            58.8,
            46.9,
            73.3,
            0.873,
            0.796,
            0.117,
            0.636,
            0.398,
            0.982,
            0.757,
            0.733,
            0.537,
            0.64,
            0.23,
            0.71,
        ),
    ),
    (
        "anthropic",
        "Claude 3.7 Sonnet",
        "claude-3-7-sonnet",
        "2025-02-24",
        (41.1, 27.3, 21.3, 0.803, 0.656, 0.048, 0.394, 0.376, 0.850, 0.223, 0.213, N, N, N, N),
    ),
    (
        "anthropic",
        "Claude 3.7 Sonnet (Reasoning)",
        "claude-3-7-sonnet-thinking",
        "2025-02-24",
        (48.4, 35.0, 56.3, 0.837, 0.772, 0.103, 0.473, 0.403, 0.947, 0.487, 0.563, N, N, N, N),
    ),
    (
        "anthropic",
        "Claude 3.5 Haiku",
        "claude-3-5-haiku",
        "2024-10-22",
        (N, 19.4, N, 0.634, 0.408, 0.035, 0.314, 0.274, 0.721, 0.033, N, N, N, N, N),
    ),
    (
        "openai",
        "o3-mini",
        "o3-mini",
        "2025-01-31",
        (
            62.9,
            55.8,
            87.2,
            0.791,
            0.748,
            0.087,
            0.717,
            0.399,
            0.973,
            0.77,
            0.63,
            0.5,
            0.3,
            0.1,
            0.4,
        ),
    ),
    (
        "openai",
        "o3",
        "o3",
        "2025-04-16",
        (
            67.1,
            59.5,
            90.7,
            0.853,
            0.827,
            0.200,
            0.808,
            0.410,
            0.992,
            0.903,
            0.883,
            0.714,
            0.69,
            0.36,
            0.61,
        ),
    ),
    (
        "openai",
        "GPT-4.1",
        "gpt-4-1",
        "2025-04-14",
        (
            43.4,
            32.2,
            34.7,
            0.806,
            0.666,
            0.046,
            0.457,
            0.381,
            0.913,
            0.437,
            0.347,
            0.430,
            0.61,
            0.08,
            0.36,
        ),
    ),
    (
        "openai",
        "GPT-4.1 mini",
        "gpt-4-1-mini",
        "2025-04-14",
        (
            42.5,
            31.9,
            44.5,
            0.781,
            0.664,
            0.046,
            0.483,
            0.404,
            0.925,
            0.430,
            0.457,
            0.380,
            0.42,
            N,
            0.28,
        ),
    ),
    (
        "openai",
        "GPT-4o (Nov '24)",
        "gpt-4o",
        "2024-11-20",
        (29.5, 23.8, 12.3, 0.748, 0.543, 0.033, 0.309, 0.334, 0.759, 0.150, 0.057, N, N, N, N),
    ),
    (
        "openai",
        "GPT-4o (May '24)",
        "gpt-4o-2024-05-13",
        "2024-05-13",
        (N, N, N, 0.740, 0.526, 0.028, 0.334, 0.316, 0.791, 0.110, N, N, N, N, N),
    ),
    (
        "openai",
        "gpt-oss-120B (high)",
        "gpt-oss-120b",
        "2025-08-05",
        (61.3, 49.6, 93.4, 0.808, 0.782, 0.185, 0.639, 0.362, N, N, 0.934, 0.690, 0.51, 0.22, 0.66),
    ),
    (
        "google",
        "Gemini 2.5 Pro",
        "gemini-2-5-pro",
        "2025-06-17",
        (
            65.0,
            55.4,
            87.7,
            0.862,
            0.844,
            0.211,
            0.801,
            0.428,
            0.967,
            0.887,
            0.877,
            0.491,
            0.66,
            0.25,
            0.54,
        ),
    ),
    (
        "google",
        "Gemini 2.5 Flash (Reasoning)",
        "gemini-2-5-flash-reasoning",
        "2025-05-20",
        (
            54.4,
            42.1,
            73.3,
            0.832,
            0.790,
            0.111,
            0.695,
            0.394,
            0.981,
            0.823,
            0.733,
            0.503,
            0.62,
            0.12,
            0.32,
        ),
    ),
    (
        "google",
        "Gemini 2.5 Flash",
        "gemini-2-5-flash",
        "2025-05-20",
        (
            40.4,
            28.9,
            60.3,
            0.809,
            0.683,
            0.051,
            0.495,
            0.291,
            0.932,
            0.500,
            0.603,
            0.390,
            0.46,
            0.06,
            0.18,
        ),
    ),
    (
        "google",
        "Gemma 3 27B Instruct",
        "gemma-3-27b",
        "2025-03-12",
        (N, 12.8, 20.7, 0.669, 0.428, 0.047, 0.137, 0.212, 0.883, 0.253, 0.207, 0.317, N, N, N),
    ),
    (
        "meta",
        "Llama 4 Maverick",
        "llama-4-maverick",
        "2025-04-05",
        (
            35.8,
            26.4,
            19.3,
            0.809,
            0.671,
            0.048,
            0.397,
            0.331,
            0.889,
            0.390,
            0.193,
            0.430,
            0.46,
            0.04,
            0.18,
        ),
    ),
    (
        "meta",
        "Llama 3.3 Instruct 70B",
        "llama-3-3-instruct-70b",
        "2024-12-06",
        (27.9, 19.2, 7.7, 0.713, 0.498, 0.040, 0.288, 0.260, 0.773, 0.300, 0.077, N, N, N, N),
    ),
    (
        "deepseek",
        "DeepSeek R1 0528 (May '25)",
        "deepseek-r1",
        "2025-05-28",
        (
            58.7,
            48.4,
            76.0,
            0.849,
            0.813,
            0.149,
            0.770,
            0.403,
            0.983,
            0.893,
            0.760,
            0.396,
            0.55,
            0.15,
            0.37,
        ),
    ),
    (
        "deepseek",
        "DeepSeek V3.1 (Reasoning)",
        "deepseek-v3-1-reasoning",
        "2025-08-21",
        (
            60.2,
            50.0,
            89.7,
            0.851,
            0.779,
            0.130,
            0.784,
            0.391,
            N,
            0.897,
            0.897,
            0.405,
            0.53,
            0.29,
            0.43,
        ),
    ),
    (
        "deepseek",
        "DeepSeek V3.1 (Non-reasoning)",
        "deepseek-v3-1",
        "2025-08-21",
        (
            44.8,
            37.5,
            49.7,
            0.833,
            0.735,
            0.063,
            0.577,
            0.367,
            N,
            0.523,
            0.497,
            0.376,
            0.45,
            0.25,
            0.35,
        ),
    ),
    (
        "alibaba",
        "Qwen3 235B A22B (Reasoning)",
        "qwen3-235b-a22b-instruct-reasoning",
        "2025-04-28",
        (47.3, 37.3, 82.0, 0.828, 0.700, 0.117, 0.622, 0.399, 0.930, 0.840, 0.820, N, N, N, N),
    ),
    (
        "alibaba",
        "Qwen3 235B A22B (Non-reasoning)",
        "qwen3-235b-a22b-instruct",
        "2025-04-28",
        (29.9, 24.0, 23.7, 0.762, 0.613, 0.047, 0.343, 0.299, 0.902, 0.327, 0.237, N, N, N, N),
    ),
    (
        "mistral",
        "Mistral Large 2 (Nov '24)",
        "mistral-large-2",
        "2024-11-18",
        (27.0, 20.8, 10.7, 0.697, 0.486, 0.040, 0.293, 0.292, 0.736, 0.110, N, N, N, N, N),
    ),
    (
        "mistral",
        "Mistral Large 2 (Jul '24)",
        "mistral-large-2407",
        "2024-07-24",
        (N, 19.1, N, 0.683, 0.472, 0.032, 0.267, 0.271, 0.714, 0.093, N, N, N, N, N),
    ),
    (
        "xai",
        "Grok 4",
        "grok-4",
        "2025-07-09",
        (
            67.5,
            63.8,
            92.7,
            0.866,
            0.877,
            0.239,
            0.819,
            0.457,
            0.990,
            0.943,
            0.927,
            0.537,
            0.68,
            0.38,
            0.75,
        ),
    ),
    # Listed before its scores exist: AA sends evaluations: null.
    ("xai", "Grok Code Fast 1", "grok-code-fast-1", "2025-08-28", None),
)


def model_id(slug: str) -> str:
    """A stable uuid per slug (the documented o3-mini example keeps its real id)."""
    if slug == "o3-mini":
        return "2dad8957-4c16-4e74-bf2d-8b21514e0ae9"
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"https://artificialanalysis.ai/models/{slug}"))


def _model(creator: str, name: str, slug: str, release_date: str, values) -> dict:
    creator_name, creator_id = CREATORS[creator]
    seed = sum(map(ord, slug))
    return {
        "id": model_id(slug),
        "name": name,
        "slug": slug,
        "release_date": release_date,
        "model_creator": {"id": creator_id, "name": creator_name, "slug": creator},
        "evaluations": None if values is None else dict(zip(EVAL_KEYS, values, strict=True)),
        "pricing": {
            "price_1m_blended_3_to_1": round(0.5 + seed % 70 / 10, 3),
            "price_1m_input_tokens": round(0.2 + seed % 30 / 10, 3),
            "price_1m_output_tokens": round(1 + seed % 150 / 10, 3),
        },
        "median_output_tokens_per_second": round(40 + seed % 200 + 0.831, 3),
        "median_time_to_first_token_seconds": round(0.3 + seed % 40 / 10, 3),
        "median_time_to_first_answer_token": round(0.3 + seed % 40 / 10, 3),
    }


def realistic_catalog() -> list[dict]:
    """The default catalog: a fresh copy, so a test may edit it freely."""
    return [_model(*row) for row in MODELS]


def generated_catalog(count: int) -> list[dict]:
    """`count` plausible models from 10 creators, for batch and speed figures."""
    models = []
    for i in range(count):
        slug = f"model-{i:04d}"
        values = tuple(
            None
            if (i + k) % 11 == 0
            else (
                round(20 + (i * 7 + k * 13) % 60 + 0.1 * k, 1)
                if k < 3
                else round(((i * 31 + k * 17) % 900 + 50) / 1000, 3)
            )
            for k in range(len(EVAL_KEYS))
        )
        creator = list(CREATORS)[i % len(CREATORS)]
        models.append(_model(creator, f"Model {i:04d}", slug, "2025-01-01", values))
    return models


def envelope(models: list[dict]) -> dict:
    """The documented response envelope."""
    return {
        "status": 200,
        "prompt_options": {"parallel_queries": 1, "prompt_length": "medium"},
        "data": models,
    }


@dataclass
class Fault:
    status: int
    body: bytes
    headers: dict[str, str]


class AAStub:
    """The stand-in server. Use as a context manager; `url` is its base URL."""

    def __init__(
        self,
        models: list[dict] | None = None,
        *,
        api_key: str = DEFAULT_KEY,
        body=None,
        last_modified: str | None = None,
    ):
        self.models = realistic_catalog() if models is None else models
        self.body = body  # any JSON-able value served instead of the envelope
        # An HTTP date sent as Last-Modified with the catalog. AA's documented response
        # carries no date of its scores; None (the default) sends no such header, like AA.
        self.last_modified = last_modified
        self.api_key = api_key
        self.requests: list[dict] = []  # {"method", "path", "status", "key_sent"}
        self._faults: list[Fault] = []
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self.url = ""

    # ---- fault injection
    def inject(
        self, status: int, *, times: int = 1, retry_after: str | None = None, body=None
    ) -> None:
        """The next `times` catalog requests answer `status` (before the key is checked)."""
        headers = {"Content-Type": "application/json"}
        if retry_after is not None:
            headers["Retry-After"] = retry_after
        payload = json.dumps(body if body is not None else {"error": f"injected {status}"}).encode()
        with self._lock:
            self._faults.extend(Fault(status, payload, headers) for _ in range(times))

    def inject_malformed(self, *, times: int = 1) -> None:
        """The next `times` catalog requests answer 200 with a truncated JSON body."""
        text = json.dumps(envelope(self.models))[:300].encode()
        with self._lock:
            self._faults.extend(
                Fault(200, text, {"Content-Type": "application/json"}) for _ in range(times)
            )

    @property
    def catalog_requests(self) -> int:
        """Requests to the catalog endpoint, whatever they were answered."""
        with self._lock:
            return sum(1 for r in self.requests if r["path"] == MODELS_PATH)

    # ---- server
    def start(self, port: int = 0) -> AAStub:
        stub = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # quiet tests
                pass

            def do_GET(self):  # noqa: N802 - http.server API
                path = self.path.split("?", 1)[0]
                key = self.headers.get("x-api-key")
                status, body, headers = stub._answer(path, key)
                with stub._lock:
                    stub.requests.append(
                        {
                            "method": "GET",
                            "path": path,
                            "status": status,
                            "key_sent": key is not None,
                        }
                    )
                self.send_response(status)
                headers = {"Content-Type": "application/json", **headers}
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self._server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self._server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def _answer(self, path: str, key: str | None) -> tuple[int, bytes, dict[str, str]]:
        if path != MODELS_PATH:
            return 404, b'{"error":"Not found"}', {}
        with self._lock:
            fault = self._faults.pop(0) if self._faults else None
        if fault is not None:
            return fault.status, fault.body, fault.headers
        if not key:
            return 401, b'{"error":"API key is required"}', {}
        if key != self.api_key:
            return 401, b'{"error":"Invalid API key"}', {}
        body = self.body if self.body is not None else envelope(self.models)
        headers = {"Last-Modified": self.last_modified} if self.last_modified else {}
        return 200, json.dumps(body).encode(), headers

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> AAStub:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description="Serve a fake Artificial Analysis catalog.")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--models", type=int, default=0, help="serve N generated models instead")
    parser.add_argument("--key", default=DEFAULT_KEY)
    args = parser.parse_args()
    stub = AAStub(generated_catalog(args.models) if args.models else None, api_key=args.key)
    stub.start(args.port)
    print(
        f"Artificial Analysis stand-in on {stub.url} (key {args.key}); Ctrl-C stops it", flush=True
    )
    try:
        stub._thread.join()
    except KeyboardInterrupt:
        stub.stop()


if __name__ == "__main__":
    main()
