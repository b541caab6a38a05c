"""Artificial Analysis (AA): fetch its model catalog, cache it, find one model, map its scores.

AA's free tier allows 1,000 requests a day and the whole catalog comes back in one
response, so the catalog is fetched once and kept on disk for a day: importing a
hundred models costs one request. Matching is exact (after normalisation) on AA's
stable id, slug or name, never by substring: "Claude 4 Sonnet" and "Claude 4 Sonnet
(Reasoning)" are two models with two sets of scores. Which AA key denotes which
benchmark is knowledge of the AA API and lives here (`AA_KEYS`); what the benchmark
is (its name, dataset, scale) lives in the registry.

Dates: AA's documented response dates none of its scores (`release_date` is the model's
release, not the scores'). So a value says "retrieved <fetch date>" (`Source.retrieved`),
never that the fetch date is the date of the data; when a response does carry AA's own
date, its HTTP `Last-Modified` header, that date is the values' `Source.date`.

Everything except `fetch_catalog` and the cache helpers is pure.
"""

from __future__ import annotations

import json
import os
import re
import time
from collections import abc
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any, Literal

from .benchmarks import Benchmark, Registry, name_words, normalize_name
from .errors import EvalToolError, InputError, ModelNotFound, UsageError
from .redact import redact
from .results import Result, Scale, Setting, Source, SourceKind, convert_scale, full_scale
from .retry_after import parse_retry_after

DEFAULT_BASE_URL = "https://artificialanalysis.ai"
MODELS_PATH = "/api/v2/data/llms/models"
SITE_URL = "https://artificialanalysis.ai"  # attribution links always point at the real site
BASE_URL_ENV = "AA_BASE_URL"
API_KEY_ENV = "AA_API_KEY"
CACHE_DIR_ENV = "HF_EVAL_CACHE"
CACHE_FILE_NAME = "aa_models.json"
CACHE_TTL = timedelta(hours=24)
SOURCE_NAME = "Artificial Analysis"
ORIGIN: SourceKind = "artificial_analysis"

# os.environ or a test's mapping (`Mapping` in this module is the AA-to-registry mapping).
Environment = abc.Mapping[str, str]

# Network behaviour: bounded everywhere, so a run never hangs on AA.
TIMEOUT = (5.0, 30.0)  # connect, read (seconds)
RETRIES = 3  # after the first attempt
BACKOFF_S = 1.0  # 5xx / connection errors: 1 s, 2 s, 4 s (HFEVAL_RETRY_DELAY sets the first)
MAX_RETRY_AFTER_S = 60.0  # a longer Retry-After (daily quota spent) is reported, not waited for

AAScale = Literal["fraction", "index"]


@dataclass(frozen=True)
class AAKey:
    """What one key of a model's `evaluations` means."""

    benchmark_id: str  # registry id
    aa_scale: AAScale  # "fraction": 0-1; "index": AA index, 0-100
    label: str  # how AA names it on its site


# The AA API's evaluation keys. Benchmarks are reported as fractions (0.791), the
# indices on 0-100 (62.9). Keys missing here, or whose benchmark the registry lacks,
# are reported as unmapped and never written.
AA_KEYS: dict[str, AAKey] = {
    "mmlu_pro": AAKey("mmlu_pro", "fraction", "MMLU-Pro"),
    "gpqa": AAKey("gpqa_diamond", "fraction", "GPQA Diamond"),
    "hle": AAKey("hle", "fraction", "Humanity's Last Exam"),
    "livecodebench": AAKey("livecodebench", "fraction", "LiveCodeBench"),
    "scicode": AAKey("scicode", "fraction", "SciCode"),
    "math_500": AAKey("math_500", "fraction", "MATH-500"),
    "aime": AAKey("aime_2024", "fraction", "AIME 2024"),
    "aime_25": AAKey("aime_2025", "fraction", "AIME 2025"),
    "ifbench": AAKey("ifbench", "fraction", "IFBench"),
    "lcr": AAKey("aa_lcr", "fraction", "AA-LCR (Long Context Reasoning)"),
    "terminalbench_hard": AAKey("terminal_bench_hard", "fraction", "Terminal-Bench Hard"),
    # AA runs the Telecom domain only: not the domain-unspecified tau2-bench cards print.
    "tau2": AAKey("tau2_bench_telecom", "fraction", "tau2-Bench Telecom"),
    "artificial_analysis_intelligence_index": AAKey(
        "aa_intelligence_index", "index", "Artificial Analysis Intelligence Index"
    ),
    "artificial_analysis_coding_index": AAKey(
        "aa_coding_index", "index", "Artificial Analysis Coding Index"
    ),
    "artificial_analysis_math_index": AAKey(
        "aa_math_index", "index", "Artificial Analysis Math Index"
    ),
}


