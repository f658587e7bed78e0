"""Saved SPARQL queries: one ``queries/*.rq`` file per question, with a header that documents it.

The header is the block of ``#`` lines at the top of the file (syntax in ``queries/README.md``)::

    # @title A person's trail
    # @description Every post, event and document linked to one person,
    #   each row with the document and place that state it.
    # @param person person "Yasushi Akashi" The person: a name, an IRI or id:person/...
    # @example pkograph query person-trail --param person=Akashi

A parameter has a kind. Name kinds (``person``, ``organization``, ``mission``, ``place``...)
take what people type and resolve it with :class:`pkograph.lookup.NameLookup`, refusing an
ambiguous name; literal kinds (``string``, ``integer``, ``year``, ``date``) and ``iri`` are
checked against their own grammar (``1_992`` is not a year). Every value is bound as an RDF
term (:func:`pkograph.store.query_text.bind`: a ``VALUES`` block, the same on every store),
never pasted into the query text. A default of ``*`` makes a parameter optional: left unbound,
its variable matches every value. Each query projects its parameters, so every row says what
it answers (``tests/test_queries.py`` checks this for every file).

Files named ``*-violation.rq`` are quality checks: they take no parameters, must return no rows,
and ``pkograph build`` runs every one of them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.term import Node

from pkograph.iri import ID
from pkograph.lookup import NameLookup, as_iri
from pkograph.namespaces import FOAF, ORG, PKO, SKOS
from pkograph.paths import Project
from pkograph.store.base import GraphStore, Rows

SUFFIX = ".rq"
CHECK_SUFFIX = "-violation"
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_TAG = re.compile(r"^#\s*@(\w+)\s*(.*)$")
_INTEGER = re.compile(r"[+-]?[0-9]+")
_YEAR = re.compile(r"[0-9]{4}")
_PARAM = re.compile(r'^(\S+)\s+(\S+)\s+("(?:[^"\\]|\\.)*"|\*)\s*(.*)$')
#: Keyword arguments of :func:`query` that cannot be parameter names.
RESERVED = frozenset({"store", "name"})


@dataclass(frozen=True)
class Kind:
    """What a parameter takes: a named thing of a class or scheme, an IRI, or a literal."""

    name: str
    doc: str
    cls: URIRef | None = None
    scheme: URIRef | None = None
    named: bool = False  # resolved by name lookup


def _scheme(name: str) -> URIRef:
    return URIRef(f"{ID}scheme/{name}")


KINDS: dict[str, Kind] = {k.name: k for k in (
    Kind("string", "a text, matched as typed"),
    Kind("integer", "a whole number"),
    Kind("year", "a year such as 1992"),
    Kind("date", "a date: 1992, 1992-06 or 1992-06-15"),
    Kind("iri", "an IRI, full or prefixed (pko:strength, id:person/yasushi-akashi)"),
    Kind("thing", "the name of anything in the graph", named=True),
    Kind("person", "the name of a person", FOAF.Person, named=True),
    Kind("organization", "the name of an organization (missions included)", ORG.Organization,
         named=True),
    Kind("mission", "the name or acronym of a mission", PKO.Mission, named=True),
    Kind("place", "the name of a country or region", PKO.Place, named=True),
    Kind("dispatch", "the name of a dispatch or assignment", PKO.Dispatch, named=True),
    Kind("instrument", "the name of a law, agreement or policy", PKO.Instrument, named=True),
    Kind("programme", "the name of a programme", PKO.Programme, named=True),
    Kind("event", "the name of an event", PKO.Event, named=True),
    Kind("document", "the name of a source document", PKO.SourceDocument, named=True),
    Kind("item", "an item type such as tent or blanket", SKOS.Concept, _scheme("item-type"),
         named=True),
    Kind("category", "an operation category", SKOS.Concept, _scheme("operation-category"),
         named=True),
    Kind("unit-type", "a unit type such as engineering unit", SKOS.Concept,
         _scheme("unit-type"), named=True),
    Kind("supply", "a supply arrangement such as the stockpile", SKOS.Concept,
         _scheme("supply-arrangement"), named=True),
)}


class UsageError(Exception):
    """A saved query asked for wrongly: unknown query or parameter, or a bad value (exit 2)."""


class QueryFileError(UsageError):
    """A ``.rq`` file whose header breaks the header syntax."""


@dataclass(frozen=True)
class Param:
    """One parameter of a saved query."""

    name: str
    kind: Kind
    default: str | None  # None: optional, unbound unless given
    description: str = ""


@dataclass(frozen=True)
class SavedQuery:
    """A saved query: its header and its SPARQL text."""

    name: str
    title: str
    description: str
    text: str
    params: tuple[Param, ...] = ()
    examples: tuple[str, ...] = ()
    path: Path | None = field(default=None, compare=False)

    @property
    def is_check(self) -> bool:
        """A quality check, which must return no rows."""
        return self.name.endswith(CHECK_SUFFIX)


def _header(text: str) -> list[tuple[int, str]]:
    lines = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.startswith("#"):
            break
        lines.append((number, line))
    return lines


def parse(text: str, name: str, where: str = "") -> SavedQuery:
    """A saved query from the text of its file; raises QueryFileError naming file and line."""
    where = where or f"{name}{SUFFIX}"
    tags: list[tuple[int, str, str]] = []
    for number, line in _header(text):
        match = _TAG.match(line)
        if match:
            tags.append((number, match.group(1), match.group(2).strip()))
        elif tags and line.lstrip("#").strip():
            n, tag, value = tags[-1]
            tags[-1] = (n, tag, f"{value} {line.lstrip('#').strip()}".strip())

    def fail(number: int, message: str) -> QueryFileError:
        return QueryFileError(f"{where}:{number}: {message}")

    found: dict[str, list[tuple[int, str]]] = {}
    for number, tag, value in tags:
        if tag not in ("title", "description", "param", "example"):
            raise fail(number, f"unknown header tag @{tag} (use @title, @description, @param, "
                       "@example)")
        found.setdefault(tag, []).append((number, value))
    for tag in ("title", "description", "example"):
        if not found.get(tag) or not found[tag][0][1]:
            raise fail(1, f"the header needs @{tag}")
    for tag in ("title", "description"):
        if len(found[tag]) > 1:
            raise fail(found[tag][1][0], f"more than one @{tag}")
    params = [_param(value, partial(fail, number)) for number, value in found.get("param", [])]
    names = [p.name for p in params]
    if len(set(names)) != len(names):
        raise fail(1, "a parameter is declared twice")
    if name.endswith(CHECK_SUFFIX) and params:
        raise fail(1, "a quality check (*-violation.rq) takes no parameters")
    body = "\n".join(text.splitlines()[len(_header(text)):])
    for p in params:
        if not re.search(rf"\?{p.name}\b", body):
            raise fail(1, f"parameter '{p.name}' is not used as ?{p.name} in the query")
    return SavedQuery(name, found["title"][0][1], found["description"][0][1], text,
                      tuple(params), tuple(v for _, v in found["example"]))


def _param(value: str, fail: Callable[[str], QueryFileError]) -> Param:
    match = _PARAM.match(value)
    if match is None:
        raise fail('@param needs NAME KIND DEFAULT [description], DEFAULT "quoted" or *')
    name, kind, default, description = match.groups()
    if not _NAME.match(name) or name in RESERVED:
        raise fail(f"parameter name {name!r} must be lower-case letters, digits and _, and not "
                   f"one of {sorted(RESERVED)}")
    if kind not in KINDS:
        raise fail(f"unknown parameter kind {kind!r} (kinds: {', '.join(KINDS)})")
    return Param(name, KINDS[kind], None if default == "*" else json.loads(default), description)


def load_file(path: Path) -> SavedQuery:
    saved = parse(path.read_text(encoding="utf-8"), path.name[: -len(SUFFIX)], path.name)
    return replace(saved, path=path)


def query_files(project: Project) -> list[Path]:
    return sorted(project.queries_dir.glob(f"*{SUFFIX}"))


def load_all(project: Project) -> dict[str, SavedQuery]:
    """Every saved query of the project, by name."""
    return {q.name: q for q in map(load_file, query_files(project))}


def load(project: Project, name: str) -> SavedQuery:
    """One saved query; raises UsageError naming the known ones if there is no such query."""
    path = project.queries_dir / f"{name}{SUFFIX}"
    if not _NAME.match(name.replace("-", "_")) or not path.is_file():
        known = ", ".join(q.stem for q in query_files(project))
        raise UsageError(f"no saved query named {name!r} (known: {known})")
    return load_file(path)


def convert(param: Param, value: str, lookup: NameLookup | None) -> Node:
    """A parameter value as the RDF term bound to its variable."""
    kind = param.kind
    try:
        if kind.name == "string":
            return Literal(value)
        if kind.name == "integer":
            if not _INTEGER.fullmatch(value):
                raise ValueError("not a whole number (digits, with an optional sign)")
            return Literal(int(value))
        if kind.name == "year":
            if not _YEAR.fullmatch(value):
                raise ValueError("not a four-digit year")
            return Literal(int(value))
        if kind.name == "date":
            from pkograph.mapping import date_literal

            return date_literal(value)
        if kind.name == "iri":
            iri = as_iri(value)
            if iri is None:
                raise ValueError("not an IRI: give <https://...> or a prefixed name such as "
                                 "pko:strength")
            return iri
    except ValueError as exc:
        raise UsageError(f"parameter '{param.name}' ({kind.doc}): {value!r}: {exc}") from None
    assert kind.named and lookup is not None
    return lookup.resolve(value, kind.name, kind.cls, kind.scheme)


def bindings(store: GraphStore, saved: SavedQuery, given: Mapping[str, str],
             lookup: NameLookup | None = None) -> dict[str, Node]:
    """The RDF terms of the given parameters and of the defaults of the others."""
    unknown = sorted(set(given) - {p.name for p in saved.params})
    if unknown:
        declared = ", ".join(p.name for p in saved.params) or "none"
        raise UsageError(f"query {saved.name!r} has no parameter {', '.join(map(repr, unknown))} "
                         f"(parameters: {declared})")
    out: dict[str, Node] = {}
    for p in saved.params:
        value = given.get(p.name, p.default)
        if value is None:
            continue
        if p.kind.named and lookup is None:
            lookup = NameLookup(store)
        out[p.name] = convert(p, str(value), lookup)
    return out


def run(store: GraphStore, saved: SavedQuery, given: Mapping[str, str] | None = None,
        lookup: NameLookup | None = None) -> Rows:
    """The rows a saved query returns with these parameters."""
    return store.select(saved.text, bindings(store, saved, given or {}, lookup))


_OPENED: dict[str, GraphStore] = {}


def default_store(project: Project) -> GraphStore:
    """The store of the project's built graph, opened once per build; raises
    :class:`pkograph.store.GraphNotBuilt` if the graph is missing or out of date."""
    from pkograph.fingerprint import current_store
    from pkograph.store import open_embedded

    key = f"{project.root}:{current_store(project)}"
    if key not in _OPENED:
        for store in _OPENED.values():
            store.close()
        _OPENED.clear()
        _OPENED[key] = open_embedded(project)
    return _OPENED[key]


def query(name: str, /, *, store: GraphStore | None = None, **params: str) -> Rows:
    """Run a saved query by name: ``query("person-trail", person="Akashi")``.

    Uses the project's built graph (``pkograph build`` first) unless a store is given.
    """
    from pkograph.paths import project

    proj = project()
    return run(store if store is not None else default_store(proj), load(proj, name), params)
