"""``pkograph query``, ``pkograph sparql``, ``pkograph find`` and ``pkograph coverage``.

Asking the graph: saved queries by name with parameters people can type, ad-hoc SPARQL, name
lookup, and what each document contributes. All of them talk to the store through
:class:`pkograph.store.GraphStore` only and print with one shared ``--format``. A usage error
(unknown query or parameter, a name that matches nothing or several things, bad SPARQL) exits
with 2; a graph that cannot be built exits with 1.
"""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import click
from rdflib import Literal

from pkograph.cli.common import (
    UNUSABLE,
    cli,
    current_project,
    emit,
    fail,
    graph_store,
    info,
    store_options,
)
from pkograph.coverage import coverage, table_rows
from pkograph.lookup import RANK_NAMES, AmbiguousName, LookupFailed, NameLookup, describe_matches
from pkograph.output import FORMATS, render
from pkograph.queries import KINDS, SavedQuery, UsageError, load, load_all, run
from pkograph.store.base import QueryError, Rows
from pkograph.store.query_text import form_of
from pkograph.store.results import CSV, JSON, JSONLD, TSV, TURTLE

#: The media type of each query form in each --format (table: for a terminal).
_STREAMED = {"select": {"csv": CSV, "tsv": TSV, "json": JSON, "table": CSV},
             "ask": {"json": JSON, "table": JSON},
             "graph": {"json": JSONLD, "table": TURTLE}}
format_option = click.option("--format", "-F", "fmt", type=click.Choice(FORMATS), default="table",
                             show_default=True, help="Output format.")


def _usage_error(exc: Exception) -> None:
    """Report a usage error (with candidates for an ambiguous name) and exit 2."""
    info(f"error: {exc}")
    if isinstance(exc, AmbiguousName):
        for line in describe_matches(exc.candidates):
            info(line)
    sys.exit(UNUSABLE)


def _emit(rows: Rows, fmt: str, hoist: tuple[str, ...] = ()) -> None:
    emit(render(rows, fmt, hoist))


def _parse_params(pairs: tuple[str, ...]) -> dict[str, str]:
    params: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        key = key.strip()
        if not sep or not key:
            fail(f"--param takes KEY=VALUE, not {pair!r}", UNUSABLE)
        if key in params:
            fail(f"--param {key} is given twice ({params[key]!r} and {value!r}): give it once",
                 UNUSABLE)
        params[key] = value
    return params


def _listing(queries: dict[str, SavedQuery]) -> Rows:
    rows = Rows(["name", "title", "parameters"])
    for q in queries.values():
        params = " ".join(f"{p.name}:{p.kind.name}" for p in q.params)
        rows.rows.append({"name": Literal(q.name), "title": Literal(q.title),
                          "parameters": Literal(params)})
    return rows


def _describe(q: SavedQuery) -> str:
    lines = [f"{q.name}: {q.title}", "", textwrap.fill(q.description, 96), ""]
    if q.params:
        lines.append("parameters:")
        for p in q.params:
            default = "(any)" if p.default is None else repr(p.default)
            lines.append(f"  {p.name} ({p.kind.name}: {p.kind.doc}; default {default}) "
                         f"{p.description}".rstrip())
        lines.append("")
    lines += [f"example: {e}" for e in q.examples]
    return "\n".join(lines) + "\n"


@cli.command("query")
@store_options
@click.argument("name", required=False)
@click.option("--param", "-p", "pairs", multiple=True, metavar="KEY=VALUE",
              help="A parameter value (repeatable); names and IRIs both work for named kinds.")
