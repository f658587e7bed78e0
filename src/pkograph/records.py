"""Records: what curators write in YAML and extractors produce, with where each came from.

A curated file is a YAML mapping::

    document: mofa-peacebuilding-2007        # default document of the file's sources
    records:
      - type: membership
        id: yasushi-akashi/untac
        person: yasushi-akashi
        organization: untac
        role: [srsg]
        source: {lines: 151, at: "II Cambodia (2)", quote: "The Special Representative ..."}

Every record carries a ``source``: the document, the line or lines of its text file under
``data/sources`` and a locator a reader can follow; a ``quote`` from those lines, when given,
is checked to be there.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.composer import Composer
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.nodes import MappingNode, SequenceNode


@dataclass(frozen=True)
class Origin:
    """Where a record or value came from: a project-relative file and a 1-based line."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True)
class Source:
    """The citation of a record: document, line span in its text file, locator, quote."""

    doc: str
    first_line: int
    last_line: int
    locator: str
    quote: str | None = None


@dataclass
class Record:
    """The statements one citation supports about one thing."""

    type: str
    id: str
    values: dict[str, Any]
    source: Source
    origin: Origin
    value_lines: dict[str, int] = field(default_factory=dict)

    def where(self, key: str | None = None) -> Origin:
        """The origin of the whole record or of one of its keys."""
        if key is not None and key in self.value_lines:
            return Origin(self.origin.file, self.value_lines[key])
        return self.origin

    @property
    def name(self) -> str:
        return f"{self.type} '{self.id}'"


class RecordError(Exception):
    """A problem with a record or input file, located for the person who must fix it."""

    def __init__(self, origin: Origin | None, message: str, rule: str = "") -> None:
        self.origin = origin
        self.message = message
        self.rule = rule
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.origin}: " if self.origin else ""
        rule = f" [rule: {self.rule}]" if self.rule else ""
        return f"{where}{self.message}{rule}"


class RecordErrors(Exception):
    """Several record errors, reported together so a curator can fix them in one pass."""

    def __init__(self, errors: list[RecordError]) -> None:
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


def parse_lines(value: Any, origin: Origin) -> tuple[int, int]:
    """``151`` or ``"151-153"`` as a (first, last) line span."""
    text = str(value).strip()
    first, _, last = text.partition("-")
    try:
        span = int(first), int(last or first)
    except ValueError:
        raise RecordError(origin, f"bad line span {value!r}: use 151 or 151-153",
                          "source lines") from None
    if span[0] < 1 or span[1] < span[0]:
        raise RecordError(origin, f"bad line span {value!r}", "source lines")
    return span


def _plain(value: Any) -> Any:
    """ruamel's commented containers as plain Python values (dates stay dates)."""
    if isinstance(value, CommentedMap | dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, CommentedSeq | list):
        return [_plain(v) for v in value]
    if isinstance(value, dt.datetime):
        return value.date()
    return value


def _source(raw: Any, default_doc: str | None, origin: Origin) -> Source:
    if not isinstance(raw, dict):
        raise RecordError(origin, "missing 'source' (doc, lines, at, quote)",
                          "a source on every fact")
    unknown = set(raw) - {"doc", "lines", "at", "quote"}
    if unknown:
        raise RecordError(origin, f"unknown source keys {sorted(unknown)}", "source keys")
    doc = raw.get("doc") or default_doc
    if not doc:
        raise RecordError(origin, "source has no 'doc' and the file names no document",
                          "a source on every fact")
    if "lines" not in raw:
        raise RecordError(origin, "source has no 'lines'", "a source on every fact")
    first, last = parse_lines(raw["lines"], origin)
    locator = str(raw.get("at") or "").strip()
    if not locator:
        raise RecordError(origin, "source has no 'at' (section, table and row)",
                          "a locator on every source")
    quote = raw.get("quote")
    return Source(str(doc), first, last, locator, str(quote) if quote is not None else None)


#: How many values the aliases of one YAML file may add to it. A curated file uses aliases to
#: repeat a source (each adds a few values); nested aliases multiply, so that a 600-byte file
#: can stand for a billion values and exhaust memory when it is read.
MAX_ALIAS_VALUES = 100_000


class _BadValue(MarkedYAMLError):
    """A value YAML reads but cannot make into a Python value, such as the date 2022-13-45."""


