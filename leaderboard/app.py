# /// script
# requires-python = ">=3.11"
# dependencies = [
#     "gradio>=6.0,<7",
#     "pandas>=2.2",
#     "pyarrow>=17",
#     "huggingface-hub>=1.0",
#     "uvloop>=0.21; sys_platform != 'win32'",
#     "httptools>=0.6",
# ]
# ///
"""The evaluation leaderboard: trending models side by side, every number with its source.

Reads only the dataset `collect` writes (references/leaderboard-dataset.md): a folder, or
a Hub dataset repo. The data logic lives in board.py (pure functions) and the HTML in
views.py; this file wires them to Gradio and parses the command line.

    uv run leaderboard/app.py                             # the snapshot in leaderboard/data/
    uv run leaderboard/app.py --data path/to/folder       # another collected folder
    uv run leaderboard/app.py --dataset org/eval-results  # a Hub dataset (refreshable)

In a Space, set HF_LEADERBOARD_DATASET to the dataset repo (HF_TOKEN if it is private), or
deploy with `deploy-leaderboard --dataset`, which writes it to dataset.txt.
"""

import argparse
import datetime as dt
import json
import os
import sys
import tempfile
from collections.abc import Callable
from html import escape
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:  # `python leaderboard/app.py` and imports from tests alike
    sys.path.insert(0, str(HERE))

import board  # noqa: E402
import views  # noqa: E402

DEFAULT_DATA = HERE / "data"
DATASET_ENV = "HF_LEADERBOARD_DATASET"
# Written by `deploy-leaderboard --dataset` (a commit cannot set a Space's variables).
DATASET_FILE = HERE / "dataset.txt"
TITLE = "Evaluation results of trending models"

# Header clicks (sort) and model-name clicks (detail) become one Gradio event with data.
TABLE_JS = """
if (!element.dataset.lbBound) {
  element.dataset.lbBound = "1";
  element.addEventListener("click", (event) => {
    const header = event.target.closest("th[data-sort]");
    if (header) { trigger("click", {sort: header.dataset.sort}); return; }
    const model = event.target.closest("a.lb-model[data-model]");
    if (model) { event.preventDefault(); trigger("click", {model: model.dataset.model}); }
  });
}
"""


def configured_dataset() -> str | None:
    """The dataset a deployed Space reads: $HF_LEADERBOARD_DATASET, else dataset.txt."""
    if os.environ.get(DATASET_ENV):
        return os.environ[DATASET_ENV]
    if DATASET_FILE.is_file():
        return DATASET_FILE.read_text(encoding="utf-8").strip() or None
    return None


def _now() -> str:
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC")


class Store:
    """The loaded snapshot, shared by every visitor, replaced whole by a refresh."""

    def __init__(self, load: Callable[[], board.Snapshot]):
        self._load = load
        self.snapshot = load()
        self.loaded_at = _now()
        self.version = 1
        self.exports = tempfile.TemporaryDirectory(prefix="leaderboard-export-")

    def refresh(self) -> str | None:
        """Load again; returns a one-line error (and keeps the old data) when that fails."""
        try:
            snapshot = self._load()
        except board.DatasetError as exc:
            return str(exc)
        self.snapshot, self.loaded_at, self.version = snapshot, _now(), self.version + 1
        return None


def loader(
    data: Path | None, dataset: str | None, revision: str | None
) -> Callable[[], board.Snapshot]:
    """How to (re)load the data: a Hub dataset (downloaded anew each time) or a folder."""
    if dataset:

        def from_hub() -> board.Snapshot:
            folder = board.download_snapshot(dataset, revision, token=os.environ.get("HF_TOKEN"))
            return board.load_snapshot(folder, origin=f"hf.co/datasets/{dataset}")

        return from_hub
    folder = data or DEFAULT_DATA
    return lambda: board.load_snapshot(folder)


