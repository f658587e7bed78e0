"""Adding a validated contribution to the project's data and to the built graph, all or nothing.

``pkograph add`` holds the project's writer lock (:mod:`pkograph.lock`, the same the build
holds) from before it reads the graph until the graph holds its facts, so adds and builds never
interleave: a second run waits (up to ``wait`` seconds, then gives up cleanly) and validates
against a graph that holds the first one's facts. Under the lock it validates the contribution
incrementally against the built graph (its focus nodes and their neighbourhood, see
:mod:`pkograph.contribute.validate`) and, only if everything conforms:

- writes the quads the graph does not already hold to ``data/contributed/{name}-{digest}.nq``,
  under ``build/`` first, flushed and fsynced, then renamed into place and the folder fsynced:
  a run killed at any moment leaves either no file or the whole file, and nothing in ``data/``;
  the name carries the SHA-256 of the content, so adding the same triples twice adds nothing;
- adds the same quads to a new generation of the store (a hard-linked checkpoint of the current
  one, :func:`pkograph.store.embedded.extend_store`) and records it with the input fingerprint
  plus the file just written (:mod:`pkograph.fingerprint`): the graph is current at once, with
  no rebuild under the lock, and readers of the previous store are not disturbed.

The graph must be current when ``add`` starts (``GraphNotBuilt`` otherwise: the command line
builds first, outside the lock). The next full build validates the whole graph as always.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rdflib import URIRef

from pkograph import fingerprint
from pkograph.atomic import write_atomically
from pkograph.contribute.read import Delta
from pkograph.contribute.validate import Outcome, check_contribution, violation_checks
from pkograph.fingerprint import Fingerprint, violation_queries
from pkograph.iri import slugify
from pkograph.lock import LockTimeout, writer_lock
from pkograph.mapping import claim_statements
from pkograph.paths import Project
from pkograph.shacl import load_ontology, load_shapes
from pkograph.store import open_embedded
from pkograph.store.base import GraphStore
from pkograph.store.embedded import extend_store, remove_stores
from pkograph.terms import Quad, nquads_lines

Log = Callable[[str], None]


class AddRefused(Exception):
    """The contribution cannot be added for a reason other than its content (exit code 2)."""


@dataclass
class Added:
    """The outcome of ``add``: the validation, and the file written (None: nothing new)."""

    outcome: Outcome
    path: Path | None = None
    new_quads: int = 0


_IN_GRAPH = """SELECT ?s ?p ?o ?g WHERE {{
  VALUES (?s ?p ?o ?g) {{ {rows} }} GRAPH ?g {{ ?s ?p ?o }}
}}"""


def already_held(store: GraphStore, quads: list[Quad], chunk: int = 300) -> set[Quad]:
    """The quads the graph holds already, in the same graph."""
    held: set[Quad] = set()
    for i in range(0, len(quads), chunk):
        rows = " ".join(f"({' '.join(t.n3() for t in q)})" for q in quads[i : i + chunk])
        for r in store.select(_IN_GRAPH.format(rows=rows)):
            held.add((r["s"], r["p"], r["o"], r["g"]))  # type: ignore[arg-type]
    return held


def file_name(stem: str, content: bytes) -> str:
    """``{slug of the first file's name}-{16 hex digits of the content's SHA-256}.nq``."""
    try:
        slug = slugify(stem)
    except ValueError:
        slug = "contribution"
    return f"{slug}-{hashlib.sha256(content).hexdigest()[:16]}.nq"


def write_into(folder: Path, name: str, content: bytes, scratch: Path) -> Path:
    """Put ``content`` at ``folder/name`` atomically, by way of a file in ``scratch`` (outside
    the data folder, so an interrupted run leaves nothing there)."""
    target = folder / name
    write_atomically(target, content, scratch)
    return target


def add_contribution(project: Project, delta: Delta, stem: str, wait: float = 60.0,
                     log: Log = lambda _: None) -> Added:
    """Validate ``delta`` against the project's graph and, if it conforms, add its new quads."""
    if not project.writable:
        raise AddRefused(f"the project at {project.root} is read-only: set PKOGRAPH_PROJECT to "
                         "a checkout to add contributions")
    try:
        with writer_lock(project, wait):
            return _add_locked(project, delta, stem, log)
    except LockTimeout as exc:
        raise AddRefused(str(exc)) from None


def _add_locked(project: Project, delta: Delta, stem: str, log: Log) -> Added:
    last = fingerprint.recorded(project)
    store = open_embedded(project)  # GraphNotBuilt if the graph is not current
    assert last is not None
    try:
        outcome = check_contribution(delta, store, load_shapes(project), load_ontology(project),
                                     violation_checks(violation_queries(project)))
        if not outcome.conforms:
            return Added(outcome)
        quads = sorted({p.quad for p in outcome.placed}, key=_quad_key)
        held = already_held(store, quads)
        new = [q for q in quads if q not in held]
        derived = restatements(store, new)
    finally:
        store.close()
    if not new:
        return Added(outcome)
    content = "".join(nquads_lines(new)).encode("utf-8")
    path = write_into(project.contributed_dir, file_name(stem, content), content,
                      project.build_dir)
    previous = project.build_dir / last.store
    location = extend_store(previous, content + "".join(nquads_lines(derived)).encode("utf-8"))
    files = {**last.files, fingerprint.key(project, path): fingerprint.entry(path, content)}
    fingerprint.record(project, Fingerprint(files, location.name))
    remove_stores(project.build_dir, {location, previous})
    log(f"the graph now holds the contribution ({project.relative(location)})")
    return Added(outcome, path, len(new))


_OF_SUBJECTS = """SELECT ?s ?p ?o ?g WHERE {{
  VALUES ?s {{ {subjects} }} GRAPH ?g {{ ?s ?p ?o }}
}}"""


def restatements(store: GraphStore, new: list[Quad]) -> list[Quad]:
    """The statements a build would add with the new quads (``mapping.claim_statements``):
    their subjects' triples, old and new, restated per citation where two or more cite them."""
    if not new:
        return []
    subjects = sorted({q[0] for q in new if isinstance(q[0], URIRef)})
    old: list[Quad] = []
    for i in range(0, len(subjects), 300):
        values = " ".join(s.n3() for s in subjects[i : i + 300])
        old += [(r["s"], r["p"], r["o"], r["g"])  # type: ignore[misc]
                for r in store.select(_OF_SUBJECTS.format(subjects=values))]
    before = set(claim_statements(old))
    return [q for q in claim_statements(old + new) if q not in before]


def _quad_key(quad: Quad) -> tuple[str, ...]:
    return tuple(n.n3() for n in quad)
