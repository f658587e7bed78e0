"""``pkograph export``: the built graph as a Turtle, N-Triples, JSON-LD, RDF/XML, TriG or
N-Quads file."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pkograph.atomic import write_atomically
from pkograph.cli.common import UNUSABLE, cli, fail, graph_store, info, store_options
from pkograph.description import dump_description
from pkograph.export import FORMATS, serialize
from pkograph.namespaces import ONTOLOGY_GRAPH

#: The dataset description written beside every dump: ``FILE`` + this.
DESCRIPTION_SUFFIX = ".void.ttl"


@cli.command("export")
@store_options
@click.option("--format", "-f", "fmt", type=click.Choice(list(FORMATS)), default="turtle",
              show_default=True, help="trig and nquads keep one named graph per citation; the "
                                      "others hold the union of the graphs.")
@click.option("--output", "-o", "output", required=True, metavar="FILE",
              help="File to write ('-' for standard output); replaced atomically.")
@click.option("--with-ontology", is_flag=True,
              help="Include the ontology (its own named graph in trig and nquads).")
@click.pass_context
def export_command(ctx: click.Context, fmt: str, output: str, with_ontology: bool) -> None:
    """Write the built graph (building it first if an input changed), and beside it
    FILE.void.ttl, its dataset description (VoID and DCAT: licence, statistics, the dump's
    size and SHA-256).

    The same graph always gives the same bytes, so dumps can be compared and checksummed.
    """
    store = graph_store(ctx)
    quads = [q for q in store.quads() if with_ontology or q[3] != ONTOLOGY_GRAPH]
    data = serialize(quads, fmt)
    if output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    try:
        write_atomically(Path(output), data)
    except OSError as exc:
        fail(f"cannot write {output}: {exc}", UNUSABLE)
    info(f"wrote {output} ({FORMATS[fmt].media_type}, {len(data)} bytes)")
    description = Path(output + DESCRIPTION_SUFFIX)
    try:
        write_atomically(description, dump_description(store, FORMATS[fmt], Path(output).name,
                                                       data, with_ontology))
    except OSError as exc:
        fail(f"cannot write {description}: {exc}", UNUSABLE)
    info(f"wrote {description} (its dataset description, VoID and DCAT)")
