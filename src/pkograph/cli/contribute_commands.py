"""``pkograph validate`` and ``pkograph add``: check new triples against the ontology, the shapes
and the existing graph, then add them to ``data/contributed/`` all or nothing.

Exit codes: 0 the contribution conforms (and, for ``add``, is in place), 1 it has violations
(nothing is written), 2 a file cannot be read, another ``add`` holds the lock, or the project's
graph cannot be built to check against.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import click

from pkograph.atomic import WriteError
from pkograph.cli.common import (
    OK,
    UNUSABLE,
    VIOLATIONS,
    cli,
    current_project,
    emit,
    graph_store,
    info,
    run_build,
    store_options,
)
from pkograph.contribute import REPORT_FORMATS
from pkograph.contribute.read import FORMATS as INPUT_FORMATS
from pkograph.contribute.read import MAX_TRIPLES, Delta, ReadErrors, read_files
from pkograph.fingerprint import violation_queries
from pkograph.paths import Project
from pkograph.store import GraphNotBuilt
from pkograph.text import printable

if TYPE_CHECKING:  # the checks' libraries (pyshacl...) load only when a command checks
    from pkograph.build import BuildFailed
    from pkograph.contribute.validate import Outcome

_files = click.argument("files", nargs=-1, required=True,
                        type=click.Path(dir_okay=False, path_type=Path))
_input_format = click.option("--input-format", "-I", type=click.Choice(list(INPUT_FORMATS)),
                             default=None, help="Format of every FILE (default: by extension: "
                             ".ttl .nt .nq .trig .jsonld/.json .rdf/.xml/.owl).")
_base = click.option("--base", "base_iri", default=None, metavar="IRI",
                     help="Base IRI for relative IRIs (default: none; relative IRIs are errors).")
_max_triples = click.option("--max-triples", default=MAX_TRIPLES, show_default=True,
                            type=click.IntRange(min=1), metavar="N",
                            help="The most triples the files may hold together; reading stops "
                                 "at the first over.")
_format = click.option("--format", "-F", "fmt", type=click.Choice(REPORT_FORMATS),
                       default="text",
                       show_default=True,
                       help="Report for people, JSON, or the W3C SHACL report (Turtle).")


def _read(project: Project, files: tuple[Path, ...], input_format: str | None,
          base_iri: str | None, max_triples: int) -> Delta:
    """The contribution's statements; unreadable files are reported and exit with 2."""
    try:
        return read_files(list(files), [project.relative(f) for f in files], input_format,
                          base_iri, max_triples)
    except ReadErrors as exc:
        for error in exc.errors:
            info(f"error: {printable(str(error))}")
        sys.exit(UNUSABLE)


def _built_or_exit(exc: BuildFailed) -> NoReturn:
    info(f"error: the project's graph cannot be built ({exc.stage}: {len(exc.problems)} "
         "problem(s)), so nothing can be checked against it:")
    for problem in exc.problems:
        info(f"  {printable(problem)}")
    sys.exit(UNUSABLE)


def _finish(outcome: Outcome, fmt: str) -> NoReturn:
    from pkograph.contribute.report import render, summary

    emit(render(outcome, fmt))
    if fmt != "text":
        info(summary(outcome))
    sys.exit(OK if outcome.conforms else VIOLATIONS)


@cli.command("validate")
@_files
@store_options
@_format
@_input_format
@_base
@_max_triples
@click.pass_context
def validate_command(ctx: click.Context, files: tuple[Path, ...], fmt: str,
                     input_format: str | None, base_iri: str | None, max_triples: int) -> None:
    """Check new triples in FILE... against the ontology, the shapes and the existing graph.

    Reports every problem with its file, line, focus node, property and value: unknown classes
    and properties, references to things that do not exist, missing required values, values
    out of range, triples without a citation, likely duplicates of existing things. Only the
    new triples' nodes are validated, with their neighbourhood in the graph. A file holds at most
    10 MiB, and the files at most --max-triples triples. Exit code: 0 conforms, 1 violations, 2
    unreadable input.
    """
    from pkograph.contribute.validate import check_contribution, violation_checks
    from pkograph.shacl import load_ontology, load_shapes

    project = current_project(ctx)
    delta = _read(project, files, input_format, base_iri, max_triples)
    store = graph_store(ctx, _built_or_exit)
    outcome = check_contribution(delta, store, load_shapes(project), load_ontology(project),
                                 violation_checks(violation_queries(project)))
    _finish(outcome, fmt)


@cli.command("add")
@_files
@_format
@_input_format
@_base
@_max_triples
@click.option("--wait", default=60.0, show_default=True, metavar="SECONDS",
              help="How long to wait for another 'pkograph add' to finish.")
@click.pass_context
def add_command(ctx: click.Context, files: tuple[Path, ...], fmt: str, input_format: str | None,
                base_iri: str | None, max_triples: int, wait: float) -> None:
    """Validate FILE... as 'validate' does and, only if everything conforms, add the new triples
    to data/contributed/ (as N-Quads, each triple in the graph of the citation that states it).

    All or nothing: a contribution with any violation, or a run interrupted at any moment,
    leaves data/ as it was. Adding the same triples again adds nothing. Exit code: 0 added (or
    already there), 1 violations (nothing written), 2 unreadable input or lock not obtained.
    """
    from pkograph.contribute.add import AddRefused, add_contribution

    project = current_project(ctx)
    delta = _read(project, files, input_format, base_iri, max_triples)
    try:
        try:
            added = add_contribution(project, delta, files[0].stem, wait, log=info)
        except GraphNotBuilt:
            info("the graph is missing or out of date: building it")
            run_build(project, _built_or_exit)
            added = add_contribution(project, delta, files[0].stem, wait, log=info)
    except AddRefused as exc:
        info(f"error: {exc}")
        sys.exit(UNUSABLE)
    except WriteError as exc:
        info(f"error: nothing added: cannot write the contribution "
             f"({project.relative(exc.path)}): {exc.reason}")
        sys.exit(UNUSABLE)
    if added.path is not None:
        info(f"added {added.new_quads} quads to {project.relative(added.path)}")
    elif added.outcome.conforms:
        info("nothing to add: the graph already holds every triple of the contribution")
    else:
        info("nothing added: the contribution has violations")
    _finish(added.outcome, fmt)
