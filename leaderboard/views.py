"""HTML for the leaderboard's table, model detail and coverage: pure functions of board's values.

Every string from the dataset goes through `html.escape`; links open in a new tab and
carry rel="noopener". The markup uses data- attributes (data-sort on headers, data-model
on model names) that app.py's small click handler turns into events.
"""

from __future__ import annotations

from html import escape

from board import (
    PROVENANCE_LABELS,
    PROVENANCE_MARKS,
    PROVENANCES,
    QUEST,
    Cell,
    Coverage,
    ModelDetail,
    Value,
    View,
    gap_plan,
)

HUB_URL = "https://huggingface.co"

CSS = """
.lb-wrap { overflow-x: auto; max-height: 70vh; overflow-y: auto; border: 1px solid var(--border-color-primary); border-radius: 8px; }
.lb-table { border-collapse: separate; border-spacing: 0; width: 100%; font-size: 13px; font-variant-numeric: tabular-nums; }
.lb-table th, .lb-table td { padding: 5px 8px; border-bottom: 1px solid var(--border-color-primary); white-space: nowrap; text-align: right; }
.lb-table th { position: sticky; top: 0; background: var(--background-fill-secondary); cursor: pointer; user-select: none; z-index: 1; font-weight: 600; }
.lb-table th:hover { background: var(--background-fill-primary); }
.lb-table th small { display: block; font-weight: 400; color: var(--body-text-color-subdued); }
.lb-table th.lb-sorted { color: var(--color-accent); }
.lb-table td.lb-name, .lb-table th.lb-name { text-align: left; position: sticky; left: 0; background: var(--background-fill-primary); }
.lb-table th.lb-name { z-index: 2; background: var(--background-fill-secondary); }
.lb-table tbody tr:hover td { background: var(--background-fill-secondary); }
.lb-table a { text-decoration: none; color: inherit; }
.lb-table a.lb-value:hover, .lb-table a.lb-model:hover { text-decoration: underline; }
.lb-model { font-weight: 600; color: var(--color-accent) !important; cursor: pointer; }
.lb-hub { color: var(--body-text-color-subdued) !important; font-size: 11px; margin-left: 4px; }
.lb-mark { font-size: 9px; font-weight: 600; margin-left: 3px; padding: 0 3px; border-radius: 3px; vertical-align: super; }
.lb-cell sup { font-size: 9px; font-weight: 600; margin-left: 3px; padding: 0 3px; border-radius: 3px; }
.lb-cell i { font-style: normal; }
.lb-cell a:hover { text-decoration: underline; }
.prov-authors sup, .lb-mark.prov-authors { background: #dbeafe; color: #1e3a8a; }
.prov-community-pr sup, .lb-mark.prov-community-pr { background: #fef3c7; color: #78350f; }
.prov-artificial-analysis sup, .lb-mark.prov-artificial-analysis { background: #ede9fe; color: #4c1d95; }
.prov-own-run sup, .lb-mark.prov-own-run { background: #dcfce7; color: #14532d; }
.lb-verified { color: #15803d; font-weight: 700; margin-left: 2px; }
.lb-more { font-size: 10px; color: var(--body-text-color-subdued); margin-left: 2px; }
.lb-flag { color: #b45309; margin-left: 2px; }
.lb-empty { color: var(--body-text-color-subdued); }
.lb-partial { color: var(--body-text-color-subdued); font-style: italic; }
.lb-avg { font-weight: 600; }
.lb-legend { font-size: 12px; color: var(--body-text-color-subdued); margin: 6px 0; }
.lb-legend .lb-mark { vertical-align: baseline; }
.lb-count { font-size: 12px; color: var(--body-text-color-subdued); margin: 4px 0; }
.lb-detail td, .lb-detail th { text-align: left; vertical-align: top; cursor: default; }
.lb-detail tr.lb-conflict td { background: #fff7ed; }
.lb-detail .lb-values div { margin: 1px 0; }
.lb-facts { font-size: 13px; margin: 6px 0 10px 0; }
.lb-facts span { margin-right: 14px; }
.lb-cov td, .lb-cov th { text-align: center; cursor: default; }
.lb-cov td.lb-name { text-align: left; }
.lb-yes { color: #15803d; }
.lb-no { color: #b91c1c; font-weight: 700; }
.lb-plan code { font-size: 12px; }
.lb-plan td, .lb-plan th { text-align: left; white-space: normal; }
.lb-doc h3 { font-size: 18px; font-weight: 600; margin: 8px 0 4px 0; }
.lb-doc h4 { font-size: 15px; font-weight: 600; margin: 16px 0 6px 0; }
.lb-doc ul { padding-left: 20px; margin: 4px 0; }
.lb-doc .lb-wrap { margin-bottom: 8px; }
"""


