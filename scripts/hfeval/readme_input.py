"""Where a README comes from (a local file or the Hub) and whose scores we look for.

Shared by `inspect-tables` and `extract-readme` so both read the same text the same way.
"""

from __future__ import annotations

import argparse
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .arguments import repo_id
from .errors import InputError, UsageError
from .naming import Target

if TYPE_CHECKING:  # extraction (and its markdown parser) loads only when a README is read
    from .extraction import SourceRef
    from .hub import HubClient

# A README larger than this is refused rather than parsed: no model card is this big.
MAX_README_BYTES = 50 * 1024 * 1024


@dataclass
class Readme:
    text: str
    source: SourceRef
    where: str  # for messages: a path, or "org/model@sha"
    warnings: list[str]
    hub: HubClient | None = None  # the HubClient that read it, reused for publishing


def add_input_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("input (one of --readme-file or --repo-id)")
    group.add_argument(
        "--readme-file", metavar="PATH", help="a local README.md (read with no network)"
    )
    group.add_argument(
        "--repo-id",
        type=repo_id,
        metavar="ID",
        help="the model repo, e.g. Qwen/Qwen2.5-7B-Instruct: read its README from the Hub, "
        "or with --readme-file only name the target model and the source links",
    )
    group.add_argument(
        "--revision", metavar="REV", help="branch, tag, commit or refs/pr/N to read (Hub only)"
    )
    target = parser.add_argument_group("target model (default: the repo id's name)")
    target.add_argument(
        "--model-name",
        metavar="NAME",
        help="the model's name as the tables print it, when it differs from the repo name",
    )
    target.add_argument(
        "--table",
        type=_positive_int,
        action="append",
        metavar="N",
        help="only table N (1-based, as inspect-tables numbers them); repeatable",
    )
    pin = target.add_mutually_exclusive_group()
    pin.add_argument(
        "--model-column-index",
        type=_positive_int,
        metavar="N",
        help="the model is column N (1-based) of the one --table given",
    )
    pin.add_argument(
        "--model-row-index",
        type=_positive_int,
        metavar="N",
        help="the model is row N (1-based, header rows counted) of the one --table given",
    )


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a positive number: {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"not a positive number: {text!r} (numbering starts at 1)")
    return value


def check_input_arguments(args: argparse.Namespace, *, need_target: bool = True) -> None:
    if not args.readme_file and not args.repo_id:
        raise UsageError("give --readme-file PATH or --repo-id ID")
    if need_target and not args.repo_id and not args.model_name:
        raise UsageError("whose scores? give --repo-id ID (the model's repo) or --model-name NAME")
    if args.readme_file and args.revision:
        raise UsageError("--revision reads from the Hub: it does not go with --readme-file")
    if (args.model_column_index or args.model_row_index) and len(args.table or []) != 1:
        raise UsageError("--model-column-index / --model-row-index need exactly one --table N")
    if args.repo_id and not _looks_like_repo_id(args.repo_id):
        raise UsageError(f"--repo-id {args.repo_id!r} is not of the form owner/name")


def _looks_like_repo_id(text: str) -> bool:
    parts = text.split("/")
    return len(parts) == 2 and all(parts) and not any(" " in p for p in parts)


def target_from_args(args: argparse.Namespace) -> Target:
    return Target.build(args.model_name, args.repo_id)


def load_readme(args: argparse.Namespace) -> Readme:
    """Read the README named by the arguments. Local files never touch the network."""
    if args.readme_file:
        return read_local_readme(args.readme_file, args.repo_id)
    from .extraction import SourceRef
    from .hub import HubClient

    hub = HubClient()
    readme = hub.read_readme(args.repo_id, args.revision)
    where = f"{args.repo_id}@{readme.revision[:12]}" if readme.revision else args.repo_id
    return Readme(
        text=readme.text,
        source=SourceRef(url_base=readme.url_base, path="README.md"),
        where=where,
        warnings=[],
        hub=hub,
    )


def read_local_text(path_text: str) -> str:
    """The text of a local README: the one reader every command uses for a local file.

    A file that is not valid UTF-8 is refused, with one message and before anything is
    extracted. Reading it with replacement characters instead would give extraction a
    text the card does not hold, and the card written back from it would carry U+FFFD
    where the author's bytes were: a mangled card. A Hub card in another encoding is
    rare enough that asking for a re-encoded file is the better answer. A byte-order
    mark is kept (the card is written back byte for byte); the front-matter splitter
    reads past it.
    """
    path = Path(path_text)
    try:
        size = path.stat().st_size
        if size > MAX_README_BYTES:
            raise InputError(
                f"{path_text} is {size // (1024 * 1024)} MB: too large for a model card"
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"no such file: {path_text}") from None
    except IsADirectoryError:
        raise InputError(f"{path_text} is a folder, not a README file") from None
    except OSError as error:
        raise InputError(f"cannot read {path_text}: {error.strerror or error}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(
            f"{path_text} is not valid UTF-8 (first bad byte at {error.start}): "
            "nothing read; save it as UTF-8 and run again"
        ) from None


def read_local_readme(path_text: str, repo_id: str | None = None) -> Readme:
    from .extraction import SourceRef

    text = read_local_text(path_text)
    url_base = None
    if repo_id:
        # The file stands for the repo's README: link to it on the Hub (at main: the
        # revision is unknown without the network).
        endpoint = os.environ.get("HF_ENDPOINT", "https://huggingface.co").rstrip("/")
        url_base = f"{endpoint}/{repo_id}/blob/main/README.md"
    return Readme(
        text=text,
        source=SourceRef(url_base=url_base, path=path_text),
        where=path_text,
        warnings=[],
    )


def front_matter_warning(text: str) -> str | None:
    """A warning when the front matter does not parse: its body is still read."""
    import yaml

    from .frontmatter import load_yaml, readable_body

    readable = readable_body(text)
    if readable.unclosed:
        return "the front matter has no closing '---' line; the tables are still read"
    if readable.yaml_text is None:
        return None
    try:
        data = load_yaml(readable.yaml_text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {readable.yaml_line + mark.line})" if mark else ""
        return f"the front matter is not valid YAML{where}; the tables are still read"
    if data is not None and not isinstance(data, dict):
        return "the front matter is not a YAML mapping; the tables are still read"
    return None