class AAError(EvalToolError):
    """Artificial Analysis could not be reached or answered something we cannot use (exit 1)."""


class AAAuthError(AAError):
    pass


# --------------------------------------------------------------------------- catalog


@dataclass(frozen=True)
class Creator:
    id: str | None
    name: str | None
    slug: str | None


@dataclass
class AAModel:
    id: str
    name: str
    slug: str | None
    creator: Creator | None
    evaluations: dict[str, Any] = field(default_factory=dict)
    release_date: str | None = None

    @property
    def page_url(self) -> str:
        """The model's page on artificialanalysis.ai: what the attribution links to."""
        return f"{SITE_URL}/models/{self.slug}" if self.slug else SITE_URL

    @property
    def creator_slug(self) -> str | None:
        return self.creator.slug if self.creator else None

    @property
    def thinking(self) -> bool | None:
        """AA lists reasoning and non-reasoning modes as separate models, marked in the name."""
        name = self.name.lower()
        if re.search(r"\(\s*non[- ]?reasoning\b", name):
            return False
        if re.search(r"\(\s*(reasoning|thinking)\b", name):
            return True
        return None

    def describe(self) -> str:
        return f"{self.name} (slug {self.slug or '-'}, id {self.id})"

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "name": self.name,
            "slug": self.slug,
            "creator": self.creator.slug if self.creator else None,
            "creator_name": self.creator.name if self.creator else None,
            "url": self.page_url,
            "release_date": self.release_date,
        }


@dataclass(frozen=True)
class Fetched:
    """One catalog response: its decoded JSON, and AA's own date of it (ISO date, from the
    HTTP Last-Modified header) when the response gives one."""

    payload: Any
    aa_date: str | None = None


@dataclass
class Catalog:
    models: list[AAModel]
    fetched_at: datetime
    origin: Literal["network", "cache", "file"]
    problems: list[str] = field(default_factory=list)  # entries we could not read, one line each
    aa_date: str | None = None  # AA's own date of the catalog, when its response gave one

    @property
    def retrieved(self) -> str:
        """When the catalog was fetched (UTC date): the date of our copy, not of AA's scores."""
        return self.fetched_at.astimezone(UTC).date().isoformat()

    def dating(self) -> str:
        """How the values are dated, in words for previews and PR bodies."""
        if self.aa_date:
            return f"dated {self.aa_date} by Artificial Analysis, retrieved {self.retrieved}"
        return f"retrieved {self.retrieved} (Artificial Analysis gives no date for its scores)"

    def describe(self, now: datetime | None = None) -> str:
        now = now or datetime.now(UTC)
        age_h = max(0.0, (now - self.fetched_at).total_seconds() / 3600)
        where = {
            "network": "fetched now",
            "cache": f"cached, {age_h:.1f} h old",
            "file": "from file",
        }
        return f"{len(self.models)} models, {self.dating()} ({where[self.origin]})"


