"""Tables as grids, and hostile input: never a traceback, never a number that is not in its cell."""

from __future__ import annotations

import sys
import time

import pytest
from hfeval import tables
from hfeval.benchmarks import load_registry
from hfeval.cells import parse_values
from hfeval.extraction import extract
from hfeval.naming import Target
from hfeval.tables import parse_document
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

REGISTRY = load_registry()
DEFAULT_PARSER = tables.default_parser


@pytest.fixture(autouse=True, params=["cmark-gfm", "markdown-it"])
def parser(request, monkeypatch):
    """Every test here runs with GitHub's parser and with the pure-Python fallback that
    reads the tables where cmarkgfm has no wheel."""
    monkeypatch.setattr(tables, "default_parser", lambda: request.param)
    return request.param


def test_markdown_details_pipes_links_and_line_numbers():
    text = (
        "---\nlicense: mit\n---\n"  # front matter lines still count
        "Intro\n"
        "- item\n\n"
        "  | Name | Score |\n"
        "  |---|---|\n"
        "  | a \\| b | **[85](https://x)**<sup>1</sup> |\n"
        "\n"
        "Left | Right\n"
        "--- | ---\n"
        "x | 1\n"
    )
    doc = parse_document(text)
    assert [t.kind for t in doc.tables] == ["markdown", "markdown"]
    first, second = doc.tables
    assert first.line == 7 and first.rows[1][0].text == "a | b"
    assert first.rows[1][1].text == "85[1]" and first.rows[1][1].line == 9
    assert second.rows[0][0].text == "Left" and second.rows[1][1].text == "1"


def test_html_spans_and_details_and_nested_markup():
    text = """<details><summary>More</summary>

<table>
<tr><th rowspan="2">Bench</th><th colspan="2">Models</th></tr>
<tr><th>A</th><th>B</th></tr>
<tr><td>MMLU<br>(5-shot)</td><td><b>70</b></td><td>71</td></tr>
</table>
</details>
"""
    (table,) = parse_document(text).tables
    assert table.kind == "html" and table.header_rows == 2
    assert [c.text for c in table.rows[0]] == ["Bench", "Models", "Models"]
    assert [c.text for c in table.rows[1]] == ["Bench", "A", "B"]
    assert table.rows[2][0].text == "MMLU\n(5-shot)" and table.rows[2][1].bold


def test_unbalanced_html_and_ragged_rows_still_parse():
    text = "<table><tr><td>MMLU<td>70<tr><td>GSM8K</td>\n\n| a | b |\n|---|---|\n| 1 | 2 | 3 | 4 |\n| 5 |\n"
    doc = parse_document(text)
    assert doc.tables and all(len(row) == t.width for t in doc.tables for row in t.rows)


def test_no_tables_front_matter_broken_and_non_utf8_bytes(tmp_path):
    assert parse_document("# Title\n\nNo tables here.\n").tables == []
    broken = "---\nlicense: [unclosed\n---\n| Benchmark | M-7B |\n|---|---|\n| MMLU | 61 |\n"
    result = extract(broken, Target.build(None, "o/M-7B"), REGISTRY)
    assert [r.value for r in result.results] == [61.0]


def test_large_readme_with_thousands_of_tables_and_wide_rows_is_fast_and_safe():
    row = "| " + " | ".join(str(i) for i in range(500)) + " |\n"
    wide = "| " + " | ".join(f"h{i}" for i in range(500)) + " |\n" + "|---" * 500 + "|\n" + row
    one = "| Benchmark | Other | Big-7B |\n|---|---|---|\n| MMLU | 1.0 | 2.0 |\n\n"
    text = (one * 2000) + wide
    text += "x" * (10 * 1024 * 1024 - len(text))
    start = time.perf_counter()
    result = extract(text, Target.build(None, "o/Big-7B"), REGISTRY)
    elapsed = time.perf_counter() - start
    assert len(result.tables) == 2001
    assert all(r.value == 2.0 for r in result.results) and len(result.results) == 2000
    assert elapsed < 60


cell_text = st.one_of(
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="|\n\r"),
        max_size=12,
    ),
    st.floats(min_value=-1000, max_value=1000, allow_nan=False).map(lambda f: f"{f:.2f}"),
    st.sampled_from(
        ["**71.2**", "85.2%", "1.0 ± 0.2", "—", "N/A", "56.2 / 60.7 †", "<b>9</b>", "Target-7B"]
    ),
)


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    rows=st.lists(st.lists(cell_text, min_size=1, max_size=6), min_size=1, max_size=8),
    html=st.booleans(),
)
def test_random_tables_never_crash_and_every_value_is_in_its_cell(rows, html):
    header = ["Benchmark", "Target-7B", "Other"]
    if html:
        body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
        text = (
            "<table><tr>" + "".join(f"<th>{h}</th>" for h in header) + "</tr>" + body + "</table>"
        )
    else:
        lines = ["| " + " | ".join(header) + " |", "|---|---|---|"]
        lines += ["| " + " | ".join(c.replace("|", "") for c in r) + " |" for r in rows]
        text = "\n".join(lines) + "\n"
    result = extract(text, Target.build(None, "org/Target-7B"), REGISTRY)
    cells = {(c.line, c.text) for t in parse_document(text).tables for row in t.rows for c in row}
    for r in result.results:
        # The value is one of the numbers that a cell on its source line prints.
        printed = [
            v
            for line, t in cells
            if line == r.source.line
            for part in t.split("\n")
            for v in (
                (parse_values(part) or parse_values(t)).values
                if (parse_values(part) or parse_values(t))
                else ()
            )
        ]
        assert r.value in printed


