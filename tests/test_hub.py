"""HubClient against the local Hub stand-in, through the real huggingface_hub client."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
from hfeval.errors import GatedOrPrivate, HubError, NothingFound, RepoNotFound
from hfeval.hub import HubClient, HubModel, RetryPolicy, parse_retry_after, summarize_result_diff

README = """---
license: mit
tags:
- text-generation
---
# Sample 7B

| Benchmark | Sample-7B |
| --- | --- |
| MMLU | 70.1 |
"""

MODEL_INDEX_README = """---
license: mit
model-index:
- name: sample-7b
  results:
  - task:
      type: text-generation
    dataset:
      name: GSM8K
      type: openai/gsm8k
    metrics:
    - type: accuracy
      value: 80.5
---
# Sample 7B
"""

EVAL_RESULTS = """- dataset:
    id: cais/hle
    task_id: hle
  value: 12.5
  source:
    url: https://example.org/hle
"""


@pytest.fixture
def client(alice, tmp_path):
    return HubClient(token=alice, cache_dir=tmp_path / "cache")


def test_read_readme_returns_text_and_the_commit_it_was_read_at(hub, client):
    repo = hub.create_repo("acme/sample-7b", {"README.md": README})
    readme = client.read_readme("acme/sample-7b")
    assert readme.text == README
    assert readme.revision == repo.refs["main"]
    assert readme.url_base == f"{hub.url}/acme/sample-7b/blob/{repo.refs['main']}/README.md"
    # Asked again: no second request.
    client.read_readme("acme/sample-7b")
    assert len(hub.requests("GET", r"/resolve/")) == 1


def test_read_readme_at_a_pull_request(hub, client):
    hub.create_repo("acme/sample-7b", {"README.md": README})
    num = hub.open_pr("acme/sample-7b", {"README.md": MODEL_INDEX_README}, author="bob")
    readme = client.read_readme("acme/sample-7b", f"refs/pr/{num}")
    assert readme.text == MODEL_INDEX_README
    assert readme.revision == hub.head("acme/sample-7b", f"refs/pr/{num}")
    assert hub.requests("HEAD")[0].path == f"/acme/sample-7b/resolve/refs/pr/{num}/README.md"


def test_read_repo_files_reads_every_eval_results_file_at_one_commit(hub, client):
    hub.create_repo(
        "acme/sample-7b",
        {
            "README.md": MODEL_INDEX_README,
            ".eval_results/hle.yaml": EVAL_RESULTS,
            ".eval_results/notes.txt": "not a results file",
            "config.json": "{}",
        },
    )
    files = client.read_repo_files("acme/sample-7b")
    assert files.readme == MODEL_INDEX_README
    assert files.eval_results == {".eval_results/hle.yaml": EVAL_RESULTS}
    assert files.revision == hub.head("acme/sample-7b")
    # model info once, then README and the yaml (HEAD + GET each); nothing else.
    assert sorted((r.method, r.path) for r in hub.log) == sorted(
        [
            ("GET", "/api/models/acme/sample-7b"),
            ("HEAD", f"/acme/sample-7b/resolve/{files.revision}/.eval_results/hle.yaml"),
            ("GET", f"/acme/sample-7b/resolve/{files.revision}/.eval_results/hle.yaml"),
            ("HEAD", f"/acme/sample-7b/resolve/{files.revision}/README.md"),
            ("GET", f"/acme/sample-7b/resolve/{files.revision}/README.md"),
        ]
    )


def test_readme_read_at_main_is_not_downloaded_again_for_planning(hub, client):
    hub.create_repo("acme/sample-7b", {"README.md": README})
    client.read_readme("acme/sample-7b")
    files = client.read_repo_files("acme/sample-7b")
    assert files.readme == README
    # The README at the sha comes from the cache: one GET of it in all.
    assert len(hub.requests("GET", r"README\.md$")) == 1


def test_missing_readme(hub, client):
    hub.create_repo("acme/empty", {"config.json": "{}"})
    with pytest.raises(NothingFound, match="acme/empty has no README.md"):
        client.read_readme("acme/empty")
    assert client.read_repo_files("acme/empty").readme is None


def test_result_prs_come_from_diffs_across_all_pages(hub, client):
    hub.create_repo("acme/sample-7b", {"README.md": README})
    hub.page_size = 2
    results_pr = hub.open_pr(
        "acme/sample-7b", {"README.md": MODEL_INDEX_README}, title="Update README.md", author="bob"
    )
    hub.add_discussion("acme/sample-7b", "Question about the license")
    hub.open_pr(
        "acme/sample-7b",
        {"README.md": README.replace("# Sample 7B", "# Sample 7B\n\nBetter intro.")},
        title="Add evaluation results",  # the title lies: the diff only edits prose
        author="carol",
    )
    closed = hub.open_pr("acme/sample-7b", {".eval_results/x.yaml": EVAL_RESULTS}, author="dave")
    hub.set_status("acme/sample-7b", closed, "closed")
    hub.add_discussion("acme/sample-7b", "Another question")
    eval_pr = hub.open_pr(
        "acme/sample-7b", {".eval_results/hle.yaml": EVAL_RESULTS}, title="hle", author="erin"
    )

    prs = client.result_prs("acme/sample-7b")

    assert [pr.num for pr in prs] == [eval_pr, results_pr]
    by_num = {pr.num: pr for pr in prs}
    assert by_num[results_pr].author == "bob"
    assert by_num[results_pr].files == {"README.md": {"added": 1, "removed": 0}}
    assert "GSM8K" in by_num[results_pr].benchmarks
    assert by_num[results_pr].url == f"{hub.url}/acme/sample-7b/discussions/{results_pr}"
    assert by_num[eval_pr].benchmarks == ["cais/hle"]
    assert by_num[eval_pr].adds == "+1 in .eval_results/hle.yaml (cais/hle)"
    pages = hub.requests("GET", r"/discussions$")
    assert [r.q("p") for r in pages] == ["0", "1"]  # 3 open PRs, 2 per page
    assert all(r.q("type") == "pull_request" and r.q("status") == "open" for r in pages)


def test_summarize_result_diff_ignores_readme_body_and_counts_values():
    body_only = (
        "diff --git a/README.md b/README.md\n--- a/README.md\n+++ b/README.md\n"
        "@@ -40,3 +40,4 @@ intro\n context\n+| MMLU | 70.1 |\n+value: 3\n context\n"
    )
    assert summarize_result_diff(body_only) == ({}, [])
    front_matter = (
        "diff --git a/README.md b/README.md\n--- a/README.md\n+++ b/README.md\n"
        "@@ -12,6 +12,12 @@ model-index:\n"
        "     - type: accuracy\n"
        "-      value: 70.1\n"
        "+      value: 71.0\n"
        "+  - task:\n+      type: text-generation\n+    dataset:\n+      name: MMLU-Pro\n"
        "+      type: TIGER-Lab/MMLU-Pro\n+    metrics:\n+    - type: accuracy\n+      value: 55.5\n"
    )
    assert summarize_result_diff(front_matter) == (
        {"README.md": {"added": 2, "removed": 1}},
        ["MMLU-Pro"],
    )
    inline = (
        "diff --git a/.eval_results/aa.yaml b/.eval_results/aa.yaml\nnew file mode 100644\n"
        "--- /dev/null\n+++ b/.eval_results/aa.yaml\n@@ -0,0 +1,2 @@\n"
        "+- dataset: {id: cais/hle, task_id: hle}\n+  value: 9.1\n"
    )
    assert summarize_result_diff(inline) == (
        {".eval_results/aa.yaml": {"added": 1, "removed": 0}},
        ["cais/hle"],
    )


def test_commit_makes_one_commit_and_reports_the_pr(hub, client):
    hub.create_repo("acme/sample-7b", {"README.md": README})
    files = {"README.md": MODEL_INDEX_README, ".eval_results/readme.yaml": EVAL_RESULTS}
    outcome = client.commit(
        "acme/sample-7b", files, message="Add results", description="body", create_pr=True
    )
    assert outcome.pr_num == 1
    assert outcome.pr_url == f"{hub.url}/acme/sample-7b/discussions/1"
    assert outcome.revision == "refs/pr/1"
    assert hub.files("acme/sample-7b", "refs/pr/1")["README.md"] == MODEL_INDEX_README
    assert hub.files("acme/sample-7b", "refs/pr/1")[".eval_results/readme.yaml"] == EVAL_RESULTS
    assert hub.files("acme/sample-7b")["README.md"] == README  # main untouched
    assert len(hub.requests("POST", r"/commit/")) == 1
    pr = hub.pull_requests("acme/sample-7b")[0]
    assert (pr.title, pr.description, pr.author) == ("Add results", "body", "alice")


def test_commit_on_a_moved_branch_is_refused(hub, client):
    hub.create_repo("acme/sample-7b", {"README.md": README})
    planned_at = hub.head("acme/sample-7b")
    hub.commit_files("acme/sample-7b", {"other.txt": "someone else's change"})
    with pytest.raises(HubError, match="changed while the commit was prepared"):
        client.commit(
            "acme/sample-7b",
            {"README.md": MODEL_INDEX_README},
            message="m",
            description="",
            parent_commit=planned_at,
        )
    assert hub.files("acme/sample-7b")["README.md"] == README


def test_hub_rejection_of_readme_metadata_shows_its_reason(hub, client):
    hub.create_repo("acme/sample-7b", {"README.md": README})
    broken = MODEL_INDEX_README.replace("      name: GSM8K\n", "")
    with pytest.raises(HubError) as caught:
        client.commit("acme/sample-7b", {"README.md": broken}, message="m", description="")
    assert '"model-index[0].results[0].dataset.name" is required' in caught.value.message
    assert "\n" not in caught.value.message
    assert client.validate_readme(broken) == [
        '"model-index[0].results[0].dataset.name" is required'
    ]
    assert client.validate_readme(MODEL_INDEX_README) == []


def test_whoami_and_ownership(hub, client, alice):
    assert client.can_write("acme/x") and client.can_write("alice/x")
    assert not client.can_write("other/x")
    assert len(hub.requests("GET", "whoami")) == 1  # asked once
    reader = HubClient(token=hub.add_user("reader", orgs=["acme"], role="read"))
    assert not reader.can_write("acme/x")
    assert not HubClient(token=None).can_write("acme/x")


def test_429_is_retried_then_succeeds(hub, client):
    hub.create_repo("acme/sample-7b", {"README.md": README})
    hub.fail("GET", r"^/api/models/acme/sample-7b$", 429, times=2, retry_after=0)
    files = client.read_repo_files("acme/sample-7b")
    assert files.readme == README
    assert len(hub.requests("GET", r"^/api/models/acme/sample-7b$")) == 3


def test_500_exhausted_is_one_line(hub, client):
    hub.create_repo("acme/sample-7b", {"README.md": README})
    hub.fail("GET", r"/discussions$", 500, times=None)
    start = time.monotonic()
    with pytest.raises(HubError) as caught:
        client.result_prs("acme/sample-7b")
    assert time.monotonic() - start < 5
    assert caught.value.message == (
        "the Hub failed (HTTP 500) while listing pull requests for acme/sample-7b after 4 attempts: "
        "try again later"
    )
    assert len(hub.requests("GET", r"/discussions$")) == 4


def test_a_5xx_while_opening_a_pr_is_checked_then_retried_once_it_is_known_not_open(hub, client):
    hub.create_repo("acme/sample-7b", {"README.md": README})
    hub.fail("POST", r"/commit/main$", 503, times=1)
    outcome = client.commit(
        "acme/sample-7b", {"README.md": MODEL_INDEX_README}, message="m", description="d",
        create_pr=True,
    )  # fmt: skip
    assert outcome.pr_num == 1
    assert len(hub.pull_requests("acme/sample-7b")) == 1
    assert len(hub.requests("POST", r"/commit/")) == 2
    # before the second commit request, the open PRs were searched for ours
    assert hub.requests("GET", r"/discussions$")


def test_a_pr_the_hub_never_opens_fails_after_the_retries_and_opens_nothing(hub, client):
    hub.create_repo("acme/sample-7b", {"README.md": README})
    hub.fail("POST", r"/commit/main$", 503, times=None)
    with pytest.raises(HubError) as caught:
        client.commit(
            "acme/sample-7b", {"README.md": MODEL_INDEX_README}, message="m", description="",
            create_pr=True,
        )  # fmt: skip
    assert caught.value.message == (
        "the Hub failed (HTTP 503) while opening a pull request for acme/sample-7b "
        "after 4 attempts: try again later"
    )
    assert hub.pull_requests("acme/sample-7b") == []


@pytest.mark.parametrize("create_pr", [False, True], ids=["commit", "pr"])
def test_a_commit_whose_answer_was_lost_is_not_made_twice(hub, client, create_pr):
    """The Hub applied the commit, then the connection dropped before its answer."""
    hub.create_repo("acme/sample-7b", {"README.md": README})
    parent = hub.head("acme/sample-7b")
    hub.fail("POST", r"/commit/main$", drop="after")
    outcome = client.commit(
        "acme/sample-7b",
        {"README.md": MODEL_INDEX_README, ".eval_results/hle.yaml": EVAL_RESULTS},
        message="Add results",
        description="body",
        create_pr=create_pr,
        parent_commit=parent,
    )
    assert len(hub.requests("POST", r"/commit/")) == 1  # never sent again
    assert len(hub.commits("acme/sample-7b")) == 2  # the initial one and ours
    if create_pr:
        (pr,) = hub.pull_requests("acme/sample-7b")
        assert (outcome.pr_num, outcome.revision) == (pr.num, f"refs/pr/{pr.num}")
        assert outcome.oid == hub.head("acme/sample-7b", f"refs/pr/{pr.num}")
        assert outcome.pr_url == f"{hub.url}/acme/sample-7b/discussions/{pr.num}"
    else:
        assert outcome.oid == hub.head("acme/sample-7b")
        assert outcome.revision == "main" and outcome.pr_num is None
        assert hub.files("acme/sample-7b")["README.md"] == MODEL_INDEX_README


def test_a_lost_commit_to_an_open_pr_is_not_made_twice(hub, client):
    hub.create_repo("acme/sample-7b", {"README.md": README})
    num = hub.open_pr("acme/sample-7b", {"other.txt": "x"}, author="alice")
    parent = hub.head("acme/sample-7b", f"refs/pr/{num}")
    hub.fail("POST", rf"/commit/refs/pr/{num}$", drop="after")
    outcome = client.commit(
        "acme/sample-7b", {"README.md": MODEL_INDEX_README}, message="m", description="",
        revision=f"refs/pr/{num}", parent_commit=parent,
    )  # fmt: skip
    assert (outcome.pr_num, outcome.revision) == (num, f"refs/pr/{num}")
    assert outcome.oid == hub.head("acme/sample-7b", f"refs/pr/{num}") != parent
    assert len(hub.requests("POST", r"/commit/")) == 1


def test_a_commit_dropped_before_it_reached_the_hub_is_sent_again(hub, client):
    hub.create_repo("acme/sample-7b", {"README.md": README})
    parent = hub.head("acme/sample-7b")
    hub.fail("POST", r"/commit/main$", drop="before")
    outcome = client.commit(
        "acme/sample-7b", {"README.md": MODEL_INDEX_README}, message="m", description="",
        parent_commit=parent,
    )  # fmt: skip
    assert len(hub.requests("POST", r"/commit/")) == 2
    assert len(hub.commits("acme/sample-7b")) == 2
    assert outcome.oid == hub.head("acme/sample-7b")


def test_a_lost_commit_while_someone_else_committed_is_refused_not_overwritten(hub, client):
    hub.create_repo("acme/sample-7b", {"README.md": README})
    parent = hub.head("acme/sample-7b")
    hub.fail("POST", r"/commit/main$", 503, times=1)  # did it land? the client must look

    def info_after_someone_else_committed(req):
        hub.routes.clear()  # once: another writer lands while we look
        hub.commit_files("acme/sample-7b", {"other.txt": "theirs"})
        return hub._h_model_info(req)

    hub.add_route("GET", r"/api/models/acme/sample-7b", info_after_someone_else_committed)
    with pytest.raises(HubError, match="changed while the commit was prepared"):
        client.commit(
            "acme/sample-7b", {"README.md": MODEL_INDEX_README}, message="m", description="",
            parent_commit=parent,
        )  # fmt: skip
    assert hub.files("acme/sample-7b")["README.md"] == README
    assert len(hub.requests("POST", r"/commit/")) == 1


def test_validate_yaml_failing_one_in_four_still_opens_one_pr(hub, client):
    hub.create_repo("acme/sample-7b", {"README.md": README})
    hub.fail("POST", r"/api/validate-yaml$", 503, times=None, rate=0.25)
    outcome = client.commit(
        "acme/sample-7b", {"README.md": MODEL_INDEX_README}, message="m", description="",
        create_pr=True,
    )  # fmt: skip
    assert outcome.pr_num == 1
    assert [r.status for r in hub.requests("POST", r"/api/validate-yaml$")] == [503, 200]
    assert client.validate_readme(MODEL_INDEX_README) == []  # the 3rd and 4th calls pass
    assert len(hub.pull_requests("acme/sample-7b")) == 1


def _recording_client(token, tmp_path, now):
    waits: list[float] = []
    policy = RetryPolicy(attempts=4, base_delay=0.01, sleep=waits.append, now=lambda: now)
    return HubClient(token=token, cache_dir=tmp_path / "rec", retry=policy), waits


@pytest.mark.parametrize(
    "retry_after, expected",
    [
        (lambda now: format_datetime(now + timedelta(seconds=30), usegmt=True), 30.0),
        (lambda now: 7, 7.0),
    ],
    ids=["http-date", "seconds"],
)
def test_retry_after_is_honoured_as_seconds_or_an_http_date(
    hub, alice, tmp_path, retry_after, expected
):
    now = datetime(2026, 12, 2, 6, 0, 0, tzinfo=UTC)
    client, waits = _recording_client(alice, tmp_path, now)
    hub.create_repo("acme/sample-7b", {"README.md": README})
    hub.fail("GET", r"^/api/models/acme/sample-7b$", 429, times=1, retry_after=retry_after(now))
    assert client.read_repo_files("acme/sample-7b").readme == README
    assert waits == [expected]  # no real sleep: the policy's clock and sleep are injected


def test_a_retry_after_beyond_the_limit_gives_up_at_once(hub, alice, tmp_path):
    now = datetime(2026, 12, 2, 6, 0, 0, tzinfo=UTC)
    client, waits = _recording_client(alice, tmp_path, now)
    hub.create_repo("acme/sample-7b", {"README.md": README})
    later = format_datetime(now + timedelta(hours=1), usegmt=True)
    hub.fail("GET", r"^/api/models/acme/sample-7b$", 429, times=None, retry_after=later)
    with pytest.raises(HubError, match="rate limited by the Hub while reading the model info"):
        client.read_repo_files("acme/sample-7b")
    assert waits == []


def test_retry_policy_bounds_attempts_and_total_wait():
    policy = RetryPolicy(attempts=5, base_delay=1.0, max_delay=60.0, max_total=5.0)
    assert policy.wait(1, None, 0.0) == 1.0
    assert policy.wait(2, None, 1.0) == 2.0
    assert policy.wait(3, None, 3.0) is None  # 3 + 4 > 5 s in all
    assert policy.wait(5, None, 0.0) is None  # no attempt after the last
    assert policy.wait(1, 61.0, 0.0) is None
    now = datetime(2026, 12, 2, tzinfo=UTC)
    assert parse_retry_after("Wed, 02 Dec 2026 00:00:09 GMT", now) == 9.0
    assert parse_retry_after("Tue, 01 Dec 2026 00:00:00 GMT", now) == 0.0  # in the past
    assert parse_retry_after("soon", now) is None and parse_retry_after(None, now) is None


def test_every_translation_rule_names_a_huggingface_hub_exception_type():
    from hfeval import hub as hubmod

    for rule in hubmod._RULES:
        assert hubmod._rule_types(rule), rule


def test_gated_private_and_missing_repos(hub, tmp_path, alice):
    hub.create_repo("acme/gated", {"README.md": README}, gated=True)
    hub.create_repo("acme/private", {"README.md": README}, private=True)
    anonymous = HubClient(token=None, cache_dir=tmp_path / "a")
    stranger = HubClient(token=hub.add_user("stranger"), cache_dir=tmp_path / "s")
    gated = "acme/gated: gated or private: accept the terms or use a token with access"
    with pytest.raises(GatedOrPrivate, match=gated):  # 401
        anonymous.read_readme("acme/gated")
    with pytest.raises(GatedOrPrivate, match=gated):  # 403
        stranger.read_readme("acme/gated")
    # Without a token the Hub answers 401 for private and missing repos alike.
    with pytest.raises(RepoNotFound, match="acme/private does not exist, or is private or gated"):
        anonymous.read_repo_files("acme/private")
    with pytest.raises(RepoNotFound, match="^repository acme/missing does not exist$"):
        stranger.read_repo_files("acme/missing")
    with pytest.raises(RepoNotFound, match="revision nope does not exist in acme/gated"):
        stranger.read_repo_files("acme/gated", "nope")
    owner = HubClient(token=alice, cache_dir=tmp_path / "o")
    assert owner.read_readme("acme/private").text == README


def test_invalid_token_and_unreachable_hub(hub, tmp_path):
    hub.create_repo("acme/sample-7b", {"README.md": README})
    bad = HubClient(token="hf_notarealtoken123456", cache_dir=tmp_path / "b")
    with pytest.raises(HubError) as caught:
        bad.read_repo_files("acme/sample-7b")
    assert "token was rejected" in caught.value.message
    assert "hf_notarealtoken123456" not in caught.value.message
    offline = HubClient(
        token=None, endpoint="http://127.0.0.1:9", cache_dir=tmp_path / "c", attempts=1
    )
    with pytest.raises(HubError, match="cannot reach the Hub at http://127.0.0.1:9"):
        offline.read_repo_files("acme/sample-7b")


def test_write_without_rights_is_refused_with_a_hint(hub, tmp_path):
    hub.create_repo("acme/sample-7b", {"README.md": README})
    stranger = HubClient(token=hub.add_user("stranger"), cache_dir=tmp_path)
    with pytest.raises(HubError, match="--create-pr to propose the change"):
        stranger.commit(
            "acme/sample-7b", {"README.md": MODEL_INDEX_README}, message="m", description=""
        )
    assert len(hub.commits("acme/sample-7b")) == 1


def test_a_pr_that_only_changes_a_value_deep_in_the_front_matter_is_found(hub, client):
    filler = "".join(f"tag_{i}: x\n" for i in range(30))
    card = MODEL_INDEX_README.replace("license: mit\n", "license: mit\n" + filler)
    hub.create_repo("acme/long", {"README.md": card})
    num = hub.open_pr(
        "acme/long",
        {"README.md": card.replace("value: 80.5", "value: 81.0")},
        title="fix",
        author="bob",
    )
    hub.open_pr(
        "acme/long", {"README.md": card.replace("# Sample 7B", "# Sample 7B!")}, author="eve"
    )
    (pr,) = client.result_prs("acme/long")
    assert pr.num == num
    assert pr.files == {"README.md": {"added": 1, "removed": 1}}
    assert pr.adds == "+1/-1 in model-index"


def test_stub_routes_added_by_other_tests_latency_and_log(hub):
    from huggingface_hub.utils import get_session

    def job(req):
        return {
            "id": req.params["job_id"],
            "namespace": req.params["ns"],
            "limit": req.arg("limit"),
        }

    hub.add_route("GET", r"/api/jobs/(?P<ns>[^/]+)/(?P<job_id>[^/]+)", job)
    hub.delay(0.2, "GET", r"^/api/jobs/")
    start = time.monotonic()
    response = get_session().get(f"{hub.url}/api/jobs/alice/job-1", params={"limit": "3"})
    assert time.monotonic() - start >= 0.2
    assert response.json() == {"id": "job-1", "namespace": "alice", "limit": "3"}
    (logged,) = hub.requests("GET", r"^/api/jobs/")
    assert (logged.path, logged.q("limit"), logged.token, logged.status) == (
        "/api/jobs/alice/job-1",
        "3",
        None,
        200,
    )
    hub.reset()  # added routes belong to the test that added them
    assert get_session().get(f"{hub.url}/api/jobs/alice/job-1").status_code == 404


def test_stub_lists_trending_models_with_expanded_card_data_and_eval_results(hub):
    from huggingface_hub import HfApi

    hub.create_repo("acme/cool", {"README.md": MODEL_INDEX_README}, trendingScore=50)
    hub.create_repo(
        "acme/hot",
        {".eval_results/hle.yaml": EVAL_RESULTS, ".eval_results/bad.yaml": "- {value: 1}\n"},
        trendingScore=90,
    )
    hub.create_repo("acme/cold", {}, trendingScore=1)
    hub.create_repo("acme/secret", {}, trendingScore=99, private=True)
    api = HfApi(token=False)
    models = list(
        api.list_models(
            sort="trending_score", limit=2, expand=["cardData", "evalResults", "trendingScore"]
        )
    )
    assert [(m.id, m.trending_score) for m in models] == [("acme/hot", 90), ("acme/cool", 50)]
    assert [(e.dataset_id, e.task_id, e.value) for e in models[0].eval_results] == [
        ("cais/hle", "hle", 12.5)
    ]
    info = api.model_info("acme/cool", expand=["cardData"])
    assert info.card_data.eval_results[0].metric_value == 80.5
    request = hub.requests("GET", r"^/api/models$")[0]
    assert request.q("sort") == "trendingScore" and request.q("limit") == "2"


TABLE_README = """---
license: apache-2.0
---
# Sample-7B

