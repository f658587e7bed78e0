"""``pkograph plot``: a figure of the graph written as SVG, PNG or PDF.

The figures (``--list``) are those of :mod:`pkograph.figures`; their parameters are given and
resolved as saved-query parameters are (a person's name, an IRI...). A usage error (unknown
figure or parameter, a name that matches nothing or several things, an output that is not
.svg, .png or .pdf) exits with 2; a graph holding nothing the figure could draw exits with 1,
saying what is missing, and writes nothing.
"""

from __future__ import annotations

from pathlib import Path

import click
from rdflib import Literal

from pkograph.cli.common import (
    UNUSABLE,
    VIOLATIONS,
    cli,
    fail,
    graph_store,
    info,
    store_options,
)
from pkograph.cli.query_commands import _describe, _parse_params, _usage_error
from pkograph.lookup import LookupFailed
from pkograph.output import render
from pkograph.queries import SavedQuery, UsageError
from pkograph.store.base import GraphStore, Rows


def _store(ctx: click.Context) -> GraphStore:
    return graph_store(ctx)


@cli.command("plot")
@click.argument("name", required=False)
@click.option("--param", "-p", "pairs", multiple=True, metavar="KEY=VALUE",
              help="A parameter value (repeatable); names and IRIs both work for named kinds.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="The file to write; its suffix chooses the format: .svg, .png or .pdf.")
@click.option("--list", "list_all", is_flag=True, help="List the figures and exit.")
@click.option("--describe", is_flag=True, help="Show the figure's description and parameters.")
@store_options
@click.pass_context
def plot_command(ctx: click.Context, name: str | None, pairs: tuple[str, ...],
                 output: Path | None, list_all: bool, describe: bool) -> None:
    """Draw the figure NAME of the graph into a file (see --list).

    The same graph gives the same SVG, byte for byte. Every figure has a title, labelled axes
    or a legend, and a line naming the documents its data comes from.
    """
    # Imported here: matplotlib and networkx are loaded only by the command that draws.
    from pkograph.atomic import write_atomically
    from pkograph.figures import FIGURES, format_of, get
    from pkograph.figures.common import NoData, check_params, figure_bytes, resolve, style

    if list_all:
        rows = Rows(["name", "title", "parameters"])
        for spec in FIGURES.values():
            declared = " ".join(f"{p.name}:{p.kind.name}" for p in spec.params)
            rows.rows.append({"name": Literal(spec.name), "title": Literal(spec.title),
                              "parameters": Literal(declared)})
        click.echo(render(rows, "table"), nl=False)
        return
    if name is None:
        fail("give a figure name, or --list to see them", UNUSABLE)
    try:
        spec = get(name)
        if describe:
            click.echo(_describe(SavedQuery(spec.name, spec.title, spec.description, "",
                                            spec.params, spec.examples)), nl=False)
            return
        if output is None:
            fail("give the file to write with -o FILE.svg, FILE.png or FILE.pdf", UNUSABLE)
        fmt = format_of(output)
        params = _parse_params(pairs)
        check_params(spec, params)
        store = _store(ctx)
        rows = spec.data(store, resolve(store, spec, params))
    except (UsageError, LookupFailed) as exc:
        _usage_error(exc)
    except NoData as exc:
        fail(f"nothing to draw for {name!r}: {exc}", VIOLATIONS)
    assert output is not None
    with style():
        content = figure_bytes(spec.draw(rows), fmt)
    try:
        write_atomically(output, content)
    except OSError as exc:
        fail(f"cannot write {output}: {exc}", UNUSABLE)
    info(f"wrote {output} ({fmt}, {len(content):,} bytes)")