# --- front matter: one splitter decides what it is -------------------------------------------

FRONT = "---\nlicense: mit\ntags: [chat]\n---\n# Title\n\n| Benchmark | M-7B |\n|---|---|\n| MMLU | 61 |\n"


@pytest.mark.parametrize(
    "before, newline",
    [
        ("\n", "\n"),  # a leading blank line: the Hub still reads the block as metadata
        ("\ufeff", "\n"),  # a byte-order mark (Hub reads keep it)
        ("\ufeff\n", "\r\n"),
        ("", "\r"),  # classic Mac line endings
        ("\n", "\r\n"),
    ],
)
def test_front_matter_is_never_read_as_a_heading_whatever_precedes_it(before, newline):
    text = before + FRONT.replace("\n", newline)
    doc = parse_document(text)
    lead = 1 if "\n" in before else 0
    assert doc.headings == [(5 + lead, 1, "Title")]  # not "license: mit tags: [chat]"
    (table,) = doc.tables
    assert table.line == 7 + lead and table.rows[1][1].text == "61"
    assert table.rows[1][1].line == 9 + lead  # line numbers stay those of the file
    assert doc.body_offset == 4 + lead


def test_yaml_after_a_blank_line_is_not_context_that_names_a_variant():
    # `tags: [chat]` read as a heading made the bare `M-7B` column the chat model's.
    card = (
        "\n---\nlicense: mit\ntags: [chat]\n---\n| Benchmark | M-7B |\n|---|---|\n| MMLU | 61 |\n"
    )
    result = extract(card, Target.build(None, "o/M-7B-Instruct"), REGISTRY)
    assert result.results == []
    assert extract(card, Target.build(None, "o/M-7B"), REGISTRY).results[0].value == 61.0


# --- GitHub's table rules, and the line of every cell -------------------------------------------


GFM = """Intro paragraph
| Model | MMLU |
|---|---|
| `a \\| b` | 1.0 |
| x <br> y | **2.0** |

- item

  | In | List |
  |---|---|
  | l | 3.0 |

> | In | Quote |
> |---|---|
> | q | 4.0 |

```
| Not | A table |
|---|---|
| f | 5.0 |
```

<table><tr><th>Raw</th></tr><tr><td>6.0</td></tr></table>
"""


def test_github_table_rules_and_cell_lines():
    doc = parse_document(GFM)
    grids = [[[c.text for c in row] for row in t.rows] for t in doc.tables]
    assert grids == [
        [["Model", "MMLU"], ["a | b", "1.0"], ["x\ny", "2.0"]],
        [["In", "List"], ["l", "3.0"]],
        [["In", "Quote"], ["q", "4.0"]],
        [["Raw"], ["6.0"]],
    ]
    first = doc.tables[0]
    # The table interrupts a paragraph: its header is still line 2, not the paragraph's 1.
    assert first.line == 2 and first.rows[0][0].line == 2 and first.end_line == 5
    assert [row[1].line for row in first.rows] == [2, 4, 5] and first.rows[2][1].bold
    assert [t.line for t in doc.tables] == [2, 9, 13, 23]


def test_githubs_parser_is_the_default_and_markdown_it_the_fallback(monkeypatch):
    pytest.importorskip("cmarkgfm")
    assert DEFAULT_PARSER() == "cmark-gfm"
    monkeypatch.setitem(sys.modules, "cmarkgfm", None)  # as where no wheel is installed
    assert DEFAULT_PARSER() == "markdown-it"


def test_cmark_is_entered_by_one_thread_at_a_time(monkeypatch):
    """cmark-gfm's first-use registration is not thread-safe in C: a batch whose threads
    parsed their first cards at once aborted with "flag initialization error in
    cmark_register_node_flag". Every call into it is serialised."""
    import threading

    import cmarkgfm

    if tables.default_parser() != "cmark-gfm":
        pytest.skip("this run reads tables with markdown-it, which never calls cmark")
    real = cmarkgfm.markdown_to_html_with_extensions
    inside, most = [0], [0]
    count = threading.Lock()

    def watched(*args, **kwargs):
        with count:
            inside[0] += 1
            most[0] = max(most[0], inside[0])
        time.sleep(0.01)
        try:
            return real(*args, **kwargs)
        finally:
            with count:
                inside[0] -= 1

    monkeypatch.setattr(cmarkgfm, "markdown_to_html_with_extensions", watched)
    start = threading.Barrier(8)

    def work() -> None:
        start.wait()
        parse_document("| a | b |\n|---|---|\n| 1 | 2 |\n")

    threads = [threading.Thread(target=work) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert most[0] == 1


def test_a_table_inside_an_html_comment_is_not_a_table(parser):
    text = (
        "# Card\n\n<!-- <table><tr><th>Model</th><th>AP</th></tr>\n"
        "<tr><td>Old</td><td>40.1</td></tr></table> -->\n\n"
        "| Model | AP |\n|---|---|\n| Wren-L | 54.0 |\n\n"
        "```html\n<!-- <table><tr><td>x</td><td>1</td></tr></table> -->\n```\n"
    )
    doc = parse_document(text)
    assert [(t.index, t.kind, t.rows[-1][-1].text) for t in doc.tables] == [(1, "markdown", "54.0")]