def safe_url(url: str | None) -> str | None:
    """Only http(s) links: a source URL comes from a card's author and could be `javascript:`."""
    if url and url.strip().lower().startswith(("https://", "http://")):
        return url.strip()
    return None


def _a(url: str | None, text: str, cls: str = "", title: str = "") -> str:
    url = safe_url(url)
    attrs = f' class="{cls}"' if cls else ""
    attrs += f' title="{escape(title)}"' if title else ""
    if not url:
        return f"<span{attrs}>{text}</span>"
    return f'<a href="{escape(url)}" target="_blank" rel="noopener"{attrs}>{text}</a>'


def fmt_score(score: float | None) -> str:
    if score is None:
        return "—"
    return f"{score:.1f}" if abs(score) < 1000 else f"{score:.0f}"


def fmt_params(parameters: int | None) -> str:
    if not parameters:
        return "—"
    billions = parameters / 1e9
    return f"{billions:.1f}B" if billions < 100 else f"{billions:.0f}B"


def where(value: Value) -> str:
    """`authors' card (main @ 81194bb)`, `community PR #3`: the source in a few words."""
    label = PROVENANCE_LABELS.get(value.provenance, value.provenance)
    if value.location == "pr" and value.pr_num is not None:
        label += (
            f" #{value.pr_num}" if value.provenance == "community-pr" else f" (PR #{value.pr_num})"
        )
    elif value.provenance in ("authors", "own-run") and value.revision:
        label += f" ({value.location} @ {value.revision[:7]})"
    return label + (", verified" if value.verified else "")


def value_title(value: Value) -> str:
    """Hover text: what was published, in which setting, from where."""
    unit = " %" if value.score_scale == "percent" else ""
    parts = [f"{value.benchmark} {fmt_score(value.score)}{unit}"]
    if value.printed_name != value.benchmark or value.scale != value.score_scale:
        parts.append(f"published as {value.printed_name} {value.value:g} ({value.scale})")
    parts.append(f"setting: {value.setting or 'not stated'}")
    parts.append(where(value))
    return " · ".join(parts)


def _mark(provenance: str) -> str:
    return (
        f'<span class="lb-mark prov-{escape(provenance)}" title="{escape(PROVENANCE_LABELS.get(provenance, provenance))}">'
        f"{escape(PROVENANCE_MARKS.get(provenance, '?'))}</span>"
    )


def cell_html(cell: Cell) -> str:
    shown = cell.shown
    title = value_title(shown)
    if cell.others:
        others = "; ".join(
            f"{fmt_score(v.score)} ({where(v)}, {v.setting or 'no setting'})" for v in cell.others
        )
        title += f" · other values: {others}"
        if cell.conflict:
            title += f" · sources differ by {cell.spread:.1f} points"
    # Compact on purpose (a 100 x 40 table is in the page): the mark is a bare <sup> styled
    # by the cell's class, the link needs no class, the hover text says the rest.
    text = fmt_score(shown.score)
    url = safe_url(shown.source_url)
    html = (
        f'<a href="{escape(url)}" target="_blank" title="{escape(title)}">{text}</a>'
        if url
        else f'<span title="{escape(title)}">{text}</span>'
    )
    html += f"<sup>{escape(PROVENANCE_MARKS.get(shown.provenance, '?'))}</sup>"
    if shown.verified:
        html += '<b class="lb-verified">✓</b>'
    if cell.others:
        html += f'<i class="lb-more">+{len(cell.others)}</i>'
    if cell.conflict:
        html += '<i class="lb-flag">⚠</i>'
    return f'<td class="lb-cell prov-{escape(shown.provenance)}">{html}</td>'