def parse_catalog(payload: Any) -> tuple[list[AAModel], list[str]]:
    """Models from a response: the documented envelope {"status":200,"data":[...]} or a bare list.

    Entries without an id or name cannot be matched or attributed and are dropped with a
    problem line; every other missing or null field is tolerated.
    """
    if isinstance(payload, dict):
        status = payload.get("status")
        if status not in (None, 200):
            raise AAError(f"Artificial Analysis answered status {status!r} in the response body")
        data = payload.get("data")
    else:
        data = payload
    if not isinstance(data, list):
        raise AAError("unexpected response from Artificial Analysis: no 'data' list of models")
    models: list[AAModel] = []
    problems: list[str] = []
    for index, entry in enumerate(data):
        if not isinstance(entry, dict):
            problems.append(f"entry {index}: not an object")
            continue
        model_id, name = _text(entry.get("id")), _text(entry.get("name"))
        if not model_id or not name:
            missing = "id" if not model_id else "name"
            problems.append(f"entry {index} ({name or model_id or '?'}): no {missing}, skipped")
            continue
        creator_data = entry.get("model_creator")
        creator = None
        if isinstance(creator_data, dict):
            creator = Creator(
                _text(creator_data.get("id")),
                _text(creator_data.get("name")),
                _text(creator_data.get("slug")),
            )
        evaluations = entry.get("evaluations")
        models.append(
            AAModel(
                id=model_id,
                name=name,
                slug=_text(entry.get("slug")),
                creator=creator,
                evaluations=dict(evaluations) if isinstance(evaluations, dict) else {},
                release_date=_text(entry.get("release_date")),
            )
        )
    return models, problems


def _text(value: Any) -> str | None:
    if isinstance(value, str) and value.strip():
        return value.strip()
    return None


# --------------------------------------------------------------------------- network


def fetch_catalog_payload(base_url: str, api_key: str | None, **options: Any) -> Any:
    """The decoded JSON of one catalog request (see `fetch_catalog`)."""
    return fetch_catalog(base_url, api_key, **options).payload


def fetch_catalog(
    base_url: str,
    api_key: str | None,
    *,
    session: Any = None,
    timeout: tuple[float, float] = TIMEOUT,
    retries: int = RETRIES,
    backoff_s: float | None = None,
    max_retry_after_s: float = MAX_RETRY_AFTER_S,
    sleep: Callable[[float], None] = time.sleep,
) -> Fetched:
    """GET the catalog once (plus bounded retries): the decoded JSON and AA's date of it.

    429 waits for Retry-After when it is short; a long one (the daily quota) is reported
    at once. 5xx and connection failures back off exponentially. 401/403 are not retried.
    """
    import requests

    if not api_key:
        raise AAAuthError(
            f"{API_KEY_ENV} is missing or wrong: set {API_KEY_ENV} to your Artificial Analysis "
            "API key (or pass --aa-json FILE)"
        )
    if backoff_s is None:
        backoff_s = float(os.environ.get("HFEVAL_RETRY_DELAY") or BACKOFF_S)
    url = base_url.rstrip("/") + MODELS_PATH
    session = session or requests.Session()
    headers = {"x-api-key": api_key, "Accept": "application/json"}
    last_problem = ""
    for attempt in range(retries + 1):
        final = attempt == retries
        try:
            response = session.get(url, headers=headers, timeout=timeout)
        except requests.RequestException as error:
            last_problem = f"cannot reach Artificial Analysis at {base_url}: {type(error).__name__}"
            if final:
                raise AAError(last_problem) from None
            sleep(backoff_s * 2**attempt)
            continue
        status = response.status_code
        if status in (401, 403):
            raise AAAuthError(
                f"{API_KEY_ENV} is missing or wrong (Artificial Analysis answered HTTP {status})"
            )
        if status == 429:
            wait = _retry_after_seconds(response.headers.get("Retry-After"))
            if wait is not None and wait > max_retry_after_s:
                raise AAError(
                    f"Artificial Analysis rate limit reached (HTTP 429, retry after {wait:.0f} s; "
                    "the free tier allows 1,000 requests a day); the cached catalog is used when present"
                )
            last_problem = "Artificial Analysis rate limit reached (HTTP 429)"
            if final:
                raise AAError(last_problem + f" after {retries + 1} attempts")
            sleep(wait if wait is not None else backoff_s * 2**attempt)
            continue
        if status >= 500:
            last_problem = f"Artificial Analysis server error (HTTP {status})"
            if final:
                raise AAError(last_problem + f" after {retries + 1} attempts")
            sleep(backoff_s * 2**attempt)
            continue
        if status != 200:
            raise AAError(f"Artificial Analysis answered HTTP {status} for {MODELS_PATH}")
        try:
            payload = response.json()
        except ValueError:
            raise AAError(
                f"Artificial Analysis returned malformed JSON ({len(response.content)} bytes)"
            ) from None
        return Fetched(payload, last_modified_date(response.headers.get("Last-Modified")))
    raise AAError(last_problem or "Artificial Analysis did not answer")  # pragma: no cover