def header_html(store: Store, message: str | None = None) -> str:
    """Counts, when the data was collected ("last updated"), where from, when loaded."""
    s = board.summary(store.snapshot)
    warn = (
        f'<div class="lb-flag" id="lb-refresh-error">refresh failed: {escape(message)}</div>'
        if message
        else ""
    )
    return (
        f"<div class='lb-facts' id='lb-header'><span><b>{s['models']}</b> models "
        f"({s['with_results']} with results)</span><span><b>{s['values']}</b> values</span>"
        f"<span><b>{s['benchmarks']}</b> benchmarks</span>"
        f"<span>last updated <b id='lb-updated'>{escape(s['collected_at'])}</b></span>"
        f"<span>from {escape(s['origin'])}</span>"
        + (f"<span>{escape(str(s['tool']))}</span>" if s.get("tool") else "")
        + f"<span>loaded {escape(store.loaded_at)}</span></div>{warn}"
    )


def statuses(snapshot: board.Snapshot) -> dict[str, str | None]:
    return dict(zip(snapshot.models["model_id"], snapshot.models["status"], strict=True))


def build_app(store: Store):
    """The Gradio Blocks: filters above four tabs (table, model detail, coverage, charts)."""
    import gradio as gr

    def column_choices(snapshot: board.Snapshot) -> list[tuple[str, str]]:
        return [(f"{c.name} ({c.n_models})", c.key) for c in snapshot.columns]

    def initial_columns(snapshot: board.Snapshot) -> list[str]:
        return board.default_columns(snapshot.columns)

    def filters_of(search, provenances, verified, sizes, licenses, tags) -> board.Filters:
        return board.Filters(
            search=search or "",
            provenances=tuple(provenances or ()),
            verified_only=bool(verified),
            sizes=tuple(sizes or ()),
            licenses=tuple(licenses or ()),
            pipeline_tags=tuple(tags or ()),
        )

    def parse_sort(state: str) -> tuple[str, bool]:
        key, _, direction = (state or "average:desc").rpartition(":")
        return key or "average", direction != "asc"

    def make_view(
        search, provenances, verified, sizes, licenses, tags, columns, sort_state
    ) -> board.View:
        key, descending = parse_sort(sort_state)
        return board.build_view(
            store.snapshot,
            filters_of(search, provenances, verified, sizes, licenses, tags),
            columns=columns,
            sort=key,
            descending=descending,
        )

    def table_of(view: board.View) -> str:
        return views.table_html(view, len(store.snapshot.models))

    def chart_choices(snapshot: board.Snapshot) -> list[tuple[str, str]]:
        # The best-covered benchmark first: the default chart shows the most models.
        columns = sorted((c for c in snapshot.columns if c.n_models), key=lambda c: -c.n_models)
        return [(f"{c.name} ({c.n_models} models)", c.key) for c in columns]

    def charts_of(view: board.View, benchmark: str | None):
        # The chart's benchmark need not be a shown column: a view of that one column.
        chart_view = board.build_view(store.snapshot, view.filters, columns=[benchmark or ""])
        return board.top_models(chart_view, benchmark or ""), board.score_vs_parameters(
            chart_view, benchmark or ""
        )

    snap = store.snapshot
    choices = board.filter_choices(snap)
    first_view = board.build_view(snap, columns=initial_columns(snap))
    bench_choices = chart_choices(snap)
    first_bench = bench_choices[0][1] if bench_choices else None

    with gr.Blocks(
        title=TITLE, analytics_enabled=False, delete_cache=(3600, 3600), fill_width=True
    ) as demo:
        version = gr.State(store.version)
        gr.HTML(
            f"<h1>{TITLE}</h1><p>Every value links to where it was published; hover it for "
            "the setting, click a model for all its results.</p>",
            js_on_load=None,
        )
        with gr.Row(equal_height=False):
            header = gr.HTML(header_html(store), js_on_load=None, apply_default_css=False, scale=8)
            refresh = gr.Button(
                "Refresh data", size="sm", scale=0, min_width=120, elem_id="lb-refresh"
            )
        with gr.Row():
            search = gr.Textbox(
                label="Search models",
                placeholder="qwen 7b; llama   (words must all match; ';' separates alternatives)",
                elem_id="lb-search",
                scale=3,
            )
            provenances = gr.CheckboxGroup(
                [(board.PROVENANCE_LABELS[p], p) for p in board.PROVENANCES],
                value=list(board.PROVENANCES),
                label="Provenance",
                elem_id="lb-provenance",
                scale=4,
            )
            verified = gr.Checkbox(label="verified only", elem_id="lb-verified", scale=1)
        with gr.Row():
            sizes = gr.CheckboxGroup(
                choices["sizes"], label="Size (any when none ticked)", elem_id="lb-sizes", scale=3
            )
            licenses = gr.Dropdown(
                choices["licenses"],
                multiselect=True,
                label="License",
                elem_id="lb-license",
                scale=2,
            )
            tags = gr.Dropdown(
                choices["pipeline_tags"],
                multiselect=True,
                label="Pipeline tag",
                elem_id="lb-tag",
                scale=2,
            )
        with gr.Accordion("Columns", open=False):
            columns = gr.CheckboxGroup(
                column_choices(snap), value=initial_columns(snap), label="Benchmarks shown (models that have each)",
                elem_id="lb-columns",
            )  # fmt: skip
        sort_state = gr.Textbox("average:desc", visible="hidden", elem_id="lb-sort-state")
        view_inputs = [search, provenances, verified, sizes, licenses, tags, columns, sort_state]

        with gr.Tabs() as tabs:
            with gr.Tab("Leaderboard", id="table"):
                gr.HTML(views.legend_html(), js_on_load=None, apply_default_css=False)
                table = gr.HTML(
                    table_of(first_view),
                    js_on_load=TABLE_JS,
                    apply_default_css=False,
                    elem_id="lb-table-html",
                )
                with gr.Row():
                    export_csv = gr.Button(
                        "Export CSV", size="sm", scale=0, min_width=130, elem_id="lb-export-csv"
                    )
                    export_json = gr.Button(
                        "Export JSON", size="sm", scale=0, min_width=130, elem_id="lb-export-json"
                    )
                export_file = gr.File(
                    label="Export of the current view",
                    elem_id="lb-export-file",
                    height=80,
                    visible=False,
                )
            with gr.Tab("Model detail", id="detail"):
                model = gr.Dropdown(
                    list(snap.models["model_id"]), label="Model", elem_id="lb-model"
                )
                detail = gr.HTML(
                    views.detail_html(None),
                    js_on_load=None,
                    apply_default_css=False,
                    elem_id="lb-detail",
                )
            # Coverage and charts are computed when their tab opens (and kept in step with
            # the filters after that): the first page carries only the table.
            with gr.Tab("Coverage", id="coverage") as coverage_tab:
                gr.HTML(
                    "<p>Which models lack which of the quest's benchmarks (model filters "
                    "apply), and the commands that would fill each gap.</p>",
                    js_on_load=None,
                )
                cov = gr.HTML(
                    "",
                    js_on_load=None,
                    apply_default_css=False,
                    elem_id="lb-coverage",
                )
            with gr.Tab("Charts", id="charts") as charts_tab:
                bench = gr.Dropdown(
                    bench_choices, value=first_bench, label="Benchmark", elem_id="lb-chart-bench"
                )
                top = gr.BarPlot(None, x="model", y="score", color="provenance", sort="-y", x_label_angle=-30,
                                 title="Top models (filters apply)", height=360, elem_id="lb-bar")  # fmt: skip
                scatter = gr.ScatterPlot(None, x="parameters_b", y="score", color="provenance",
                                         x_title="parameters (billions)", x_lim=[0, None], tooltip=["model", "parameters_b", "score", "provenance"],
                                         title="Score versus size", height=360, elem_id="lb-scatter")  # fmt: skip
            with gr.Tab("About", id="about"):
                gr.HTML(ABOUT, js_on_load=None)

        # ------------------------------------------------------------ events
        def rerender_table(*inputs):
            return table_of(make_view(*inputs))

        def rerender_charts(*inputs):
            return charts_of(make_view(*inputs[:-1]), inputs[-1])

        def rerender_coverage(search_, sizes_, licenses_, tags_):
            filters = filters_of(search_, board.PROVENANCES, False, sizes_, licenses_, tags_)
            return views.coverage_html(
                board.coverage(store.snapshot, filters), statuses(store.snapshot)
            )

        for control in (search, provenances, verified, sizes, licenses, tags, columns):
            control.change(
                rerender_table,
                view_inputs,
                table,
                show_progress="hidden",
                trigger_mode="always_last",
            ).then(rerender_charts, [*view_inputs, bench], [top, scatter], show_progress="hidden")
        for control in (search, sizes, licenses, tags):
            control.change(
                rerender_coverage, [search, sizes, licenses, tags], cov, show_progress="hidden"
            )
        bench.change(rerender_charts, [*view_inputs, bench], [top, scatter], show_progress="hidden")
        charts_tab.select(
            rerender_charts, [*view_inputs, bench], [top, scatter], show_progress="hidden"
        )
        coverage_tab.select(
            rerender_coverage, [search, sizes, licenses, tags], cov, show_progress="hidden"
        )

        def on_table_click(
            search_,
            provenances_,
            verified_,
            sizes_,
            licenses_,
            tags_,
            columns_,
            sort_,
            evt: gr.EventData,
        ):
            data = evt._data or {}
            inputs = (search_, provenances_, verified_, sizes_, licenses_, tags_, columns_)
            if data.get("sort"):
                key, descending = board.next_sort(*parse_sort(sort_), str(data["sort"]))
                state = f"{key}:{'desc' if descending else 'asc'}"
                return state, table_of(make_view(*inputs, state)), gr.skip(), gr.skip(), gr.skip()
            if data.get("model"):
                model_id = str(data["model"])
                detail_value = views.detail_html(board.model_detail(store.snapshot, model_id))
                return gr.skip(), gr.skip(), model_id, detail_value, gr.Tabs(selected="detail")
            return gr.skip(), gr.skip(), gr.skip(), gr.skip(), gr.skip()

        table.click(
            on_table_click,
            view_inputs,
            [sort_state, table, model, detail, tabs],
            show_progress="hidden",
        )
        model.input(
            lambda m: views.detail_html(board.model_detail(store.snapshot, m)),
            model,
            detail,
            show_progress="hidden",
        )

        def export(kind: str, *inputs):
            view = make_view(*inputs)
            folder = Path(tempfile.mkdtemp(dir=store.exports.name))
            path = folder / f"leaderboard.{kind}"
            if kind == "csv":
                path.write_text(board.view_csv(view), encoding="utf-8")
            else:
                data = board.view_json(view, store.snapshot.metadata)
                path.write_text(
                    json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
                )
            return gr.File(value=str(path), visible=True)

        export_csv.click(lambda *a: export("csv", *a), view_inputs, export_file)
        export_json.click(lambda *a: export("json", *a), view_inputs, export_file)

        full_outputs = [version, header, licenses, tags, sizes, columns, model, bench]
        full_outputs += [table, cov, top, scatter]

        def full_render(
            message, search_, provs_, verified_, sizes_, licenses_, tags_, columns_, sort_, bench_
        ):
            """Everything again from the current snapshot, keeping the visitor's choices that still apply."""
            snapshot = store.snapshot
            choices_ = board.filter_choices(snapshot)
            keys = [key for _, key in column_choices(snapshot)]
            columns_ = [c for c in columns_ or () if c in keys] or initial_columns(snapshot)
            sizes_ = [v for v in sizes_ or () if v in choices_["sizes"]]
            licenses_ = [v for v in licenses_ or () if v in choices_["licenses"]]
            tags_ = [v for v in tags_ or () if v in choices_["pipeline_tags"]]
            benches = chart_choices(snapshot)
            if bench_ not in [key for _, key in benches]:
                bench_ = benches[0][1] if benches else None
            inputs = (search_, provs_, verified_, sizes_, licenses_, tags_, columns_, sort_)
            view = make_view(*inputs)
            top_frame, scatter_frame = charts_of(view, bench_)
            return (
                store.version,
                header_html(store, message),
                gr.Dropdown(choices=choices_["licenses"], value=licenses_),
                gr.Dropdown(choices=choices_["pipeline_tags"], value=tags_),
                gr.CheckboxGroup(choices=choices_["sizes"], value=sizes_),
                gr.CheckboxGroup(choices=column_choices(snapshot), value=columns_),
                gr.Dropdown(choices=list(snapshot.models["model_id"])),
                gr.Dropdown(choices=benches, value=bench_),
                table_of(view),
                rerender_coverage(search_, sizes_, licenses_, tags_),
                top_frame,
                scatter_frame,
            )

        def on_refresh(*inputs):
            return full_render(store.refresh(), *inputs)

        def on_load(seen_version: int, *inputs):
            # The page carries the data as of launch; a visitor after a refresh gets the new one.
            if seen_version == store.version:
                return tuple(gr.skip() for _ in full_outputs)
            return full_render(None, *inputs)

        refresh.click(on_refresh, [*view_inputs, bench], full_outputs)
        demo.load(on_load, [version, *view_inputs, bench], full_outputs, show_progress="hidden")
    return demo


