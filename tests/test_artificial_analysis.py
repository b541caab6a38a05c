"""Artificial Analysis client, cache, matching, mapping and reconciliation (in-process).

The network tests drive the real `requests` client against tests/aa_stub.py on 127.0.0.1.
"""

from __future__ import annotations

import json
import os
import socket
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from aa_stub import DEFAULT_KEY, AAStub, envelope, model_id, realistic_catalog
from hfeval import artificial_analysis as aa
from hfeval.benchmarks import Benchmark, Registry, load_registry
from hfeval.errors import EXIT_NOTHING, EXIT_USAGE, InputError, ModelNotFound, UsageError
from hfeval.results import Result, Setting, Source

NOW = datetime(2025, 9, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
def registry() -> Registry:
    """A registry with every benchmark AA reports, independent of the shipped data file."""
    benches = [
        Benchmark(id=spec.benchmark_id, name=spec.label, aliases=(key,), scale="percent")
        for key, spec in aa.AA_KEYS.items()
        if spec.aa_scale == "fraction"
    ]
    benches += [
        Benchmark(
            id=spec.benchmark_id, name=spec.label, scale="points", max_value=100, metric="index"
        )
        for spec in aa.AA_KEYS.values()
        if spec.aa_scale == "index"
    ]
    benches.append(Benchmark(id="mt_bench", name="MT-Bench", scale="points", max_value=10))
    return Registry(benches)


@pytest.fixture
def stub():
    with AAStub() as server:
        yield server


def catalog_models() -> list[aa.AAModel]:
    models, problems = aa.parse_catalog(envelope(realistic_catalog()))
    assert problems == []
    return models


def no_sleep(waits: list[float]):
    return waits.append


# --------------------------------------------------------------------------- parsing


def test_parse_documented_envelope_and_bare_list():
    payload = envelope(realistic_catalog())
    models, problems = aa.parse_catalog(payload)
    assert len(models) == len(payload["data"]) >= 20
    assert len({m.creator_slug for m in models}) >= 5
    o3_mini = next(m for m in models if m.slug == "o3-mini")
    assert o3_mini.id == "2dad8957-4c16-4e74-bf2d-8b21514e0ae9"
    assert o3_mini.creator.name == "OpenAI"
    assert o3_mini.evaluations["mmlu_pro"] == 0.791
    assert [m.id for m in aa.parse_catalog(payload["data"])[0]] == [m.id for m in models]


def test_parse_tolerates_nulls_and_drops_unattributable_entries():
    data = realistic_catalog()[:3]
    data[0]["evaluations"] = None
    data[1]["model_creator"] = None
    data[2]["slug"] = None
    data.append({"name": "No Id Model", "evaluations": {"gpqa": 0.5}})
    data.append({"id": "abc", "name": None})
    data.append("garbage")
    models, problems = aa.parse_catalog({"status": 200, "data": data})
    assert [m.name for m in models] == [d["name"] for d in data[:3]]
    assert models[0].evaluations == {}
    assert models[1].creator is None
    assert models[2].page_url == "https://artificialanalysis.ai"
    assert len(problems) == 3
    assert "no id" in problems[0] and "No Id Model" in problems[0]


@pytest.mark.parametrize(
    "payload, message",
    [
        ({"status": 200}, "no 'data' list"),
        ({"status": 200, "data": {"a": 1}}, "no 'data' list"),
        ({"status": 500, "data": []}, "status 500"),
        ("not a catalog", "no 'data' list"),
    ],
)
def test_parse_rejects_responses_without_a_model_list(payload, message):
    with pytest.raises(aa.AAError, match=message):
        aa.parse_catalog(payload)


# --------------------------------------------------------------------------- network


def test_fetch_sends_the_key_header_and_makes_one_request(stub):
    payload = aa.fetch_catalog_payload(stub.url, DEFAULT_KEY)
    assert len(payload["data"]) == len(stub.models)
    assert stub.catalog_requests == 1
    assert stub.requests[0]["key_sent"]


@pytest.mark.parametrize("key", ["wrong-key-123456", None])
def test_missing_or_wrong_key_is_one_clear_error_without_the_key(stub, key):
    with pytest.raises(aa.AAAuthError) as info:
        aa.fetch_catalog_payload(stub.url, key)
    assert "AA_API_KEY is missing or wrong" in info.value.message
    assert info.value.exit_code == 1
    if key:
        assert key not in info.value.message
        assert stub.catalog_requests == 1  # 401 is not retried
    else:
        assert stub.catalog_requests == 0  # no key: no request wasted on the quota


def test_429_waits_for_retry_after_then_succeeds(stub):
    stub.inject(429, times=2, retry_after="2")
    waits: list[float] = []
    payload = aa.fetch_catalog_payload(stub.url, DEFAULT_KEY, sleep=no_sleep(waits))
    assert payload["status"] == 200
    assert waits == [2.0, 2.0]
    assert stub.catalog_requests == 3


def test_429_with_http_date_retry_after(stub):
    when = (datetime.now(UTC) + timedelta(seconds=30)).strftime("%a, %d %b %Y %H:%M:%S GMT")
    stub.inject(429, retry_after=when)
    waits: list[float] = []
    aa.fetch_catalog_payload(stub.url, DEFAULT_KEY, sleep=no_sleep(waits))
    assert len(waits) == 1 and 25 <= waits[0] <= 31


def test_429_with_a_long_retry_after_is_reported_not_waited_for(stub):
    stub.inject(429, retry_after="86400")
    waits: list[float] = []
    with pytest.raises(aa.AAError, match=r"rate limit.*86400 s"):
        aa.fetch_catalog_payload(stub.url, DEFAULT_KEY, sleep=no_sleep(waits))
    assert waits == [] and stub.catalog_requests == 1


def test_429_forever_gives_up_after_bounded_attempts(stub):
    stub.inject(429, times=10, retry_after="1")
    waits: list[float] = []
    with pytest.raises(aa.AAError, match="rate limit.*4 attempts"):
        aa.fetch_catalog_payload(stub.url, DEFAULT_KEY, sleep=no_sleep(waits))
    assert stub.catalog_requests == aa.RETRIES + 1
    assert waits == [1.0] * aa.RETRIES


def test_5xx_is_retried_with_exponential_backoff(stub):
    stub.inject(500)
    stub.inject(503)
    waits: list[float] = []
    payload = aa.fetch_catalog_payload(stub.url, DEFAULT_KEY, sleep=no_sleep(waits), backoff_s=1.0)
    assert payload["status"] == 200
    assert waits == [1.0, 2.0]


def test_persistent_5xx_is_one_line_error(stub):
    stub.inject(500, times=10)
    with pytest.raises(aa.AAError, match=r"server error \(HTTP 500\) after 4 attempts"):
        aa.fetch_catalog_payload(stub.url, DEFAULT_KEY, sleep=lambda _s: None)
    assert stub.catalog_requests == 4


def test_malformed_json_is_one_line_error(stub):
    stub.inject_malformed()
    with pytest.raises(aa.AAError, match="malformed JSON") as info:
        aa.fetch_catalog_payload(stub.url, DEFAULT_KEY)
    assert "\n" not in info.value.message


def test_unreachable_server_is_retried_then_reported():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    waits: list[float] = []
    with pytest.raises(aa.AAError, match="cannot reach Artificial Analysis"):
        aa.fetch_catalog_payload(
            f"http://127.0.0.1:{port}", DEFAULT_KEY, sleep=no_sleep(waits), timeout=(1, 1)
        )
    assert len(waits) == aa.RETRIES


def test_retry_after_parsing():
    assert aa._retry_after_seconds("7") == 7.0
    assert aa._retry_after_seconds(" 0 ") == 0.0
    assert aa._retry_after_seconds(None) is None
    assert aa._retry_after_seconds("soon") is None
    assert aa._retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # in the past


# --------------------------------------------------------------------------- cache


def load(stub, cache: Path, **kw) -> aa.Catalog:
    kw.setdefault("now", NOW)
    return aa.load_catalog(base_url=stub.url, api_key=DEFAULT_KEY, cache_path=cache, **kw)


def test_catalog_is_fetched_once_then_served_from_cache(stub, tmp_path):
    cache = tmp_path / "aa_models.json"
    first = load(stub, cache)
    assert first.origin == "network" and first.retrieved == "2025-09-01"
    assert first.aa_date is None  # the stand-in, like AA, sends no date of its data
    second = load(stub, cache, now=NOW + timedelta(hours=23))
    assert second.origin == "cache"
    assert second.retrieved == "2025-09-01"  # when it was fetched, not when it is imported
    assert [m.id for m in second.models] == [m.id for m in first.models]
    assert stub.catalog_requests == 1
    stored = cache.read_text()
    assert DEFAULT_KEY not in stored
    assert json.loads(stored)["fetched_at"] == "2025-09-01T12:00:00Z"


def test_fresh_cache_needs_no_key(stub, tmp_path):
    cache = tmp_path / "aa_models.json"
    load(stub, cache)
    catalog = aa.load_catalog(
        base_url=stub.url, api_key=None, cache_path=cache, now=NOW + timedelta(hours=1)
    )
    assert catalog.origin == "cache" and stub.catalog_requests == 1
    with pytest.raises(aa.AAAuthError, match="AA_API_KEY is missing or wrong"):
        aa.load_catalog(base_url=stub.url, api_key=None, cache_path=cache, now=NOW, refresh=True)
    assert stub.catalog_requests == 1


def test_cache_expires_after_ttl_and_refresh_bypasses_it(stub, tmp_path):
    cache = tmp_path / "aa_models.json"
    load(stub, cache)
    assert load(stub, cache, now=NOW + timedelta(hours=25)).origin == "network"
    assert stub.catalog_requests == 2
    assert (
        load(stub, cache, now=NOW + timedelta(hours=25, minutes=1), refresh=True).origin
        == "network"
    )
    assert stub.catalog_requests == 3


def test_cache_of_another_base_url_or_corrupt_cache_is_not_used(stub, tmp_path):
    cache = tmp_path / "aa_models.json"
    aa.write_cache(cache, "https://elsewhere.example", envelope([]), NOW)
    assert len(load(stub, cache).models) == len(stub.models)
    cache.write_text("{not json")
    assert load(stub, cache).origin == "network"
    assert stub.catalog_requests == 2


def test_expired_cache_is_used_when_aa_fails_but_not_when_the_key_is_wrong(stub, tmp_path):
    cache = tmp_path / "aa_models.json"
    load(stub, cache)
    stub.inject(500, times=aa.RETRIES + 1)
    warnings: list[str] = []
    fetch = lambda url, key: aa.fetch_catalog(url, key, sleep=lambda _s: None)  # noqa: E731
    later = NOW + timedelta(days=3)
    catalog = load(stub, cache, now=later, fetch=fetch, warn=warnings.append)
    assert catalog.origin == "cache" and catalog.retrieved == "2025-09-01"
    assert "using the cached catalog retrieved 2025-09-01" in warnings[0]
    with pytest.raises(aa.AAAuthError):
        aa.load_catalog(
            base_url=stub.url,
            api_key="bad-key-999",
            cache_path=cache,
            now=later,
            fetch=lambda url, key: aa.fetch_catalog(url, key),
        )


def test_cache_path_honours_environment(tmp_path):
    assert aa.default_cache_path({"HF_EVAL_CACHE": str(tmp_path)}) == tmp_path / "aa_models.json"
    assert aa.default_cache_path({"XDG_CACHE_HOME": "/x"}) == Path(
        "/x/hf-evaluation/aa_models.json"
    )
    assert aa.resolve_base_url(None, {}) == "https://artificialanalysis.ai"
    assert aa.resolve_base_url(None, {"AA_BASE_URL": "http://h:1/"}) == "http://h:1"
    assert aa.resolve_base_url("http://cli:2", {"AA_BASE_URL": "http://h:1"}) == "http://cli:2"


def test_saved_response_needs_no_network_and_dates_from_the_file(tmp_path):
    saved = tmp_path / "aa.json"
    saved.write_text(json.dumps(envelope(realistic_catalog())))
    stamp = datetime(2025, 8, 30, 9, 0, tzinfo=UTC).timestamp()
    os.utime(saved, (stamp, stamp))

    def no_fetch(*_a):
        raise AssertionError("network used")

    catalog = aa.load_catalog(
        base_url="http://unused", api_key=None, cache_path=None, aa_json=saved, fetch=no_fetch
    )
    assert catalog.origin == "file" and catalog.retrieved == "2025-08-30"

    cache_format = tmp_path / "cache.json"
    aa.write_cache(
        cache_format, "x", envelope(realistic_catalog()), datetime(2025, 7, 1, tzinfo=UTC)
    )
    catalog = aa.load_catalog(base_url="x", api_key=None, cache_path=None, aa_json=cache_format)
    assert catalog.retrieved == "2025-07-01"

    bad = tmp_path / "bad.json"
    bad.write_text("{")
    with pytest.raises(InputError, match="not valid JSON"):
        aa.load_catalog(base_url="x", api_key=None, cache_path=None, aa_json=bad)


# --------------------------------------------------------------------------- matching


@pytest.mark.parametrize(
    "creator, query, slug",
    [
        ("anthropic", "claude-sonnet-4", "claude-4-sonnet"),  # the seed command: word order differs
        ("anthropic", "claude-4-sonnet", "claude-4-sonnet"),
        ("anthropic", "Claude 4 Sonnet", "claude-4-sonnet"),
        ("Anthropic", "CLAUDE_4_SONNET", "claude-4-sonnet"),
        ("anthropic", "Claude 4 Sonnet (Reasoning)", "claude-4-sonnet-thinking"),
        ("anthropic", "claude-4-sonnet-thinking", "claude-4-sonnet-thinking"),
        ("anthropic", "claude sonnet 4 reasoning", "claude-4-sonnet-thinking"),
        ("openai", "GPT-4o (Nov '24)", "gpt-4o"),
        ("openai", "gpt-4o", "gpt-4o"),
        ("deepseek", "DeepSeek V3.1 (Non-reasoning)", "deepseek-v3-1"),
        (None, "o3-mini", "o3-mini"),
    ],
)
def test_model_found_by_slug_or_name(creator, query, slug):
    model = aa.find_model(catalog_models(), creator_slug=creator, model_name=query)
    assert model.slug == slug


@pytest.mark.parametrize(
    "creator, query",
    [
        ("anthropic", "sonnet"),  # a substring of four models, a name of none
        ("anthropic", "claude 4"),
        ("mistral", "Mistral Large"),  # two dated versions of Mistral Large 2, a name of neither
        ("anthropic", "claude-4-sonnet-reasoning-extra"),
    ],
)
def test_no_substring_match_lists_candidates_and_exits_3(creator, query):
    with pytest.raises(ModelNotFound) as info:
        aa.find_model(catalog_models(), creator_slug=creator, model_name=query)
    assert info.value.exit_code == EXIT_NOTHING
    assert info.value.candidates
    # every candidate shows name, slug and id so the user can pick one
    assert all("slug " in c and "id " in c for c in info.value.candidates)


def test_near_duplicate_variants_are_candidates_not_picks():
    with pytest.raises(ModelNotFound) as info:
        aa.find_model(
            catalog_models(), creator_slug="anthropic", model_name="claude 4 sonnet thinking x"
        )
    text = "\n".join(info.value.candidates)
    assert "Claude 4 Sonnet  (slug claude-4-sonnet," in text
    assert "Claude 4 Sonnet (Reasoning)  (slug claude-4-sonnet-thinking," in text


def test_ambiguous_name_is_refused_with_both_candidates():
    data = realistic_catalog()
    twin = dict(data[0], id="11111111-2222-3333-4444-555555555555", slug="claude-4-sonnet-20250522")
    models, _ = aa.parse_catalog(data + [twin])
    with pytest.raises(ModelNotFound, match="matches 2") as info:
        aa.find_model(models, creator_slug="anthropic", model_name="Claude 4 Sonnet")
    assert len(info.value.candidates) == 2
    # the stable id settles it
    assert aa.find_model(models, aa_id=twin["id"]).slug == "claude-4-sonnet-20250522"


@pytest.mark.parametrize(
    "slug, variants",
    [
        ("claude-4-sonnet", ["claude-4-sonnet-thinking"]),
        ("claude-4-sonnet-thinking", ["claude-4-sonnet"]),
        ("deepseek-v3-1", ["deepseek-v3-1-reasoning"]),  # "(Non-reasoning)" / "(Reasoning)"
        ("gemini-2-5-flash", ["gemini-2-5-flash-reasoning"]),
        ("claude-3-5-haiku", []),  # one mode only
        ("gpt-4o", []),  # dated versions are not modes
    ],
)
def test_the_other_reasoning_mode_of_a_model_is_named(slug, variants):
    models = catalog_models()
    (model,) = [m for m in models if m.slug == slug]
    assert [m.slug for m in aa.mode_variants(models, model)] == variants


def test_match_by_stable_id():
    wanted = model_id("claude-4-sonnet-thinking")
    assert (
        aa.find_model(catalog_models(), aa_id=wanted.upper()).name == "Claude 4 Sonnet (Reasoning)"
    )
    with pytest.raises(ModelNotFound, match="no Artificial Analysis model has id"):
        aa.find_model(catalog_models(), aa_id="00000000-0000-0000-0000-000000000000")
    with pytest.raises(ModelNotFound, match="belongs to 'anthropic'"):
        aa.find_model(catalog_models(), aa_id=wanted, creator_slug="openai")


def test_names_in_other_scripts_match_exactly_and_stay_apart():
    data = realistic_catalog()
    creator = {"id": "c-zh", "name": "百度", "slug": "百度"}
    twins = [
        dict(data[0], id=f"00000000-0000-0000-0000-00000000000{i}", name=name, slug=None,
             model_creator=creator)
        for i, name in enumerate(["文心一言", "文心一格"])
    ]  # fmt: skip
    models, _ = aa.parse_catalog(data + twins)
    assert [m.name for m in aa.creator_models(models, "百度")] == ["文心一言", "文心一格"]
    assert aa.find_model(models, creator_slug="百度", model_name="文心一言").id.endswith("0")
    assert aa.find_model(models, creator_slug="百度", model_name="文心 一格").id.endswith("1")
    with pytest.raises(ModelNotFound):  # a third name is neither, not both
        aa.find_model(models, creator_slug="百度", model_name="文心")


def test_unknown_creator_lists_creators():
    with pytest.raises(ModelNotFound) as info:
        aa.find_model(catalog_models(), creator_slug="antropic", model_name="claude-4-sonnet")
    assert "creator: anthropic" in info.value.candidates


def test_nothing_to_match_is_a_usage_error():
    with pytest.raises(UsageError) as info:
        aa.find_model(catalog_models(), creator_slug="anthropic")
    assert info.value.exit_code == EXIT_USAGE


def test_creator_models_lists_only_that_creator():
    names = [m.name for m in aa.creator_models(catalog_models(), "anthropic")]
    assert "Claude 4 Sonnet" in names and "Claude 4 Sonnet (Reasoning)" in names
    assert all(n.startswith("Claude") for n in names)


# --------------------------------------------------------------------------- mapping


def o3_mini() -> aa.AAModel:
    return next(m for m in catalog_models() if m.slug == "o3-mini")


def by_id(results: list[Result]) -> dict[str, Result]:
    return {r.benchmark_id: r for r in results}


def test_fractions_become_percent_without_float_noise(registry):
    mapping = aa.model_to_results(o3_mini(), registry, retrieved="2025-09-01")
    got = by_id(mapping.results)
    assert got["mmlu_pro"].value == 79.1  # 0.791 * 100 would be 79.10000000000001
    assert got["gpqa_diamond"].value == 74.8
    assert got["hle"].value == 8.7
    assert got["aime_2024"].value == 77.0  # "aime" is AIME 2024
    assert got["aime_2025"].value == 63.0  # "aime_25" is AIME 2025
    assert got["math_500"].value == 97.3
    assert all(got[i].scale == "percent" for i in ("mmlu_pro", "aime_2024", "tau2_bench_telecom"))
    assert all(len(repr(r.value)) <= 6 for r in mapping.results)
    assert mapping.unmapped == [] and mapping.skipped == []
    assert len(mapping.results) == len(aa.AA_KEYS)


def test_indices_keep_their_0_100_scale_and_say_what_they_are(registry):
    got = by_id(aa.model_to_results(o3_mini(), registry, retrieved="2025-09-01").results)
    index = got["aa_intelligence_index"]
    assert index.value == 62.9 and index.scale == "points"
    assert index.notes == "Artificial Analysis Intelligence Index (retrieved 2025-09-01)"
    assert got["aa_coding_index"].value == 55.8
    assert got["aa_math_index"].notes.startswith("Artificial Analysis Math Index")


def test_index_version_is_recorded_when_the_response_carries_it(registry):
    model = o3_mini()
    model.evaluations["artificial_analysis_intelligence_index_version"] = "v3"
    got = by_id(aa.model_to_results(model, registry, retrieved="2025-09-01").results)
    assert got["aa_intelligence_index"].notes.startswith(
        "Artificial Analysis Intelligence Index v3"
    )
    # The version reaches the card through the setting (model-index's metric name and args).
    assert got["aa_intelligence_index"].setting.extra == (
        "Artificial Analysis Intelligence Index v3",
    )
    assert got["aa_coding_index"].setting.extra == ()


def test_every_result_carries_attribution(registry):
    model = o3_mini()
    for result in aa.model_to_results(model, registry, retrieved="2025-09-01").results:
        assert result.source == Source(
            kind="artificial_analysis",
            name="Artificial Analysis",
            url="https://artificialanalysis.ai/models/o3-mini",
            reference="2dad8957-4c16-4e74-bf2d-8b21514e0ae9",
            retrieved="2025-09-01",  # AA dates none of its scores: the fetch date, said so
        )
        assert result.model == "o3-mini"


def test_nulls_skipped_unknown_keys_reported_bad_values_refused(registry):
    model = o3_mini()
    model.evaluations.update(
        {"hle": None, "tau_banking": 0.41, "gpqa": "0.7", "scicode": 39.9, "ifbench": True}
    )
    mapping = aa.model_to_results(model, registry, retrieved="2025-09-01")
    got = by_id(mapping.results)
    assert "hle" not in got and "gpqa_diamond" not in got and "scicode" not in got
    assert "ifbench" not in got
    assert mapping.unmapped == ["tau_banking"]
    reasons = dict(mapping.skipped)
    assert reasons["hle"] == "no value (null)"
    assert "not a number" in reasons["gpqa"]
    assert "outside AA's 0-1 range" in reasons["scicode"]  # 39.9 is not a fraction: never 3990 %
    assert "not a number" in reasons["ifbench"]


def test_key_whose_benchmark_the_registry_lacks_is_unmapped():
    small = Registry([Benchmark(id="mmlu_pro", name="MMLU-Pro")])
    mapping = aa.model_to_results(o3_mini(), small, retrieved="2025-09-01")
    assert [r.benchmark_id for r in mapping.results] == ["mmlu_pro"]
    assert (
        "gpqa" in mapping.unmapped and "artificial_analysis_intelligence_index" in mapping.unmapped
    )


def test_registry_scale_decides_the_written_scale():
    fraction_registry = Registry(
        [Benchmark(id="gpqa_diamond", name="GPQA Diamond", scale="fraction")]
    )
    got = by_id(aa.model_to_results(o3_mini(), fraction_registry, retrieved="d").results)
    assert got["gpqa_diamond"].value == 0.748 and got["gpqa_diamond"].scale == "fraction"


def test_reasoning_variants_carry_their_mode(registry):
    models = {m.slug: m for m in catalog_models()}
    thinking = aa.model_to_results(models["claude-4-sonnet-thinking"], registry, retrieved="d")
    plain = aa.model_to_results(models["claude-4-sonnet"], registry, retrieved="d")
    non = aa.model_to_results(models["deepseek-v3-1"], registry, retrieved="d")
    assert {r.setting for r in thinking.results} == {Setting(thinking=True)}
    assert {r.setting for r in plain.results} == {Setting()}
    assert {r.setting for r in non.results} == {Setting(thinking=False)}


def test_alias_in_registry_is_used_when_ids_differ():
    # A registry that names GPQA Diamond differently but lists AA's key as an alias.
    reg = Registry([Benchmark(id="gpqa_d", name="GPQA Diamond", aliases=("gpqa",))])
    got = by_id(aa.model_to_results(o3_mini(), reg, retrieved="d").results)
    assert got["gpqa_d"].value == 74.8


def test_shipped_registry_knows_every_aa_key():
    registry = load_registry()
    missing = [key for key in aa.AA_KEYS if aa.resolve_benchmark(key, registry) is None]
    assert missing == []
    for key, spec in aa.AA_KEYS.items():
        bench = aa.resolve_benchmark(key, registry)
        assert bench.id == spec.benchmark_id, key
        if spec.aa_scale == "index":
            assert not bench.publishable_as_eval_results, (
                f"{key}: AA indices go to model-index only"
            )


# --------------------------------------------------------------------------- scales


@pytest.mark.parametrize(
    "value, source, target, kw, expected",
    [
        (0.791, "fraction", "percent", {}, 79.1),
        (0.07, "fraction", "percent", {}, 7.0),
        (0.123456, "fraction", "percent", {}, 12.3456),
        (79.1, "percent", "fraction", {}, 0.791),
        (0.5, "fraction", "fraction", {}, 0.5),
        (62.9, "points", "points", {"from_max": 100, "to_max": 100}, 62.9),
        (62.9, "points", "percent", {"from_max": 100}, 62.9),
        (8.5, "points", "percent", {"from_max": 10}, 85.0),
        (1500, "points", "points", {}, 1500),
    ],
)
def test_convert_scale(value, source, target, kw, expected):
    assert aa.convert_scale(value, source, target, **kw) == expected


def test_convert_scale_has_no_float_noise_on_any_three_decimal_fraction():
    for thousandths in range(1001):
        value = thousandths / 1000
        assert aa.convert_scale(value, "fraction", "percent") == float(f"{thousandths / 10:.1f}")


def test_convert_scale_refuses_what_it_cannot_know():
    with pytest.raises(ValueError):
        aa.convert_scale(1500, "points", "percent")
    with pytest.raises(ValueError):
        aa.convert_scale(0.5, "fraction", None)


# --------------------------------------------------------------------------- reconciliation


def card(benchmark_id: str, value: float, *, scale="percent", setting=None, kind="readme"):
    return Result(
        benchmark=benchmark_id,
        value=value,
        benchmark_id=benchmark_id,
        scale=scale,
        setting=setting or Setting(),
        source=Source(
            kind=kind,
            name="README" if kind == "readme" else "Artificial Analysis",
            url="https://hf.co/x/blob/abc/README.md#L12",
        ),
    )


def test_reconcile_flags_differences_over_one_point(registry):
    ours = aa.model_to_results(o3_mini(), registry, retrieved="d").results
    comparisons = aa.reconcile(
        ours,
        [
            card("gpqa_diamond", 68.0),  # AA 74.8: 6.8 points apart
            card("mmlu_pro", 79.9),  # 0.8 apart: agrees
            card("hle", 0.087, scale="fraction"),  # same value on another scale
            card(
                "math_500", 90.0, kind="artificial_analysis"
            ),  # our own earlier import: not compared
            card("aime_2024", 50.0, setting=Setting(thinking=True)),  # another setting
            card("aa_intelligence_index", 60.0, scale="points"),
        ],
        registry,
    )
    got = {c.result.benchmark_id: c for c in comparisons}
    assert set(got) == {"gpqa_diamond", "mmlu_pro", "hle", "aa_intelligence_index"}
    assert got["gpqa_diamond"].flagged and got["gpqa_diamond"].difference == pytest.approx(6.8)
    assert not got["mmlu_pro"].flagged
    assert not got["hle"].flagged and got["hle"].difference == 0
    assert got["aa_intelligence_index"].flagged
    line = got["gpqa_diamond"].line()
    assert "74.8" in line and "68" in line and "DIFFERS" in line and "README.md#L12" in line


def test_reconcile_threshold_is_one_hundredth_of_the_scale():
    reg = Registry([Benchmark(id="gpqa_diamond", name="GPQA Diamond", scale="fraction")])
    ours = aa.model_to_results(o3_mini(), reg, retrieved="d").results  # 0.748
    near = aa.reconcile(ours, [card("gpqa_diamond", 0.755, scale="fraction")], reg)
    far = aa.reconcile(ours, [card("gpqa_diamond", 0.76, scale="fraction")], reg)
    assert not near[0].flagged and far[0].flagged
