"""``pkograph export``: the built graph as a Turtle, N-Triples, JSON-LD, RDF/XML, TriG or
N-Quads file."""

from __future__ import annotations

from pathlib import Path

import click

from pkograph.atomic import write_atomically
from pkograph.cli.common import UNUSABLE, cli, emit, fail, graph_store, info
from pkograph.export import FORMATS, serialize
from pkograph.namespaces import ONTOLOGY_GRAPH


@cli.command("export")
@click.option("--format", "-f", "fmt", type=click.Choice(list(FORMATS)), default="turtle",
              show_default=True, help="trig and nquads keep one named graph per citation; the "
                                      "others hold the union of the graphs.")
@click.option("--output", "-o", "output", required=True, metavar="FILE",
              help="File to write ('-' for standard output); replaced atomically (a device or a "
                   "pipe is written through).")
@click.option("--with-ontology", is_flag=True,
              help="Include the ontology (its own named graph in trig and nquads).")
@click.pass_context
def export_command(ctx: click.Context, fmt: str, output: str, with_ontology: bool) -> None:
    """Write the built graph (building it first if an input changed).

    The same graph always gives the same bytes, so dumps can be compared and checksummed.
    """
    store = graph_store(ctx)
    quads = [q for q in store.quads() if with_ontology or q[3] != ONTOLOGY_GRAPH]
    data = serialize(quads, fmt)
    if output == "-":
        emit(data)
        return
    try:
        write_atomically(Path(output), data)
    except OSError as exc:
        fail(str(exc), UNUSABLE)
    info(f"wrote {output} ({FORMATS[fmt].media_type}, {len(data)} bytes)")