ABOUT = """
<p><b>What a cell shows.</b> One value per model and benchmark, on the benchmark's own scale
(a 0.812 fraction on a percent benchmark reads 81.2). When a model has several values for a
benchmark (other settings, other sources) the cell shows one, in this order: verified, the
authors' card, own run, Artificial Analysis, community PR; it never keeps the maximum.
<code>+N</code> says how many more there are, ⚠ that two sources differ by more than a
point; the model detail shows them all side by side.</p>
<p><b>Average.</b> Only over the shown benchmarks on the percent scale, and it says how many
of them the model has (<code>3/5</code>). Sorting by it ranks only the models that have all
of them; partial averages (grey) follow, ordered by how many they cover and then by
trending rank, so averages over different benchmark sets are never ranked against each
other. Pick the columns (above) to choose the set the average is over.</p>
<p><b>Provenance.</b> C: the model's own card on <code>main</code>; PR: an open community
pull request; AA: Artificial Analysis; R: an own inspect-ai run with its log; ✓: the
<code>.eval_results</code> entry carries a verify token.</p>
<p><b>Data.</b> The dataset <code>evaluation_manager.py collect</code> writes (schema:
<code>references/leaderboard-dataset.md</code> in the hf-evaluation repository). Export
writes the current view: CSV as the table shows it, JSON with each value's provenance,
setting and source link.</p>
"""


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="leaderboard/app.py",
        description="The evaluation leaderboard (Gradio): the dataset collect writes, as a table "
        "with sources, model details, coverage gaps, charts and export.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="examples:\n"
        "  uv run leaderboard/app.py\n"
        "  uv run leaderboard/app.py --data tests/leaderboard_data --port 7861\n"
        "  uv run leaderboard/app.py --dataset my-org/trending-eval-results\n\n"
        f"environment: {DATASET_ENV} (dataset repo, as --dataset; for a Space; else the repo\n"
        "  named in dataset.txt next to app.py, written by deploy-leaderboard), HF_TOKEN\n"
        "  (private datasets), HF_ENDPOINT (another Hub), GRADIO_SERVER_NAME / _PORT.",
    )
    source = parser.add_mutually_exclusive_group()
    source.add_argument(
        "--data",
        type=Path,
        help=f"a collected folder (default: {DEFAULT_DATA.relative_to(HERE.parent)})",
    )
    source.add_argument(
        "--dataset",
        help=f"a Hub dataset repo made by collect --push-to-hub (default ${DATASET_ENV})",
    )
    parser.add_argument("--revision", help="dataset revision (with --dataset; default main)")
    parser.add_argument(
        "--host",
        default=os.environ.get("GRADIO_SERVER_NAME", "127.0.0.1"),
        help="address to listen on (default 127.0.0.1; a Space sets GRADIO_SERVER_NAME)",
    )
    parser.add_argument(
        "--port",
        type=int,
        default=int(os.environ.get("GRADIO_SERVER_PORT", "7860")),
        help="port to listen on (default 7860)",
    )
    args = parser.parse_args(argv)
    if not args.data and not args.dataset:
        args.dataset = configured_dataset()
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        store = Store(loader(args.data, args.dataset, args.revision))
    except board.DatasetError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    import gradio as gr

    theme = gr.themes.Default(
        font=["ui-sans-serif", "system-ui", "sans-serif"], font_mono=["ui-monospace", "monospace"]
    )  # system fonts: the page asks no font server
    demo = build_app(store)
    demo.queue(default_concurrency_limit=8).launch(
        server_name=args.host,
        server_port=args.port,
        theme=theme,
        css=views.CSS,
        ssr_mode=False,  # measured: server-side rendering made the first table slower here
        footer_links=[],
        show_error=True,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