class _CheckedConstructor(RoundTripConstructor):
    """ruamel's round-trip constructor, turning a value it cannot construct into an error that
    names its line instead of a ValueError from deep inside."""

    def construct_non_recursive_object(self, node: Any, tag: str | None = None) -> Any:
        try:
            return super().construct_non_recursive_object(node, tag)
        except (ValueError, TypeError, OverflowError) as exc:
            what = ("date (write 1992, 1992-06 or 1992-06-15)"
                    if node.tag.endswith(":timestamp") else "value")
            raise _BadValue(problem=f"{node.value!r} is not a valid {what}: {exc}",
                            problem_mark=node.start_mark) from None


class _CheckedComposer(Composer):
    """ruamel's composer, refusing a document whose aliases add more than
    ``MAX_ALIAS_VALUES`` values, before it is constructed: an alias is one node shared by all
    the places that name it, so the nodes are counted once each, and the values they stand for
    as often as they are named."""

    def compose_document(self) -> Any:
        node = super().compose_document()
        _check_expansion(node)
        return node


def _children(node: Any) -> list[Any]:
    if isinstance(node, MappingNode):
        return [part for pair in node.value for part in pair]
    if isinstance(node, SequenceNode):
        return list(node.value)
    return []


def _check_expansion(root: Any) -> None:
    expanded: dict[int, int] = {}  # values a node stands for, by node, aliases expanded
    open_nodes: set[int] = set()
    stack = [root]
    while stack:
        node = stack[-1]
        if id(node) in expanded:
            stack.pop()
            continue
        waiting = [c for c in _children(node) if id(c) not in expanded and id(c) not in open_nodes]
        if waiting and id(node) not in open_nodes:
            open_nodes.add(id(node))
            stack += waiting
            continue
        stack.pop()
        open_nodes.discard(id(node))
        # a node that contains itself (a recursive alias) counts once there
        expanded[id(node)] = 1 + sum(expanded.get(id(c), 1) for c in _children(node))
        if expanded[id(node)] > len(expanded) + MAX_ALIAS_VALUES:
            raise _BadValue(problem=f"the file's aliases add more than {MAX_ALIAS_VALUES:,} "
                            "values (an alias repeats the node it names, and aliases within "
                            "that node repeat theirs): write the values out",
                            problem_mark=node.start_mark)


def read_yaml(path: Path, shown_as: str) -> Any:
    """A YAML file's content; raises RecordErrors naming file and line for text that is not
    UTF-8, bad syntax, a value that cannot be read (a date 2022-13-45) or too many aliases."""
    yaml = YAML(typ="rt")
    yaml.Composer = _CheckedComposer
    yaml.Constructor = _CheckedConstructor
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise RecordErrors([RecordError(Origin(shown_as, 1), f"not UTF-8 text: {exc}",
                                        "readable input")]) from None
    try:
        return yaml.load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        problem = str(exc.problem or exc)
        message = problem if isinstance(exc, _BadValue) else f"YAML syntax error: {problem}"
        raise RecordErrors([RecordError(Origin(shown_as, line), message,
                                        "readable input")]) from None


def load_file(path: Path, shown_as: str) -> Iterator[Record]:
    """The records of one curated YAML file; raises RecordErrors naming file and line."""
    tree = read_yaml(path, shown_as)
    if tree is None:
        return
    if not isinstance(tree, CommentedMap) or not isinstance(tree.get("records"), CommentedSeq):
        raise RecordErrors([RecordError(Origin(shown_as, 1),
                                        "a data file is a mapping with a 'records' list",
                                        "file layout")])
    default_doc = tree.get("document")
    errors: list[RecordError] = []
    records: list[Record] = []
    for item in tree["records"]:
        line = item.lc.line + 1 if hasattr(item, "lc") else 1
        origin = Origin(shown_as, line)
        if not isinstance(item, CommentedMap):
            errors.append(RecordError(origin, "a record is a mapping", "file layout"))
            continue
        value_lines = {str(k): item.lc.key(k)[0] + 1 for k in item}
        values = _plain(item)
        rtype = values.pop("type", None)
        rid = values.pop("id", None)
        raw_source = values.pop("source", None)
        if not rtype or not rid:
            errors.append(RecordError(origin, "a record needs 'type' and 'id'", "record layout"))
            continue
        try:
            where = Origin(shown_as, value_lines.get("source", line))
            source = _source(raw_source, default_doc, where)
        except RecordError as exc:
            errors.append(exc)
            continue
        records.append(Record(str(rtype), str(rid), values, source, origin, value_lines))
    if errors:
        raise RecordErrors(errors)
    yield from records