| Benchmark | Sample-7B | Other-7B |
| --- | --- | --- |
| GSM8K | 80.5 | 70.0 |
"""


def test_create_pr_succeeds_when_one_in_four_hub_calls_fails(hub, alice, run_cli):
    hub.create_repo("acme/Sample-7B", {"README.md": TABLE_README})
    hub.fail("POST", r"^/api/validate-yaml$", 503, times=None, rate=0.25)
    hub.fail("GET", r"/discussions$", 503, times=None, rate=0.25)
    result = run_cli("extract-readme", "--repo-id", "acme/Sample-7B", "--create-pr", token=alice)
    assert result.returncode == 0, result.stderr
    (pr,) = hub.pull_requests("acme/Sample-7B")
    assert "GSM8K" in hub.files("acme/Sample-7B", f"refs/pr/{pr.num}")["README.md"]
    assert [r.status for r in hub.requests("POST", r"^/api/validate-yaml$")] == [503, 200]


# --------------------------------------------------------------------------- listings, datasets, Spaces


def test_list_models_by_trending_score_with_expanded_fields_in_one_call(hub, client):
    hub.create_repo(
        "acme/hot", {"README.md": MODEL_INDEX_README}, trendingScore=90, downloads=5, likes=3,
        tags=["text-generation", "en"], safetensors={"parameters": {"BF16": 7_000_000_000}, "total": 7_000_000_000},
    )  # fmt: skip
    hub.create_repo("acme/warm", {}, trendingScore=50, pipeline_tag="text-generation")
    hub.create_repo("acme/vision", {}, trendingScore=70, pipeline_tag="image-classification")
    hub.create_repo("acme/cold", {}, trendingScore=1)
    hub.create_repo("acme/secret", {}, trendingScore=99, private=True, author="bob")
    hub.create_repo("acme/logs", {}, trendingScore=99, repo_type="dataset")

    models = client.list_models(limit=2, pipeline_tag="text-generation")

    assert [m.id for m in models] == ["acme/secret", "acme/hot"]  # alice is in acme: sees private
    hot = models[1]
    assert isinstance(hot, HubModel)
    assert (hot.trending_score, hot.downloads, hot.likes) == (90, 5, 3)
    assert hot.parameters == {"BF16": 7_000_000_000}
    assert hot.sha == hub.head("acme/hot") and hot.gated is False
    assert hot.card_data["model-index"][0]["name"] == "sample-7b"
    assert "en" in hot.tags and hot.pipeline_tag == "text-generation"
    (request,) = hub.requests("GET", r"^/api/models$")
    assert (request.q("sort"), request.q("limit"), request.q("pipeline_tag")) == (
        "trendingScore", "2", "text-generation",
    )  # fmt: skip
    assert set(request.query["expand"]) >= {"cardData", "safetensors", "trendingScore", "sha"}
    assert [m.id for m in client.list_models(filter="en")] == ["acme/hot"]


def test_list_models_is_retried_like_every_read(hub, client):
    hub.create_repo("acme/hot", {}, trendingScore=90)
    hub.fail("GET", r"^/api/models$", 429, times=1, retry_after=0)
    assert [m.id for m in client.list_models()] == ["acme/hot"]


def test_dataset_repo_create_commit_list_and_read(hub, client):
    url = client.create_repo("alice/collected", repo_type="dataset")
    assert url == f"{hub.url}/datasets/alice/collected"
    assert client.create_repo("alice/collected", repo_type="dataset") == url  # exists: kept
    assert hub.repo("alice/collected", "dataset").private is True
    outcome = client.commit(
        "alice/collected",
        {"data/results.jsonl": '{"model": "acme/hot"}\n', "README.md": "# collected\n"},
        message="collect",
        repo_type="dataset",
    )
    assert outcome.oid == hub.head("alice/collected", repo_type="dataset")
    assert outcome.commit_url == f"{hub.url}/datasets/alice/collected/commit/{outcome.oid}"
    listing = client.list_files("alice/collected", repo_type="dataset")
    assert (listing.revision, listing.files) == (outcome.oid, ["README.md", "data/results.jsonl"])
    data = client.read_file("alice/collected", "data/results.jsonl", repo_type="dataset")
    assert data == b'{"model": "acme/hot"}\n'
    with pytest.raises(NothingFound, match="nope.json does not exist in datasets/alice/collected"):
        client.read_file("alice/collected", "nope.json", repo_type="dataset")
    with pytest.raises(RepoNotFound, match="^repository datasets/alice/missing does not exist$"):
        client.list_files("alice/missing", repo_type="dataset")
    # a model repo of the same name is another repo
    with pytest.raises(RepoNotFound, match="^repository alice/collected does not exist$"):
        client.list_files("alice/collected")


def test_a_lost_dataset_commit_is_not_made_twice(hub, client):
    client.create_repo("alice/collected", repo_type="dataset")
    hub.fail("POST", r"^/api/datasets/alice/collected/commit/main$", drop="after")
    client.commit("alice/collected", {"a.json": "{}"}, message="m", repo_type="dataset")
    assert len(hub.commits("alice/collected", repo_type="dataset")) == 2


def test_space_repo_create_and_upload(hub, client):
    url = client.create_repo(
        "alice/leaderboard", repo_type="space", private=False, space_sdk="gradio"
    )
    assert url == f"{hub.url}/spaces/alice/leaderboard"
    space = hub.repo("alice/leaderboard", "space")
    assert (space.meta["sdk"], space.private) == ("gradio", False)
    client.commit(
        "alice/leaderboard", {"app.py": "import gradio\n", "requirements.txt": "gradio\n"},
        message="deploy", repo_type="space",
    )  # fmt: skip
    assert hub.files("alice/leaderboard", repo_type="space")["app.py"] == "import gradio\n"
    assert client.list_files("alice/leaderboard", repo_type="space").files == [
        "app.py", "requirements.txt",
    ]  # fmt: skip


def test_stub_drop_after_applies_the_request_and_loses_its_answer(hub, alice):
    from huggingface_hub import HfApi

    hub.create_repo("acme/x", {})
    hub.fail("POST", r"/commit/main$", drop="after")
    with pytest.raises(Exception) as caught:
        HfApi(token=alice).upload_file(path_or_fileobj=b"1", path_in_repo="a.txt", repo_id="acme/x")
    assert type(caught.value).__name__ == "RemoteProtocolError"
    assert hub.files("acme/x") == {"a.txt": "1"}


def test_when_the_check_after_a_lost_pr_fails_too_the_user_is_told_to_look(hub, client):
    hub.create_repo("acme/sample-7b", {"README.md": README})
    hub.fail("POST", r"/commit/main$", drop="after")
    hub.fail("GET", r"/discussions$", 500, times=None)
    with pytest.raises(HubError) as caught:
        client.commit(
            "acme/sample-7b", {"README.md": MODEL_INDEX_README}, message="m", description="",
            create_pr=True,
        )  # fmt: skip
    assert caught.value.message.startswith(
        "the Hub's answer was lost while opening a pull request for acme/sample-7b"
    )
    assert caught.value.message.endswith(
        "run get-prs before trying again (the PR may have been opened)"
    )
    assert len(hub.requests("POST", r"/commit/")) == 1  # not sent blindly again