@click.option("--list", "list_all", is_flag=True, help="List the saved queries and exit.")
@click.option("--describe", is_flag=True, help="Show the query's description and parameters.")
@format_option
@click.pass_context
def query_command(ctx: click.Context, name: str | None, pairs: tuple[str, ...], list_all: bool,
                  describe: bool, fmt: str) -> None:
    """Run the saved query NAME from queries/ (see --list)."""
    project = current_project(ctx)
    try:
        if list_all:
            _emit(_listing(load_all(project)), fmt)
            return
        if name is None:
            fail("give a query name, or --list to see them", UNUSABLE)
        saved = load(project, name)
        if describe:
            click.echo(_describe(saved), nl=False)
            return
        params = _parse_params(pairs)
        rows = run(graph_store(ctx), saved, params)
    except (UsageError, LookupFailed, QueryError) as exc:
        _usage_error(exc)
    _emit(rows, fmt, tuple(p.name for p in saved.params))


@cli.command("sparql")
@store_options
@click.argument("text", required=False)
@click.option("--file", "-f", "path", type=click.Path(dir_okay=False, path_type=Path),
              help="Read the query from a file.")
@format_option
@click.pass_context
def sparql_command(ctx: click.Context, text: str | None, path: Path | None, fmt: str) -> None:
    """Run an ad-hoc SPARQL query, given inline or with -f FILE.

    The project's prefixes (pko:, id:, rdfs:, skos:, org:, dcterms:, prov:, foaf: ...) are
    declared; the default graph is the union of every citation's graph and the ontology.
    SELECT rows print as a table, CSV, TSV or JSON; ASK prints true or false (JSON: the W3C
    boolean); CONSTRUCT and DESCRIBE print Turtle (JSON: JSON-LD). SERVICE (the network),
    updates and over-deep queries are refused; a query is stopped at --timeout. Results other
    than tables are streamed as they come.
    """
    if (text is None) == (path is None):
        fail("give the query inline or with -f FILE (one of the two)", UNUSABLE)
    if path is not None:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            fail(f"cannot read {path}: {exc}", UNUSABLE)
    assert text is not None
    store = graph_store(ctx)
    try:
        form = form_of(text)
        if form == "select" and fmt == "table":
            _emit(store.select(text), fmt)
        elif form == "ask" and fmt != "json":
            click.echo("true" if store.ask(text) else "false")
        else:  # a W3C format: passed on as the store writes it
            answer = store.answer(text, [_STREAMED[form].get(fmt, _STREAMED[form]["table"])])
            for chunk in answer.chunks:
                emit(chunk)
    except QueryError as exc:
        _usage_error(exc)


NAMED_KINDS = [k for k, kind in KINDS.items() if kind.named]


@cli.command("find")
@store_options
@click.argument("name")
@click.option("--kind", "-k", type=click.Choice(NAMED_KINDS), default="thing", show_default=True,
              help="Only things of this kind.")
@format_option
@click.pass_context
def find_command(ctx: click.Context, name: str, kind: str, fmt: str) -> None:
    """Find things by name: case, accents and word order do not matter.

    Labels, other names, acronyms and former names are searched; whole-name matches come
    first, then names containing every word typed, then partial matches.
    """
    lookup = NameLookup(graph_store(ctx))
    spec = KINDS[kind]
    matches = lookup.find(name, spec.cls, spec.scheme)
    rows = Rows(["label", "type", "iri", "match"])
    for m in matches:
        matched = RANK_NAMES[m.rank] + ("" if m.name == m.label else f": {m.name}")
        rows.rows.append({"label": Literal(m.label), "type": Literal(m.type), "iri": m.iri,
                          "match": Literal(matched)})
    _emit(rows, fmt)
    if not matches:
        info(f"nothing is named {name!r}")


@cli.command("coverage")
@store_options
@format_option
@click.pass_context
def coverage_command(ctx: click.Context, fmt: str) -> None:
    """What each source document contributes: things and triples per class of subject.

    Counts the distinct subjects and triples in the graphs of each document's citations, then
    prints the floors: people, organizations, missions, laws and agreements, programmes,
    events, financial figures.
    """
    cov = coverage(graph_store(ctx))
    _emit(table_rows(cov), fmt)
    (click.echo if fmt == "table" else info)(cov.floors_line())
