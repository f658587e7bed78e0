"""Reading contributed RDF files strictly and safely, with the file and line of every triple.

This is the front door for files from outside the project, so it is pyoxigraph's parsers that
read them: they reject what the RDF 1.1 grammars reject (rdflib's accept many malformed
documents) and locate a syntax error by line and column. Before parsing, every file is checked
for what no contribution needs and what could make a reader reach out or blow up:

- more than ``MAX_FILE_BYTES`` (checked before the file is read), no content, or text that is
  not UTF-8; more than ``MAX_TRIPLES`` triples in the whole contribution (counted while
  parsing: reading stops at the first triple over, so a small file of many short triples is
  refused as soon as it is known to be too large);
- an RDF/XML ``<!DOCTYPE`` or ``<!ENTITY``: entity declarations can expand without bound (a
  0.5 KB file expands to gigabytes) or name local files;
- a JSON-LD ``@context`` that is not an inline object, or an ``@import``: resolving those means
  fetching documents; a JSON-LD key that no inline context defines, or a relative ``@id`` with
  no base: JSON-LD processing drops those silently; a JSON object with the same key twice (two
  ``@context``): JSON parsers disagree on which one counts.

Nothing is ever fetched or opened besides the given files. The line of a triple is the line the
parser had reached when it produced the triple (the line of its object, or of the ``.`` that
ends it); in JSON-LD, where one object may hold a whole document, it is the line of the subject's
``"@id"``.
"""

from __future__ import annotations

import io
import json
import logging
import re
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import IO, Any, cast

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from pkograph.records import Origin
from pkograph.terms import from_ox, to_ox

#: The largest contribution file read: 10 MiB, for contributions, not dumps (the benchmark's
#: contribution of 1,000 triples takes 88 KB of Turtle).
MAX_FILE_BYTES = 10 * 1024 * 1024
#: The most triples a contribution holds, unless the caller allows more: validating 100,000
#: triples takes about 30 s and 500 MB; a million took 226 s and 3.5 GB.
MAX_TRIPLES = 100_000

#: Input formats by name, and the names of the file extensions that select them.
FORMATS: dict[str, ox.RdfFormat] = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}
EXTENSIONS: dict[str, str] = {
    ".ttl": "turtle", ".nt": "ntriples", ".nq": "nquads", ".trig": "trig",
    ".jsonld": "jsonld", ".json": "jsonld", ".rdf": "rdfxml", ".xml": "rdfxml", ".owl": "rdfxml",
}

_DOCTYPE = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_JSON_ID = re.compile(r'"@id"\s*:\s*"((?:[^"\\]|\\.)*)"')
_UTF8_BOM = b"\xef\xbb\xbf"


class ReadError(Exception):
    """A file that cannot be read as RDF: what is wrong and where (file, line, column)."""

    def __init__(self, file: str, message: str, line: int | None = None,
                 column: int | None = None) -> None:
        self.file, self.message, self.line, self.column = file, message, line, column
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.file + "".join(f":{n}" for n in (self.line, self.column) if n is not None)
        return f"{where}: {self.message}"


class TooManyTriples(ReadError):
    """The contribution holds more triples than allowed; reading stopped there."""


class ReadErrors(Exception):
    """Every unreadable file of a contribution, reported together."""

    def __init__(self, errors: list[ReadError]) -> None:
        self.errors = errors
        super().__init__("\n".join(str(e) for e in errors))


@dataclass(frozen=True)
class Statement:
    """One triple of a contribution, the graph the file put it in, and where it was written."""

    subject: URIRef | BNode
    predicate: URIRef
    object: Node
    #: the named graph of the file (TriG, N-Quads, JSON-LD), or None for the default graph
    graph: URIRef | None
    origin: Origin

    @property
    def triple(self) -> tuple[Node, Node, Node]:
        return (self.subject, self.predicate, self.object)


@dataclass
class Delta:
    """The statements of the files of one contribution, in the order they were written."""

    statements: list[Statement] = field(default_factory=list)
    files: list[str] = field(default_factory=list)


@contextmanager
def quiet_literal_warnings() -> Iterator[None]:
    """rdflib logs a traceback for every ill-typed literal it meets, and warns when it writes
    one; pkograph reports those itself (rule WellTypedLiteral), so both stay quiet while
    contributed terms are handled."""
    logger = logging.getLogger("rdflib.term")
    was = logger.disabled
    logger.disabled = True
    try:
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", message="Serializing weird numerical")
            yield
    finally:
        logger.disabled = was


