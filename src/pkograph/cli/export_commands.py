"""Publishing: ``pkograph export`` (the graph as a Turtle, N-Triples, JSON-LD, RDF/XML, TriG or
N-Quads file) and ``pkograph push`` (the graph into a SPARQL store)."""

from __future__ import annotations

import os
from pathlib import Path

import click

from pkograph.atomic import write_atomically
from pkograph.cli.common import UNUSABLE, cli, emit, fail, graph_store, info, store_options
from pkograph.export import FORMATS
from pkograph.namespaces import ONTOLOGY_GRAPH

#: The dataset description written beside every dump: ``FILE`` + this.
DESCRIPTION_SUFFIX = ".void.ttl"


@cli.command("export")
@store_options
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
    """Write the built graph (building it first if an input changed), and beside it
    FILE.void.ttl, its dataset description (VoID and DCAT: licence, statistics, the dump's
    size and SHA-256).

    The same graph always gives the same bytes, so dumps can be compared and checksummed.
    """
    from pkograph.export import serialize

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
    if not os.path.isfile(output):
        return  # written through a pipe or a device: nothing to describe beside it
    from pkograph.description import dump_description

    description = Path(output + DESCRIPTION_SUFFIX)
    try:
        write_atomically(description, dump_description(store, FORMATS[fmt], Path(output).name,
                                                       data, with_ontology))
    except OSError as exc:
        fail(str(exc), UNUSABLE)
    info(f"wrote {description} (its dataset description, VoID and DCAT)")


@cli.command("push")
@click.option("--endpoint", required=True, metavar="URL",
              help="The store's SPARQL query endpoint (Oxigraph: http://HOST:PORT/query).")
@click.option("--graph-store", "graph_store_url", metavar="URL", default=None,
              help="Its Graph Store Protocol URL for the dataset (default for an endpoint ending "
                   "in /query: .../store).")
@click.option("--update", "update_url", metavar="URL", default=None,
              help="Its SPARQL Update endpoint (default for an endpoint ending in /query: "
                   ".../update).")
@click.option("--timeout", type=click.FloatRange(min=1), default=600.0, show_default=True,
              metavar="SECONDS", help="Longest wait for one request.")
@click.pass_context
def push_command(ctx: click.Context, endpoint: str, graph_store_url: str | None,
                 update_url: str | None, timeout: float) -> None:
    """Load the built graph into a SPARQL store, named graphs kept, replacing what an earlier
    push put there (every graph named under https://w3id.org/pkograph/).

    The new version is loaded under staging names, then switched in with one update request:
    a failed push leaves the previous version served, and says what it left. Credentials come
    from PKOGRAPH_ENDPOINT_USER and PKOGRAPH_ENDPOINT_PASSWORD, or PKOGRAPH_ENDPOINT_TOKEN.
    Exit code: 0 pushed, 2 the push failed (nothing replaced).
    """
    from pkograph.store.push import PushFailed, Target, push
    from pkograph.store.remote import redact

    local = graph_store(ctx, local=True)
    try:
        target = Target.derive(endpoint, graph_store_url, update_url)
        pushed = push(local, target, timeout=timeout, log=info)
    except PushFailed as exc:
        fail(f"push failed: {exc}", UNUSABLE)
    info(f"pushed {pushed.quads} quads in {pushed.graphs} graphs to {redact(endpoint)} "
         f"(dropped {pushed.dropped} graphs of the previous version) in {pushed.seconds:.1f} s")