def last_modified_date(value: str | None, now: datetime | None = None) -> str | None:
    """The UTC date of an HTTP Last-Modified header (RFC 9110 HTTP date); None when absent,
    unreadable or in the future (a server clock we cannot trust is no date of the data)."""
    if not value:
        return None
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    if when > (now or datetime.now(UTC)) + timedelta(minutes=5):
        return None
    return when.astimezone(UTC).date().isoformat()


def _retry_after_seconds(value: str | None) -> float | None:
    """Retry-After is seconds or an HTTP date (RFC 9110); None when absent or unreadable."""
    return parse_retry_after(value, datetime.now(UTC))


# --------------------------------------------------------------------------- cache


def default_cache_path(env: Environment | None = None) -> Path:
    """$HF_EVAL_CACHE/aa_models.json, else $XDG_CACHE_HOME or ~/.cache, under hf-evaluation/."""
    environ: Environment = os.environ if env is None else env
    if environ.get(CACHE_DIR_ENV):
        return Path(environ[CACHE_DIR_ENV]).expanduser() / CACHE_FILE_NAME
    xdg = environ.get("XDG_CACHE_HOME")
    base = Path(xdg) if xdg else Path.home() / ".cache"
    return base / "hf-evaluation" / CACHE_FILE_NAME


def resolve_base_url(cli_value: str | None, env: Environment | None = None) -> str:
    environ: Environment = os.environ if env is None else env
    return (cli_value or environ.get(BASE_URL_ENV) or DEFAULT_BASE_URL).rstrip("/")


def read_cache(path: Path, base_url: str) -> tuple[Fetched, datetime] | None:
    """The cached response (with AA's date, if it had one) and its fetch time, or None when
    absent, unreadable or for another URL."""
    try:
        stored = json.loads(path.read_text(encoding="utf-8"))
        if stored.get("base_url") != base_url:
            return None
        fetched_at = _parse_time(stored["fetched_at"])
        return _stored_response(stored), fetched_at
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def _stored_response(stored: dict) -> Fetched:
    aa_date = stored.get("aa_date")
    return Fetched(stored["response"], aa_date if isinstance(aa_date, str) and aa_date else None)


def write_cache(
    path: Path, base_url: str, payload: Any, fetched_at: datetime, aa_date: str | None = None
) -> None:
    """Atomic write (temp file + rename) so a crash never leaves half a catalog; never the key."""
    path.parent.mkdir(parents=True, exist_ok=True)
    stored = {
        "fetched_at": fetched_at.astimezone(UTC).isoformat().replace("+00:00", "Z"),
        "aa_date": aa_date,
        "base_url": base_url,
        "endpoint": MODELS_PATH,
        "response": payload,
    }
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(stored), encoding="utf-8")
    os.replace(tmp, path)


def _parse_time(text: str) -> datetime:
    when = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def load_catalog(
    *,
    base_url: str,
    api_key: str | None,
    cache_path: Path | None,
    refresh: bool = False,
    aa_json: Path | None = None,
    now: datetime | None = None,
    fetch: Callable[..., Fetched] = fetch_catalog,
    warn: Callable[[str], None] = lambda _msg: None,
) -> Catalog:
    """The catalog from --aa-json, a fresh cache, or one request (then cached).

    When the request fails for a reason other than the key and an expired cache exists,
    the expired cache is used with a warning: older data beats no data, and its retrieval
    date is recorded on every result.
    """
    now = now or datetime.now(UTC)
    if aa_json is not None:
        saved, fetched_at = _read_saved_response(aa_json)
        return _catalog(saved, fetched_at, "file")
    cached = None if cache_path is None else read_cache(cache_path, base_url)
    if cached is not None and not refresh and now - cached[1] < CACHE_TTL:
        try:
            return _catalog(cached[0], cached[1], "cache")
        except AAError:
            cached = None  # unreadable cache: fetch again
    try:
        fetched = fetch(base_url, api_key)
        catalog = _catalog(fetched, now, "network")
    except AAAuthError:
        raise
    except AAError as error:
        if cached is None:
            raise
        warn(f"{error.message}; using the cached catalog retrieved {cached[1].date().isoformat()}")
        return _catalog(cached[0], cached[1], "cache")
    if cache_path is not None:
        try:
            write_cache(cache_path, base_url, fetched.payload, now, fetched.aa_date)
        except OSError as error:
            warn(f"cannot write the catalog cache {cache_path}: {error.strerror or error}")
    return catalog