class _LineFeeder(io.RawIOBase):
    """Gives the parser one line per read, so the line reached is known when a triple comes."""

    def __init__(self, data: bytes) -> None:
        self._lines = data.splitlines(keepends=True)
        self._pending = b""
        self.line = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if not self._pending:
            if self.line >= len(self._lines):
                return 0
            self._pending = self._lines[self.line]
            self.line += 1
        n = min(len(buffer), len(self._pending))
        buffer[:n] = self._pending[:n]
        self._pending = self._pending[n:]
        return n


def input_format(path: Path, name: str | None) -> str:
    """The format name given, or the one the file's extension selects."""
    if name is not None:
        return name
    chosen = EXTENSIONS.get(path.suffix.lower())
    if chosen is None:
        raise ReadError(str(path), f"unknown file extension {path.suffix or '(none)'!r}: use "
                        f"{', '.join(sorted(EXTENSIONS))} or give the format")
    return chosen


def _bytes(path: Path, shown: str) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ReadError(shown, f"file too large: {size:,} bytes; a contribution file holds "
                            f"at most {MAX_FILE_BYTES:,} bytes (split it into several files)")
        with path.open("rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise ReadError(shown, f"cannot read the file: {exc.strerror or exc}") from None
    if len(data) > MAX_FILE_BYTES:
        raise ReadError(shown, f"file too large: more than {MAX_FILE_BYTES:,} bytes")
    if not data.strip():
        raise ReadError(shown, "the file is empty")
    return data.removeprefix(_UTF8_BOM)


def _check_utf8(data: bytes, shown: str) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        hint = " (it looks like UTF-16)" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else ""
        raise ReadError(shown, f"not UTF-8 text{hint}: byte 0x{data[exc.start]:02x} cannot be "
                        "decoded; save the file as UTF-8", line, column) from None


def _check_rdfxml(data: bytes, shown: str) -> None:
    match = _DOCTYPE.search(data)
    if match:
        line = data.count(b"\n", 0, match.start()) + 1
        column = match.start() - (data.rfind(b"\n", 0, match.start()) + 1) + 1
        raise ReadError(shown, f"RDF/XML with <!{match.group(1).decode().upper()} is refused: "
                        "entity declarations can expand without bound or read other files",
                        line, column)


class _Refusal(Exception):
    """A JSON-LD construct refused, and a piece of its text to locate it by."""

    def __init__(self, message: str, needle: str) -> None:
        self.message, self.needle = message, needle
        super().__init__(message)


@dataclass
class _JsonContexts:
    """What the inline contexts of a JSON-LD document define."""

    terms: dict[str, str] = field(default_factory=dict)
    vocab: bool = False
    base: bool = False


def _context(value: Any, found: _JsonContexts) -> None:
    """Accept only inline context objects (or null), and note the terms they define."""
    for ctx in value if isinstance(value, list) else [value]:
        if ctx is None:
            continue
        if not isinstance(ctx, dict):
            raise _Refusal(f"JSON-LD @context {json.dumps(ctx)[:80]} is refused: only inline "
                           "context objects are read, remote contexts are never fetched",
                           json.dumps(ctx))
        for key, definition in ctx.items():
            if key == "@import":
                raise _Refusal("JSON-LD @import is refused: remote contexts are never fetched",
                               '"@import"')
            if key == "@vocab" and definition is not None:
                found.vocab = True
            elif key == "@base" and definition is not None:
                found.base = True
            elif not key.startswith("@"):
                iri = definition.get("@id") if isinstance(definition, dict) else definition
                if isinstance(iri, str):
                    found.terms[key] = iri
                if isinstance(definition, dict) and "@context" in definition:
                    _context(definition["@context"], found)


def _walk_contexts(node: Any, found: _JsonContexts) -> None:
    if isinstance(node, dict):
        if "@context" in node:
            _context(node["@context"], found)
        for key, value in node.items():
            if key != "@context":
                _walk_contexts(value, found)
    elif isinstance(node, list):
        for item in node:
            _walk_contexts(item, found)


def _is_iri_like(value: str) -> bool:
    return ":" in value


def _walk_terms(node: Any, found: _JsonContexts, base: bool) -> None:
    """Refuse keys and ids that JSON-LD processing would drop without a word."""
    if isinstance(node, list):
        for item in node:
            _walk_terms(item, found, base)
        return
    if not isinstance(node, dict) or "@value" in node:
        return
    for key, value in node.items():
        if key == "@context":
            continue
        if key == "@id" and isinstance(value, str) and not base and not found.base \
                and not _is_iri_like(value):
            raise _Refusal(f"JSON-LD @id {value!r} is a relative IRI and there is no base: "
                           "write the full IRI", json.dumps(value))
        if key == "@type" and not found.vocab:
            for kind in value if isinstance(value, list) else [value]:
                if isinstance(kind, str) and not _is_iri_like(kind) and kind not in found.terms:
                    raise _Refusal(f"JSON-LD @type {kind!r} is not defined by any @context: "
                                   "JSON-LD processing would drop it silently", json.dumps(kind))
        if not key.startswith("@") and not found.vocab and not _is_iri_like(key) \
                and key not in found.terms:
            raise _Refusal(f"JSON-LD key {key!r} is not defined by any @context: JSON-LD "
                           "processing would drop it silently", json.dumps(key))
        _walk_terms(value, found, base)


class _DuplicateKey(ValueError):
    def __init__(self, key: str, line: int | None = None) -> None:
        super().__init__(key)
        self.key, self.line = key, line


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise _DuplicateKey(key)
        seen[key] = value
    return seen


def _duplicate_key_line(text: str) -> int | None:
    """The line of the first object holding a key twice (read again, slowly, to find it)."""
    decoder = json.JSONDecoder()

    def parse_object(s_and_end: tuple[str, int], *args: Any, **kwargs: Any) -> Any:
        start = s_and_end[1] - 1  # the object's "{"
        try:
            return json.decoder.JSONObject(s_and_end, *args, **kwargs)  # type: ignore[attr-defined]
        except _DuplicateKey as exc:
            if exc.line is None:
                exc.line = text.count("\n", 0, start) + 1
            raise

    decoder.object_pairs_hook = _no_duplicate_keys
    decoder.parse_object = parse_object  # type: ignore[attr-defined]
    decoder.scan_once = json.scanner.py_make_scanner(decoder)  # type: ignore[attr-defined]
    try:
        decoder.decode(text)
    except _DuplicateKey as exc:
        return exc.line
    return None


def _check_jsonld(text: str, shown: str, base: bool) -> _JsonContexts:
    try:
        document = json.loads(text, object_pairs_hook=_no_duplicate_keys)
    except _DuplicateKey as exc:
        raise ReadError(shown, f"a JSON object has the key {json.dumps(exc.key)} twice: JSON "
                        "readers disagree on which one counts; keep one",
                        _duplicate_key_line(text)) from None
    except json.JSONDecodeError as exc:
        raise ReadError(shown, f"JSON syntax error: {exc.msg}", exc.lineno, exc.colno) from None
    except RecursionError:
        raise ReadError(shown, "JSON nested too deeply") from None
    found = _JsonContexts()
    try:
        _walk_contexts(document, found)
        _walk_terms(document, found, base)
    except RecursionError:
        raise ReadError(shown, "JSON nested too deeply") from None
    except _Refusal as refusal:
        line = next((n for n, text_line in enumerate(text.splitlines(), start=1)
                     if refusal.needle in text_line), None)
        raise ReadError(shown, refusal.message, line) from None
    return found


def _jsonld_id_lines(text: str, terms: dict[str, str]) -> dict[str, int]:
    """The first line of each ``"@id"`` value, by the IRI it stands for."""
    lines: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        for match in _JSON_ID.finditer(line):
            value = json.loads(f'"{match.group(1)}"')
            prefix, _, local = value.partition(":")
            iri = terms[prefix] + local if prefix in terms else terms.get(value, value)
            lines.setdefault(iri, number)
    return lines


def read_file(path: Path, shown: str, format_name: str | None = None,
              base_iri: str | None = None, max_triples: int = MAX_TRIPLES,
              already: int = 0) -> list[Statement]:
    """The statements of one file; raises ReadError saying what is wrong and where, and
    TooManyTriples as soon as the file makes the contribution (``already`` triples in the files
    read before it) hold more than ``max_triples``."""
    name = input_format(path, format_name)
    if name not in FORMATS:
        raise ReadError(shown, f"unknown format {name!r}: use one of {', '.join(FORMATS)}")
    data = _bytes(path, shown)
    text = _check_utf8(data, shown)
    id_lines: dict[str, int] = {}
    if name == "rdfxml":
        _check_rdfxml(data, shown)
    elif name == "jsonld":
        contexts = _check_jsonld(text, shown, base_iri is not None)
        id_lines = _jsonld_id_lines(text, contexts.terms)
    feeder = _LineFeeder(data)
    statements: list[Statement] = []
    try:
        with quiet_literal_warnings():
            for quad in ox.parse(cast(IO[bytes], feeder), format=FORMATS[name], base_iri=base_iri,
                                 rename_blank_nodes=True):
                subject = from_ox(quad.subject)
                graph = quad.graph_name
                line = id_lines.get(str(subject), feeder.line) if id_lines else feeder.line
                if already + len(statements) >= max_triples:
                    raise TooManyTriples(shown, f"more than {max_triples:,} triples: a "
                                         "contribution holds at most that many (--max-triples); "
                                         "reading stopped here; split it into several "
                                         "contributions", max(feeder.line, 1))
                statements.append(Statement(
                    subject,  # type: ignore[arg-type]
                    URIRef(quad.predicate.value),
                    from_ox(quad.object),
                    URIRef(graph.value) if isinstance(graph, ox.NamedNode) else None,
                    Origin(shown, max(line, 1))))
    except SyntaxError as exc:
        message = str(exc.msg or exc)
        message = re.sub(r"^Parser error at line \d+ between columns \d+ and \d+: ", "", message)
        message = re.sub(r"^Parser error at line \d+ column \d+: ", "", message)
        raise ReadError(shown, f"syntax error: {message}", exc.lineno or max(feeder.line, 1),
                        exc.offset) from None
    except (ValueError, OSError) as exc:
        raise ReadError(shown, f"cannot read the file: {exc}") from None
    except TypeError:
        raise ReadError(shown, "RDF 1.2 triple terms are not supported: state facts as plain "
                        "triples", max(feeder.line, 1)) from None
    if not statements:
        raise ReadError(shown, "the file holds no triples")
    return statements


def canonical(delta: Delta) -> Delta:
    """The delta with every literal in the form the query store keeps it in.

    The store keeps values, not spellings: ``1200.0`` is kept as ``"1200"^^xsd:decimal`` and
    ``en-US`` as ``en-us``. A contribution is compared with the graph as the store returns it,
    so its literals go through the same store first; otherwise ``1200.0`` and the stored
    ``1200`` would look like two different quantities.
    """
    literals = sorted({st.object for st in delta.statements if isinstance(st.object, Literal)})
    if not literals:
        return delta
    store = ox.Store()
    predicate = ox.NamedNode("urn:pkograph:literal")
    store.extend(ox.Quad(ox.NamedNode(f"urn:pkograph:literal:{i}"), predicate, to_ox(lit))
                 for i, lit in enumerate(literals))
    with quiet_literal_warnings():
        kept = {int(q.subject.value.rsplit(":", 1)[1]): from_ox(q.object)  # type: ignore[union-attr]
                for q in store}
    mapping: dict[Node, Node] = {lit: kept[i] for i, lit in enumerate(literals)}
    statements = [replace(st, object=mapping.get(st.object, st.object)) for st in delta.statements]
    return Delta(statements, list(delta.files))


def read_files(paths: list[Path], shown: list[str] | None = None, format_name: str | None = None,
               base_iri: str | None = None, max_triples: int = MAX_TRIPLES) -> Delta:
    """The statements of every file; raises ReadErrors naming every file that cannot be read.
    The files together hold at most ``max_triples``: reading stops at the first over."""
    delta = Delta()
    errors: list[ReadError] = []
    for i, path in enumerate(paths):
        label = shown[i] if shown else str(path)
        try:
            delta.statements += read_file(path, label, format_name, base_iri, max_triples,
                                          len(delta.statements))
            delta.files.append(label)
        except TooManyTriples as exc:
            errors.append(exc)
            break
        except ReadError as exc:
            errors.append(exc)
    if errors:
        raise ReadErrors(errors)
    return delta