def _th(key: str, label: str, view: View, sub: str = "", title: str = "", cls: str = "") -> str:
    sorted_here = view.sort == key
    arrow = (" ▼" if view.descending else " ▲") if sorted_here else ""
    classes = " ".join(c for c in (cls, "lb-sorted" if sorted_here else "") if c)
    aria = (
        (' aria-sort="descending"' if view.descending else ' aria-sort="ascending"')
        if sorted_here
        else ""
    )
    return (
        f'<th data-sort="{escape(key)}" class="{classes}" title="{escape(title or "sort by " + label)}"{aria}>'
        f"{escape(label)}{arrow}" + (f"<small>{escape(sub)}</small>" if sub else "") + "</th>"
    )


def average_html(row) -> str:
    if row.average is None:
        return (
            '<td class="lb-empty" title="no percent-scale benchmark among the shown columns">—</td>'
        )
    if row.complete:
        return f'<td class="lb-avg" title="average over all {row.of} shown percent benchmarks">{row.average:.1f}<small class="lb-more"> {row.covered}/{row.of}</small></td>'
    return (
        f'<td class="lb-partial" title="over {row.covered} of {row.of} shown benchmarks only: '
        f'not comparable with full averages">{row.average:.1f}<small class="lb-more"> {row.covered}/{row.of}</small></td>'
    )


def table_html(view: View, total_models: int) -> str:
    """The main table with sortable headers (data-sort) and clickable model names (data-model)."""
    n_avg = len(view.average_over)
    head = [
        _th("rank", "#", view, title="trending rank at collection time"),
        _th("model", "Model", view, cls="lb-name"),
        _th("parameters", "Size", view, title="total parameters (Hub safetensors metadata)"),
        _th("average", "Average", view, sub=f"of {n_avg}",
            title=f"mean over the {n_avg} shown percent-scale benchmarks; partial averages (grey) are listed after complete ones"),
    ]  # fmt: skip
    for column in view.columns:
        unit = "%" if column.scale == "percent" else column.scale
        head.append(
            _th(column.key, column.name, view, sub=f"{unit} · {column.n_models}",
                title=f"sort by {column.name} ({column.scale} scale; {column.n_models} model(s) have it)")
        )  # fmt: skip
    body = []
    for row in view.rows:
        cells = [
            f"<td>{row.trending_rank if row.trending_rank is not None else '—'}</td>",
            f'<td class="lb-name"><a class="lb-model" data-model="{escape(row.model_id)}" '
            f'title="details of {escape(row.model_id)}">{escape(row.model_id)}</a>'
            + _a(f"{HUB_URL}/{row.model_id}", "↗", "lb-hub", "the model on the Hub")
            + "</td>",
            f"<td>{fmt_params(row.parameters)}</td>",
            average_html(row),
        ]
        for column in view.columns:
            cell = row.cells.get(column.key)
            cells.append(cell_html(cell) if cell else '<td class="lb-empty">·</td>')
        body.append(f'<tr data-model-row="{escape(row.model_id)}">' + "".join(cells) + "</tr>")
    if not body:
        body.append(
            f'<tr><td colspan="{len(head)}" class="lb-empty" style="text-align:center">no model matches the filters</td></tr>'
        )
    complete = sum(1 for row in view.rows if row.complete)
    hint = (
        f"{complete} of them have all {n_avg} averaged benchmarks (ranked first by Average)"
        if complete
        else f"none has all {n_avg} averaged benchmarks: pick fewer columns to rank by Average"
    )
    count = (
        f'<div class="lb-count"><span id="lb-count">{len(view.rows)} of {total_models} models shown</span>'
        + (f" · {hint}" if n_avg and view.rows else "")
        + "</div>"
    )
    return (
        count
        + f'<div class="lb-wrap"><table class="lb-table" id="lb-table" data-sort-key="{escape(view.sort)}" '
        f'data-sort-dir="{"desc" if view.descending else "asc"}"><thead><tr>'
        + "".join(head)
        + "</tr></thead><tbody>"
        + "".join(body)
        + "</tbody></table></div>"
    )