def _catalog(
    fetched: Fetched, fetched_at: datetime, origin: Literal["network", "cache", "file"]
) -> Catalog:
    models, problems = parse_catalog(fetched.payload)
    return Catalog(
        models=models,
        fetched_at=fetched_at,
        origin=origin,
        problems=problems,
        aa_date=fetched.aa_date,
    )


def _read_saved_response(path: Path) -> tuple[Fetched, datetime]:
    """A saved API response (envelope or list) or one of our cache files.

    A raw response has no fetch time, so the file's modification time stands for it.
    """
    try:
        text = path.read_text(encoding="utf-8")
        stat = path.stat()
    except OSError as error:
        raise InputError(f"cannot read {path}: {error.strerror or error}") from None
    try:
        data = json.loads(text)
    except ValueError as error:
        raise InputError(f"{path} is not valid JSON: {error}") from None
    if isinstance(data, dict) and "response" in data and "fetched_at" in data:
        try:
            return _stored_response(data), _parse_time(str(data["fetched_at"]))
        except ValueError:
            raise InputError(f"{path}: unreadable fetched_at {data['fetched_at']!r}") from None
    return Fetched(data), datetime.fromtimestamp(stat.st_mtime, UTC)


# --------------------------------------------------------------------------- matching


def normalize(text: str) -> str:
    """Letters and digits of any script, case folded: "Claude-4 Sonnet" == "claude 4 sonnet".

    The registry's normaliser, so a model or creator named in Chinese ("通义千问") is not
    reduced to nothing and matched with every other such name.
    """
    return normalize_name(text)


def _words(text: str) -> tuple[str, ...]:
    """The sorted words of a name: "claude-sonnet-4" and "Claude 4 Sonnet" have the same words."""
    return tuple(sorted(normalize_name(word) for word in name_words(text)))


def creator_models(models: Iterable[AAModel], creator: str) -> list[AAModel]:
    """Models whose creator slug or name equals `creator` after normalisation."""
    key = normalize(creator)
    return [
        m
        for m in models
        if m.creator and key in {normalize(m.creator.slug or ""), normalize(m.creator.name or "")}
    ]


def find_model(
    models: list[AAModel],
    *,
    aa_id: str | None = None,
    creator_slug: str | None = None,
    model_name: str | None = None,
) -> AAModel:
    """One model, or ModelNotFound listing candidates (exit 3). Never a substring match.

    By id: exact. By name: the slug or name equal after normalisation; failing that, the
    same words in another order ("claude-sonnet-4" for "Claude 4 Sonnet"). Every word must
    match, so "(Reasoning)" variants stay apart. Two hits are ambiguous, never a pick.
    """
    if aa_id:
        hits = [m for m in models if m.id.lower() == aa_id.strip().lower()]
        if creator_slug and hits and hits[0] not in creator_models(hits, creator_slug):
            raise ModelNotFound(
                f"Artificial Analysis model id {aa_id} belongs to {hits[0].creator_slug!r}, "
                f"not {creator_slug!r}",
                [_candidate(hits[0])],
            )
        if hits:
            return hits[0]
        raise ModelNotFound(
            f"no Artificial Analysis model has id {aa_id} "
            "(list ids with: import-aa --list --creator-slug SLUG)"
        )
    if not model_name:
        raise UsageError("give --aa-id, or --model-name (with --creator-slug), or --list")
    pool = models
    if creator_slug:
        pool = creator_models(models, creator_slug)
        if not pool:
            creators = sorted({m.creator_slug for m in models if m.creator_slug})
            raise ModelNotFound(
                f"Artificial Analysis has no creator {creator_slug!r}",
                [f"creator: {c}" for c in creators][:40],
            )
    wanted = normalize(model_name)
    hits = [m for m in pool if wanted and wanted in {normalize(m.slug or ""), normalize(m.name)}]
    if not hits:
        words = _words(model_name)
        hits = [m for m in pool if words and words in {_words(m.slug or ""), _words(m.name)}]
    scope = f" by {creator_slug}" if creator_slug else ""
    if len(hits) == 1:
        return hits[0]
    if len(hits) > 1:
        raise ModelNotFound(
            f"{model_name!r} matches {len(hits)} Artificial Analysis models{scope}; "
            "pick one with --aa-id",
            [_candidate(m) for m in hits],
        )
    near = _near(pool, model_name) if not creator_slug else pool
    raise ModelNotFound(
        f"no Artificial Analysis model{scope} named {model_name!r} (slug or name, exact); "
        "candidates below, pick one with --aa-id or its exact slug",
        [_candidate(m) for m in near[:30]]
        + (
            [f"... {len(near) - 30} more: import-aa --list --creator-slug SLUG"]
            if len(near) > 30
            else []
        ),
    )


