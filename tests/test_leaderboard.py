"""The leaderboard's data logic (leaderboard/board.py, views.py) on the hand-written snapshot.

tests/leaderboard_data/ holds fictional models with invented numbers chosen to hit each
case: a card value and a community PR 2.3 points apart (Sample-7B MMLU), a card value and
Artificial Analysis within a point (Tern-32B LiveCodeBench), AA fractions, an own run,
a verified value, an unmapped benchmark, fraction-scale card values (Fjord-8B), a points
benchmark (MT-Bench) and a broken card. No browser here: tests/test_leaderboard_browser.py
drives the app itself.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "leaderboard"))

import board  # noqa: E402
import views  # noqa: E402

DATA = ROOT / "tests" / "leaderboard_data"
S7 = "example-org/Sample-7B-Instruct"
T32 = "demo-lab/Tern-32B"
T32T = "demo-lab/Tern-32B-Thinking"


@pytest.fixture(scope="module")
def snap() -> board.Snapshot:
    return board.load_snapshot(DATA)


def cell(view: board.View, model_id: str, benchmark_id: str) -> board.Cell | None:
    row = next(r for r in view.rows if r.model_id == model_id)
    return row.cells.get(benchmark_id)


def ids(view: board.View) -> list[str]:
    return [r.model_id for r in view.rows]


# --------------------------------------------------------------------------- loading


def test_parquet_and_json_twins_give_the_same_table(snap, tmp_path):
    for name in ("results", "models"):
        pd.DataFrame(json.loads((DATA / f"{name}.json").read_text())).to_parquet(
            tmp_path / f"{name}.parquet"
        )
    shutil.copy(DATA / "metadata.json", tmp_path / "metadata.json")
    from_parquet = board.load_snapshot(tmp_path)
    assert board.view_csv(board.build_view(from_parquet)) == board.view_csv(board.build_view(snap))


@pytest.mark.parametrize(
    "mutate, message",
    [
        (lambda d: (d / "metadata.json").unlink(), "no metadata.json"),
        (lambda d: (d / "metadata.json").write_text('{"schema_version": 2}'), "schema_version 2"),
        (lambda d: (d / "results.json").unlink(), "neither results.parquet nor results.json"),
        (lambda d: (d / "results.json").write_text("{not json"), "unreadable JSON"),
    ],
)
def test_an_unfit_dataset_is_refused_in_one_line(tmp_path, mutate, message):
    folder = tmp_path / "d"
    shutil.copytree(DATA, folder)
    mutate(folder)
    with pytest.raises(board.DatasetError) as err:
        board.load_snapshot(folder)
    assert message in str(err.value) and "\n" not in str(err.value)


def test_an_unreadable_dataset_stops_the_app_with_one_line(tmp_path):
    proc = subprocess.run(
        [sys.executable, str(ROOT / "leaderboard" / "app.py"), "--data", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 1
    assert proc.stderr.strip().splitlines() == [
        f"error: {tmp_path}: no metadata.json (is this a collected dataset?)"
    ]


def test_download_snapshot_reads_a_hub_dataset_at_one_commit(hub, tmp_path):
    add_dataset_routes(hub)
    files = {p.name: p.read_text() for p in DATA.glob("*.json")}
    hub.create_repo("lb-org/evals", files=files)
    folder = board.download_snapshot("lb-org/evals")
    loaded = board.load_snapshot(folder, origin="hub")
    assert loaded.collected_at == "2026-12-01T06:00:00Z"
    assert len(loaded.results) == 38
    with pytest.raises(board.DatasetError, match="not found"):
        board.download_snapshot("lb-org/missing")


def add_dataset_routes(hub) -> None:
    """The two dataset endpoints download_snapshot uses (the stub serves model repos)."""
    repo = r"(?P<repo>[^/]+/[^/]+)"

    def info(req):
        repo_id = req.params["repo"]
        if repo_id not in hub.repos:
            from hub_stub import StubHTTPError

            raise StubHTTPError(401, "Repository not found", code="RepoNotFound")
        rev = req.params.get("rev") or "main"
        sha = hub.head(repo_id, rev)
        return {
            "id": repo_id,
            "sha": sha,
            "siblings": [{"rfilename": p} for p in sorted(hub.files(repo_id, sha))],
        }

    hub.add_route("GET", rf"/api/datasets/{repo}", info)
    hub.add_route("GET", rf"/api/datasets/{repo}/revision/(?P<rev>[^/]+)", info)
    for method in ("GET", "HEAD"):
        hub.add_route(
            method, rf"/datasets/{repo}/resolve/(?P<rev>[^/]+)/(?P<path>.+)", hub._h_resolve
        )


def test_refresh_picks_up_a_new_collection_and_keeps_the_old_one_on_failure(hub):
    sys.path.insert(0, str(ROOT / "leaderboard"))
    import app

    add_dataset_routes(hub)
    files = {p.name: p.read_text() for p in DATA.glob("*.json")}
    hub.create_repo("lb-org/evals", files=files)
    store = app.Store(app.loader(None, "lb-org/evals", None))
    assert store.snapshot.collected_at == "2026-12-01T06:00:00Z"
    meta = json.loads(files["metadata.json"]) | {"collected_at": "2026-12-02T06:00:00Z"}
    hub.commit_files("lb-org/evals", {"metadata.json": json.dumps(meta)})
    assert store.refresh() is None
    assert store.snapshot.collected_at == "2026-12-02T06:00:00Z" and store.version == 2
    assert "2026-12-02T06:00:00Z" in app.header_html(store)
    hub.fail("GET", r"/api/datasets/", status=500, times=10)
    error = store.refresh()
    assert error and "lb-org/evals" in error
    assert store.snapshot.collected_at == "2026-12-02T06:00:00Z"


# --------------------------------------------------------------------------- the table


def test_columns_put_the_quest_benchmarks_first_and_skip_unmapped_names(snap):
    view = board.build_view(snap)
    keys = [c.key for c in view.columns]
    assert keys[:6] == [
        "aime_2025",
        "bbh",
        "livecodebench",
        "livecodebench_v6",
        "mmlu",
        "arc_challenge",
    ]
    assert "InternalBench-v2" not in {c.name for c in view.all_columns}
    assert len(view.rows) == 8  # the broken card has no values


def test_a_fraction_is_shown_on_the_benchmarks_percent_scale(snap):
    shown = cell(board.build_view(snap), "north-lab/Fjord-8B", "hellaswag").shown
    assert (shown.value, shown.scale, shown.score) == (0.812, "fraction", 81.2)


def test_a_cell_prefers_the_authors_card_over_a_higher_community_pr_value(snap):
    results = snap.results.copy()
    pr = (results["model_id"] == S7) & (results["provenance"] == "community-pr")
    results.loc[pr, "score"] = 79.0  # the PR now claims more than the card
    higher = board.Snapshot(results, snap.models, snap.metadata, "test")
    mmlu = cell(board.build_view(higher), S7, "mmlu")
    assert mmlu.shown.score == 74.2 and mmlu.shown.provenance == "authors"
    assert [v.score for v in mmlu.others] == [79.0] and mmlu.conflict


def test_conflicts_are_flagged_only_between_sources_more_than_a_point_apart(snap):
    view = board.build_view(snap)
    assert cell(view, S7, "mmlu").conflict  # card 74.2 vs PR 71.9
    assert round(cell(view, S7, "mmlu").spread, 1) == 2.3
    lcb = cell(view, T32, "livecodebench")  # card 65.3 vs AA 65.2
    assert lcb.others and not lcb.conflict
    same_source = [
        board._value(r) for r in snap.results[snap.results["model_id"] == S7].to_dict("records")
    ][:1]
    other_setting = board.Value(**{**same_source[0].__dict__, "score": 60.0, "setting": "0-shot"})
    assert not board._conflicting([same_source[0], other_setting])


def test_provenance_filter_keeps_only_those_values(snap):
    view = board.build_view(snap, board.Filters(provenances=("artificial-analysis",)))
    assert sorted(ids(view)) == [T32, T32T]
    assert cell(view, T32, "livecodebench").shown.score == 65.2
    assert all(
        c.shown.provenance == "artificial-analysis" for r in view.rows for c in r.cells.values()
    )
    own = board.build_view(snap, board.Filters(provenances=("own-run",)))
    assert ids(own) == ["tiny-co/Micro-0.5B"]
    verified = board.build_view(snap, board.Filters(verified_only=True))
    assert ids(verified) == ["big-co/Atlas-120B-MoE"]
    assert list(verified.rows[0].cells) == ["gpqa_diamond"]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("tern", [T32, T32T]),
        ("tern; micro", [T32, T32T, "tiny-co/Micro-0.5B"]),
        ("SAMPLE 1.5b", ["example-org/Sample-1.5B-Instruct"]),
        ("sample, fjord", [S7, "example-org/Sample-1.5B-Instruct", "north-lab/Fjord-8B"]),
        ("nothing-like-this", []),
    ],
)
def test_search_takes_several_terms(snap, query, expected):
    assert sorted(ids(board.build_view(snap, board.Filters(search=query)))) == sorted(expected)


def test_model_filters_size_license_and_pipeline_tag(snap):
    small = board.build_view(snap, board.Filters(sizes=("< 3B",)))
    assert sorted(ids(small)) == ["example-org/Sample-1.5B-Instruct", "tiny-co/Micro-0.5B"]
    mit = board.build_view(snap, board.Filters(licenses=("mit",)))
    assert sorted(ids(mit)) == [T32, T32T]
    vision = board.build_view(snap, board.Filters(pipeline_tags=("image-text-to-text",)))
    assert ids(vision) == ["pixel-works/Vista-12B-it"]
    choices = board.filter_choices(snap)
    assert choices["sizes"] == ["< 3B", "3-10B", "10-40B", "> 100B", "unknown"]
    assert "unknown" in choices["licenses"]  # the broken card has no license


def test_average_only_over_percent_benchmarks_and_complete_ones_ranked_first(snap):
    view = board.build_view(snap, columns=["mmlu", "arc_challenge", "mt_bench"])
    assert view.average_over == ["mmlu", "arc_challenge"]  # MT-Bench is on a points scale
    complete = [r for r in view.rows if r.complete]
    assert [r.model_id for r in complete] == [
        T32,
        S7,
        "north-lab/Fjord-8B",
        "example-org/Sample-1.5B-Instruct",
    ]
    assert complete[0].average == round((83.5 + 70.9) / 2, 2)
    assert view.rows[: len(complete)] == complete
    partial = view.rows[len(complete) :]
    assert partial and all(r.covered == 1 and r.of == 2 for r in partial)
    assert T32T not in ids(view)  # none of the chosen columns: not a row
    # partial averages are not ranked by value: trending rank orders them
    assert [r.trending_rank for r in partial] == sorted(r.trending_rank for r in partial)


def test_sorting_a_benchmark_column_puts_missing_values_last_either_way(snap):
    desc = board.build_view(snap, sort="mmlu", descending=True)
    scores = [cell(desc, m, "mmlu").shown.score for m in ids(desc) if cell(desc, m, "mmlu")]
    assert scores == sorted(scores, reverse=True) == [90.0, 83.5, 74.2, 71.2, 68.3, 60.1]
    asc = board.resort(desc, "mmlu", False)
    assert [cell(asc, m, "mmlu").shown.score for m in ids(asc)[:6]] == sorted(scores)
    assert cell(asc, ids(asc)[-1], "mmlu") is None
    assert board.next_sort("mmlu", True, "mmlu") == ("mmlu", False)
    assert board.next_sort("mmlu", False, "model") == ("model", False)
    assert board.next_sort("model", False, "bbh") == ("bbh", True)
    by_model = board.build_view(snap, sort="model", descending=False)
    assert ids(by_model) == sorted(ids(by_model), key=str.lower)


# --------------------------------------------------------------------------- detail, coverage


def test_model_detail_shows_every_source_side_by_side_and_the_unmapped_name(snap):
    detail = board.model_detail(snap, S7)
    mmlu = next(c for c in detail.comparisons if c.benchmark_id == "mmlu")
    assert {p: [v.score for v in vs] for p, vs in mmlu.by_provenance.items()} == {
        "authors": [74.2],
        "community-pr": [71.9],
    }
    assert mmlu.conflict and [c.benchmark_id for c in detail.conflicts] == ["mmlu"]
    assert [v.printed_name for v in detail.unmapped] == ["InternalBench-v2"]
    html = views.detail_html(detail)
    assert "community PR #3" in html and "⚠ 2.3" in html and "InternalBench-v2" in html
    assert board.model_detail(snap, "nobody/none") is None


def test_coverage_lists_each_gap_with_the_commands_that_fill_it(snap):
    cov = board.coverage(snap)
    micro = {g.quest_key: g for g in cov.gaps if g.model_id == "tiny-co/Micro-0.5B"}
    assert set(micro) == {"aime_2025", "bbh", "livecodebench", "mmlu"}  # it has ARC
    cli = board.CLI
    assert micro["bbh"].commands == (
        f"{cli} extract-readme --repo-id tiny-co/Micro-0.5B",
        f"{cli} run-eval --model tiny-co/Micro-0.5B --task bbh",
    )
    assert any("import-aa" in c for c in micro["aime_2025"].commands)  # AA publishes AIME 2025
    assert micro["aime_2025"].commands[-1].endswith("--task aime2025")
    # LiveCodeBench v6 counts as some LiveCodeBench for coverage
    assert cov.have[("pixel-works/Vista-12B-it", "livecodebench")] == (
        "livecodebench_v6",
        "LiveCodeBench v6",
    )
    plan = board.gap_plan("tiny-co/Micro-0.5B", cov.gaps, "ok")
    assert plan[-1][0].endswith(
        "run-eval --model tiny-co/Micro-0.5B --task aime2025 bbh livecodebench mmlu"
    )
    assert [p["model_id"] for p in cov.problems] == ["example-org/Broken-Card-3B"]
    assert board.gap_commands("a/b", board.QUEST[3], "no-card") == (
        f"{cli} run-eval --model a/b --task mmlu",
    )
    narrowed = board.coverage(snap, board.Filters(search="micro"))
    assert narrowed.models == ["tiny-co/Micro-0.5B"]


# --------------------------------------------------------------------------- export, pictures, html


def test_csv_export_is_the_view_as_shown_and_matches_the_snapshot(snap):
    view = board.build_view(snap, board.Filters(search="sample; tern"), sort="mmlu")
    rows = list(csv.DictReader(io.StringIO(board.view_csv(view))))
    assert [r["model_id"] for r in rows] == ids(view)
    source = json.loads((DATA / "results.json").read_text())
    for row in rows:
        for column in view.columns:
            if row[column.name]:
                published = {
                    r["score"] for r in source
                    if r["model_id"] == row["model_id"] and r["benchmark_id"] == column.key
                }  # fmt: skip
                assert float(row[column.name]) in published


def test_json_export_carries_provenance_setting_source_and_other_values(snap):
    view = board.build_view(snap, board.Filters(search="sample 7b"))
    data = board.view_json(view, snap.metadata)
    mmlu = data["rows"][0]["cells"]["mmlu"]
    assert mmlu["score"] == 74.2 and mmlu["provenance"] == "authors" and mmlu["setting"] == "5-shot"
    assert mmlu["source_url"].endswith("README.md#L41") and mmlu["conflict"] is True
    assert [o["provenance"] for o in mmlu["others"]] == ["community-pr"]
    assert (
        data["filters"]["search"] == "sample 7b" and data["collected_at"] == "2026-12-01T06:00:00Z"
    )
    json.dumps(data)  # serialisable as it is


def test_pictures_follow_the_view(snap):
    view = board.build_view(snap, board.Filters(sizes=("3-10B", "10-40B")), columns=["mmlu"])
    top = board.top_models(view, "mmlu", n=3)
    assert list(top["model"]) == [T32, S7, "pixel-works/Vista-12B-it"]
    scatter = board.score_vs_parameters(view, "mmlu")
    assert set(scatter["model"]) == {T32, S7, "pixel-works/Vista-12B-it", "north-lab/Fjord-8B"}
    assert scatter.set_index("model").loc[S7, "parameters_b"] == pytest.approx(7.616, abs=0.001)


def test_table_html_links_each_value_to_its_source_and_escapes_names(snap):
    html = views.table_html(board.build_view(snap), 9)
    source = next(
        r["source_url"] for r in json.loads((DATA / "results.json").read_text())
        if r["model_id"] == "tiny-co/Micro-0.5B" and r["benchmark_id"] == "arc_challenge"
    )  # fmt: skip
    assert f'href="{source}"' in html
    assert "setting: 0-shot" in html and "own run" in html
    results = snap.results.copy()
    results.loc[0, "model_id"] = "evil/<script>x</script>"
    models = pd.concat([snap.models, pd.DataFrame([{"model_id": "evil/<script>x</script>"}])])
    hostile = board.Snapshot(
        results, board._normalise(models, board.MODEL_COLUMNS), snap.metadata, "t"
    )
    assert "<script>x" not in views.table_html(board.build_view(hostile), 10)


def test_only_http_links_reach_the_page(snap):
    results = snap.results.copy()
    results.loc[0, "source_url"] = "javascript:alert(1)"
    hostile = board.Snapshot(results, snap.models, snap.metadata, "t")
    view = board.build_view(hostile, board.Filters(search="sample 7b"))
    html = views.table_html(view, 9) + views.detail_html(board.model_detail(hostile, S7))
    assert "javascript:" not in html
    assert "74.2" in html  # the value is still shown, without a link


def test_the_shipped_snapshot_is_collects_output_from_real_cards():
    """The default data is what measurements/make_leaderboard_snapshot.py made with `collect`
    from the labelled real cards: every model of the metadata has a models row, every value
    links to its card, and nothing in it comes from a test catalog."""
    shipped = board.load_snapshot(ROOT / "leaderboard" / "data")
    assert shipped.metadata["tool"] == "hf-evaluation collect"
    assert shipped.metadata["schema_version"] == 1
    assert len(shipped.metadata["models"]) >= 50
    view = board.build_view(shipped)
    assert len(view.rows) >= 30  # the cards whose tables name their model
    provenance = set(shipped.results["provenance"])
    assert provenance <= {"authors", "community-pr"}  # README tables only: no invented AA numbers
    assert shipped.results["source_url"].str.startswith("http").all()