def legend_html() -> str:
    marks = " ".join(f"{_mark(p)} {escape(PROVENANCE_LABELS[p])}" for p in PROVENANCES)
    return (
        f'<div class="lb-legend">{marks} · <span class="lb-verified">✓</span> verified · '
        '<span class="lb-more">+1</span> more values (model detail) · <span class="lb-flag">⚠</span> '
        "sources differ by more than a point · hover a value for its setting, click it for its "
        "source, click a model for all its results · a cell shows one value: verified first, then "
        "the authors' card, own run, Artificial Analysis, community PR (never the maximum)</div>"
    )


def _values_html(values: list[Value]) -> str:
    parts = []
    for v in values:
        setting = f" <small>{escape(v.setting)}</small>" if v.setting else ""
        tick = '<span class="lb-verified">✓</span>' if v.verified else ""
        pr = (
            f" <small>PR #{v.pr_num}</small>" if v.location == "pr" and v.pr_num is not None else ""
        )
        parts.append(
            f"<div>{_a(v.source_url, fmt_score(v.score), 'lb-value', value_title(v))}{tick}{setting}{pr}</div>"
        )
    return "".join(parts) or '<span class="lb-empty">—</span>'


def detail_html(detail: ModelDetail | None) -> str:
    """One model: facts, each benchmark's values side by side per source, then every value."""
    if detail is None:
        return '<div class="lb-empty">Choose a model (or click one in the table).</div>'
    f = detail.facts
    facts = [
        ("trending rank", f.get("trending_rank")),
        ("size", fmt_params(f.get("parameters")) if f.get("parameters") else None),
        ("license", f.get("license")),
        ("pipeline", f.get("pipeline_tag")),
        ("library", f.get("library")),
        ("status", f"{f['status']}" + (f": {f['status_detail']}" if f.get("status_detail") else "") if f.get("status") else None),
        ("card read at", (f.get("card_sha") or "")[:7] or None),
    ]  # fmt: skip
    head = (
        f'<h3 id="lb-detail-title">{escape(detail.model_id)} '
        + _a(f"{HUB_URL}/{detail.model_id}", "↗", "lb-hub", "the model on the Hub")
        + "</h3><div class='lb-facts'>"
        + "".join(
            f"<span><b>{escape(k)}</b> {escape(str(v))}</span>" for k, v in facts if v is not None
        )
        + "</div>"
    )
    n_conf = len(detail.conflicts)
    note = (
        f'<div class="lb-legend"><span class="lb-flag">⚠</span> {n_conf} benchmark(s) where sources differ by more than a point.</div>'
        if n_conf
        else '<div class="lb-legend">No two sources differ by more than a point.</div>'
    )
    provs = [p for p in PROVENANCES if any(p in c.by_provenance for c in detail.comparisons)]
    rows = []
    for comp in detail.comparisons:
        by = comp.by_provenance
        flag = (
            f'<span class="lb-flag">⚠ {comp.spread:.1f}</span>'
            if comp.conflict
            else (f"{comp.spread:.1f}" if len(comp.values) > 1 else "")
        )
        rows.append(
            f'<tr class="{"lb-conflict" if comp.conflict else ""}" data-benchmark="{escape(comp.benchmark_id or "")}">'
            f"<td>{escape(comp.benchmark)}</td>"
            + "".join(
                f'<td class="lb-values prov-{p}">{_values_html(by.get(p, []))}</td>' for p in provs
            )
            + f"<td>{flag}</td></tr>"
        )
    side = (
        '<table class="lb-table lb-detail" id="lb-side"><thead><tr><th>Benchmark</th>'
        + "".join(f"<th>{_mark(p)} {escape(PROVENANCE_LABELS[p])}</th>" for p in provs)
        + '<th title="largest minus smallest score">spread</th></tr></thead><tbody>'
        + "".join(rows)
        + "</tbody></table>"
    )
    every: list[Value] = []
    for comp in detail.comparisons:
        every.extend(comp.values)
    every.extend(detail.unmapped)
    full_rows = "".join(
        "<tr>"
        f"<td>{escape(v.benchmark)}{'' if v.benchmark_id else ' <small class=lb-empty>(not in the registry)</small>'}</td>"
        f"<td>{escape(v.printed_name)}</td><td>{v.value:g} <small>{escape(v.scale)}</small></td>"
        f"<td>{fmt_score(v.score)}</td><td>{escape(v.setting) or '—'}</td><td>{escape(v.metric or '—')}</td>"
        f"<td>{_mark(v.provenance)} {escape(where(v))}</td>"
        f"<td>{_a(v.source_url, escape(v.source_name or 'source'), 'lb-value')}</td></tr>"
        for v in every
    )
    full = (
        '<h4>Every value</h4><table class="lb-table lb-detail" id="lb-all"><thead><tr><th>Benchmark</th>'
        "<th>as printed</th><th>value</th><th>score</th><th>setting</th><th>metric</th><th>provenance</th>"
        f"<th>source</th></tr></thead><tbody>{full_rows}</tbody></table>"
    )
    if not every:
        empty = '<div class="lb-empty">No results on this model\'s card or from any source.</div>'
        return f'<div class="lb-doc">{head}{empty}</div>'
    # The heading of the full list sits outside its scrolling box.
    full = full.replace("<table", '<div class="lb-wrap"><table', 1) + "</div>"
    return f'<div class="lb-doc">{head}{note}<div class="lb-wrap">{side}</div>{full}</div>'