_MODE_MARK_RE = re.compile(r"\s*\(\s*(?:non[- ]?)?(?:reasoning|thinking)\s*\)", re.IGNORECASE)


def mode_variants(models: Iterable[AAModel], model: AAModel) -> list[AAModel]:
    """The same model in its other reasoning mode(s): AA lists "X (Reasoning)" and "X" (or
    "X (Non-reasoning)") as separate models with separate scores. Same creator, the same
    name once the mode mark is taken out, and a different mode."""

    def base_name(m: AAModel) -> str:
        return normalize(_MODE_MARK_RE.sub("", m.name))

    return [
        other
        for other in models
        if other.id != model.id
        and other.creator_slug == model.creator_slug
        and base_name(other) == base_name(model)
        and bool(other.thinking) != bool(model.thinking)
    ]


def _near(models: list[AAModel], query: str) -> list[AAModel]:
    """Models sharing a word with the query, most shared first: shown, never picked."""
    wanted = set(_words(query))
    scored = [
        (len(wanted & set(_words(m.name)) | wanted & set(_words(m.slug or ""))), m) for m in models
    ]
    return [m for score, m in sorted(scored, key=lambda p: (-p[0], p[1].name)) if score]


def _candidate(model: AAModel) -> str:
    creator = f"{model.creator_slug}: " if model.creator_slug else ""
    return f"{creator}{model.name}  (slug {model.slug or '-'}, id {model.id})"


# --------------------------------------------------------------------------- mapping


@dataclass
class Mapping:
    """An AA model's scores as Results, and what was left out and why."""

    results: list[Result]
    unmapped: list[str]  # AA keys with a value but no registry benchmark
    skipped: list[tuple[str, str]]  # (key, reason): null, not a number, out of range

    def to_dict(self) -> dict:
        return {
            "unmapped": self.unmapped,
            "skipped": [{"key": k, "reason": r} for k, r in self.skipped],
        }


def resolve_benchmark(key: str, registry: Registry) -> Benchmark | None:
    """The registry benchmark for an AA key: our table's id first, the registry's aliases second."""
    spec = AA_KEYS.get(key)
    if spec is None:
        return None
    return registry.get(spec.benchmark_id) or registry.lookup(key) or registry.lookup(spec.label)


def model_to_results(
    model: AAModel, registry: Registry, *, retrieved: str, aa_date: str | None = None
) -> Mapping:
    """Each usable AA score as a Result on its registry benchmark's scale, with attribution.

    `aa_date`: AA's own date of the data (the values' `date`), when its response gave one;
    otherwise the values carry only `retrieved`, the fetch date, which is not their date.
    """
    source = Source(
        kind=ORIGIN,
        name=SOURCE_NAME,
        url=model.page_url,
        reference=model.id,
        date=aa_date,
        retrieved=None if aa_date else retrieved,
    )
    setting = Setting(thinking=model.thinking)
    results: list[Result] = []
    unmapped: list[str] = []
    skipped: list[tuple[str, str]] = []
    for key, raw in model.evaluations.items():
        if key.endswith("_version"):
            continue  # metadata of an index, read below
        spec = AA_KEYS.get(key)
        bench = resolve_benchmark(key, registry)
        if raw is None:
            skipped.append((key, "no value (null)"))
            continue
        if spec is None or bench is None:
            unmapped.append(key)
            continue
        if isinstance(raw, bool) or not isinstance(raw, int | float):
            skipped.append((key, f"not a number: {str(raw)[:30]!r}"))
            continue
        top = 1.0 if spec.aa_scale == "fraction" else 100.0
        if not 0 <= raw <= top:
            skipped.append((key, f"{raw} is outside AA's 0-{top:g} range for this key"))
            continue
        try:
            value = convert_scale(
                raw, _aa_scale(spec), bench.scale, from_max=top, to_max=bench.max_value
            )
        except ValueError as error:
            skipped.append((key, str(error)))
            continue
        notes = None
        result_setting = setting
        if spec.aa_scale == "index":
            version = model.evaluations.get(f"{key}_version")
            notes = spec.label + (f" {version}" if version not in (None, "") else "")
            notes += f" (dated {aa_date})" if aa_date else f" (retrieved {retrieved})"
            if version not in (None, ""):
                # An index's version changes what it measures: keep it on the card.
                result_setting = setting.merged(Setting(extra=(f"{spec.label} {version}",)))
        results.append(
            Result(
                benchmark=bench.name,
                value=value,
                source=source,
                benchmark_id=bench.id,
                setting=result_setting,
                scale=bench.scale,
                metric=bench.metric,
                notes=notes,
                model=model.name,
            )
        )
    return Mapping(results=results, unmapped=sorted(unmapped), skipped=skipped)


def _aa_scale(spec: AAKey) -> Scale:
    return "fraction" if spec.aa_scale == "fraction" else "points"


# --------------------------------------------------------------------------- reconciliation


@dataclass
class Comparison:
    """An AA value next to a value the card already has for the same benchmark and setting."""

    result: Result
    card_value: float
    card_scale: Scale | None
    card_source: str | None
    difference: float  # on the AA result's scale
    flagged: bool  # more than one point apart (0.01 on a fraction scale)

    def line(self) -> str:
        gap = f"{abs(self.difference):.3g}"
        verdict = f"DIFFERS by {gap}" if self.flagged else f"agrees ({gap} apart)"
        setting = self.result.setting.label()
        return (
            f"{self.result.benchmark}{f' [{setting}]' if setting else ''}: "
            f"Artificial Analysis {self.result.value:g}, card {self.card_value:g} "
            f"from {self.card_source or 'no source'}: {verdict}"
        )

    def to_dict(self) -> dict:
        return {
            "benchmark_id": self.result.benchmark_id,
            "setting": self.result.setting.to_dict(),
            "aa_value": self.result.value,
            "card_value": self.card_value,
            "card_scale": self.card_scale,
            "card_source": self.card_source,
            "difference": self.difference,
            "flagged": self.flagged,
        }


def reconcile(
    results: list[Result], card_results: Iterable[Any], registry: Registry
) -> list[Comparison]:
    """Compare AA values with the card's values from other sources, on a common scale.

    `card_results` are cards.CardResult objects (read with `to_result()`) or Results.
    A gap of more than 1 % of the full scale is flagged: one point on percent, 0.01 on
    fractions, one index point.
    """
    comparisons: list[Comparison] = []
    ours = {(r.benchmark_id, r.setting): r for r in results if r.benchmark_id}
    for item in card_results:
        card = item.to_result() if hasattr(item, "to_result") else item
        if (
            not isinstance(card, Result)
            or card.source.kind == ORIGIN
            or card.source.name == SOURCE_NAME
            or card.benchmark_id is None
        ):
            continue
        mine = ours.get((card.benchmark_id, card.setting))
        if mine is None or not isinstance(card.value, int | float) or isinstance(card.value, bool):
            continue
        bench = registry.get(mine.benchmark_id or "")
        max_value = bench.max_value if bench else None
        card_scale = card.scale or (bench.scale if bench else None)
        if card_scale is None:
            continue
        try:
            card_on_ours = convert_scale(
                float(card.value), card_scale, mine.scale, from_max=max_value, to_max=max_value
            )
        except ValueError:
            continue
        difference = round(mine.value - card_on_ours, 9)
        full = full_scale(mine.scale, max_value) or 100.0
        comparisons.append(
            Comparison(
                result=mine,
                card_value=float(card.value),
                card_scale=card_scale,
                card_source=redact(card.source.describe()),
                difference=difference,
                flagged=abs(difference) > full / 100 + 1e-9,
            )
        )
    return comparisons