def coverage_html(cov: Coverage, statuses: dict[str, str | None]) -> str:
    """A model x quest-benchmark matrix, then per model the commands that would fill its gaps."""
    head = (
        "<tr><th class='lb-name'>Model</th>"
        + "".join(f"<th>{escape(q.name)}</th>" for q in QUEST)
        + "</tr>"
    )
    rows = []
    for model_id in cov.models:
        cells = []
        for q in QUEST:
            found = cov.have.get((model_id, q.key))
            if found is None:
                cells.append('<td class="lb-no" title="missing">✗</td>')
            else:
                benchmark_id, name = found
                extra = "" if benchmark_id == q.key else f" <small>{escape(name)}</small>"
                cells.append(f'<td class="lb-yes" title="{escape(name)}">✓{extra}</td>')
        rows.append(f"<tr><td class='lb-name'>{escape(model_id)}</td>{''.join(cells)}</tr>")
    n_gaps = len(cov.gaps)
    matrix = (
        f"<div class='lb-count'>{n_gaps} gap(s) over {len(cov.models)} model(s) and the quest's "
        f"{len(QUEST)} benchmarks</div><div class='lb-wrap'><table class='lb-table lb-cov' id='lb-cov'>"
        f"<thead>{head}</thead><tbody>{''.join(rows)}</tbody></table></div>"
    )
    plan_rows = []
    for model_id in cov.models:
        steps = gap_plan(model_id, cov.gaps, statuses.get(model_id))
        for i, (command, fills) in enumerate(steps):
            plan_rows.append(
                "<tr>"
                + (
                    f"<td rowspan='{len(steps)}' class='lb-name'><b>{escape(model_id)}</b></td>"
                    if i == 0
                    else ""
                )
                + f"<td>{escape(', '.join(fills))}</td><td><code>{escape(command)}</code></td></tr>"
            )
    plan = (
        "<h4>Commands that would fill the gaps</h4><div class='lb-legend'>Each previews by default; "
        "add --create-pr (or --apply on your own repo) to publish. extract-readme reads the card's "
        "own tables; import-aa needs AA_API_KEY and AA's creator slug (check with import-aa --list); "
        "run-eval runs inspect-ai on HF Jobs.</div>"
        "<div class='lb-wrap'><table class='lb-table lb-plan' id='lb-plan'><thead><tr><th>Model</th>"
        f"<th>may fill</th><th>command</th></tr></thead><tbody>{''.join(plan_rows)}</tbody></table></div>"
        if plan_rows
        else "<div class='lb-legend'>No gaps: every model has every quest benchmark.</div>"
    )
    problems = ""
    if cov.problems:
        items = "".join(
            f"<li><b>{escape(p['model_id'])}</b>: {escape(str(p['status']))}"
            + (f" ({escape(str(p['detail']))})" if p.get("detail") else "")
            + "</li>"
            for p in cov.problems
        )
        problems = f"<h4>Models whose card could not be read fully</h4><ul>{items}</ul>"
    return '<div class="lb-doc">' + matrix + plan + problems + "</div>"
