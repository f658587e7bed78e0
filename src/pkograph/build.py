"""The build: curated records and extracted tables to a validated graph in ``build/``.

Steps: read the curated records (``data/curated``), run the extractors over the source texts,
map everything to quads (one graph per citation), add contributed quads (``data/contributed``),
validate the union against the SHACL shapes, run every ``queries/*-violation.rq`` check, and
only then write the graph: a pyoxigraph store on disk (``build/store-*``), recorded with the
fingerprint of its inputs (:mod:`pkograph.fingerprint`), which tells reading commands whether it
is current. Any problem stops the build before anything is written, with each problem located
(file, line, record, rule).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, URIRef

from pkograph import extract, fingerprint
from pkograph.fingerprint import Fingerprint, violation_queries
from pkograph.lock import writer_lock
from pkograph.mapping import MappedGraph, Mapper, claim_statements
from pkograph.names import NameIndex
from pkograph.namespaces import ONTOLOGY_GRAPH, RDF
from pkograph.paths import Project
from pkograph.records import Origin, Record, RecordErrors, load_file
from pkograph.shacl import Finding, describe, load_ontology, load_shapes, validate
from pkograph.sources import SourceFile, check_pins
from pkograph.store.embedded import MemoryStore, remove_stores, write_store
from pkograph.terms import Quad, nquads_lines, read_stored_nquads
from pkograph.text import UNPORTABLE, codepoints

Log = Callable[[str], None]


class BuildFailed(Exception):
    """The graph does not meet the rules; ``problems`` says what and where."""

    def __init__(self, problems: list[str], stage: str) -> None:
        self.problems = problems
        self.stage = stage
        super().__init__(f"{stage}: {len(problems)} problem(s)\n" + "\n".join(problems))


@dataclass
class Built:
    """A built graph: its quads (without the ontology) and where each subject was described."""

    quads: list[Quad]
    origins: dict[URIRef, list[Origin]] = field(default_factory=dict)

    def union(self) -> Graph:
        graph = Graph()
        for s, p, o, _ in self.quads:
            graph.add((s, p, o))
        return graph


def curated_files(project: Project) -> list[Path]:
    return sorted(project.curated_dir.rglob("*.yaml"))


def contributed_files(project: Project) -> list[Path]:
    return sorted(project.contributed_dir.glob("*.nq"))


def load_records(project: Project) -> list[Record]:
    """Every curated record; all files' errors are reported together."""
    records: list[Record] = []
    errors = []
    for path in curated_files(project):
        try:
            records += load_file(path, project.relative(path))
        except RecordErrors as exc:
            errors += exc.errors
    if errors:
        raise RecordErrors(errors)
    return records


def source_files(project: Project, records: list[Record]) -> dict[str, SourceFile]:
    """The text file of every document record, by document id."""
    files = {}
    for rec in records:
        if rec.type == "document" and "file" in rec.values:
            files[rec.id] = SourceFile(rec.id, project.root / str(rec.values["file"]))
    return {doc: f for doc, f in files.items() if f.path.is_file()}


def compile_records(project: Project) -> tuple[list[Record], dict[str, SourceFile]]:
    """Curated and extracted records, and the source files they cite."""
    curated = load_records(project)
    files = source_files(project, curated)
    check_pins(project.sources_dir, [f.path for f in files.values()], project.relative)
    return curated + extract.extract_all(project, NameIndex(curated), curated), files


def map_project(project: Project) -> MappedGraph:
    records, files = compile_records(project)
    return Mapper(files).map(records)


def contributed_quads(project: Project) -> tuple[list[Quad], dict[URIRef, list[Origin]]]:
    quads: list[Quad] = []
    origins: dict[URIRef, list[Origin]] = {}
    for path in contributed_files(project):
        shown = project.relative(path)
        for line, quad in enumerate(read_stored_nquads(path, shown), start=1):
            quads.append(quad)
            if isinstance(quad[0], URIRef):
                origins.setdefault(quad[0], [Origin(shown, line)])
    return quads, origins


def locate(finding: Finding, origins: dict[URIRef, list[Origin]]) -> str:
    """A SHACL finding as a line naming the records of its focus node and the rule."""
    where = ", ".join(str(o) for o in origins.get(finding.focus, [])) or "(no record)"  # type: ignore[call-overload]
    parts = [f"focus {finding.focus}"]
    if finding.path is not None:
        parts.append(f"path {describe(finding.path)}")
    if finding.value is not None:
        parts.append(f"value {describe(finding.value)}")
    detail = "; ".join(parts)
    return f"{where}: {finding.severity}: {finding.message} ({detail}) [rule: {finding.rule}]"


def unportable_literals(built: Built) -> list[str]:
    """Literals holding characters RDF/XML cannot carry (``pkograph.text.UNPORTABLE``)."""
    problems = []
    for s, p, o, _ in built.quads:
        if p == RDF.object:
            continue  # a statement restating a value: the value itself is reported
        if isinstance(o, Literal) and UNPORTABLE.search(str(o)):
            where = ", ".join(str(w) for w in built.origins.get(s, [])) or "(no record)"  # type: ignore[call-overload]
            problems.append(f"{where}: the value of {p} holds {codepoints(str(o))}, which "
                            f"RDF/XML (XML 1.0) cannot carry (focus {s}) [rule: portable text]")
    return problems


def run_checks(project: Project, built: Built, store: MemoryStore | None = None,
               log: Log = lambda _: None) -> None:
    """SHACL shapes, then the violation queries; raises BuildFailed on any violation."""
    unportable = unportable_literals(built)
    if unportable:
        raise BuildFailed(unportable, "text")
    log("validating against the SHACL shapes")
    result = validate(built.union(), load_shapes(project), load_ontology(project))
    if not result.conforms:
        problems = [locate(f, built.origins) for f in result.findings if f.severity == "Violation"]
        raise BuildFailed(problems, "SHACL validation")
    store = store or query_store(project, built.quads)
    problems = []
    for path in violation_queries(project):
        rows = store.select(path.read_text(encoding="utf-8"))
        for row in rows:
            cells = ", ".join(f"{k}={describe(v)}" for k, v in row.items() if v is not None)
            problems.append(f"{project.relative(path)}: {cells} [rule: {path.stem}]")
    if problems:
        raise BuildFailed(problems, "quality checks")


def query_store(project: Project, quads: list[Quad]) -> MemoryStore:
    """The built quads plus the ontology in its own graph, ready for SPARQL, in memory."""
    return MemoryStore.from_nquads(dataset_nquads(project, quads))


def compile_project(project: Project) -> Built:
    """Map records and add contributions, without validating."""
    try:
        mapped = map_project(project)
    except RecordErrors as exc:
        raise BuildFailed([str(e) for e in exc.errors], "records") from None
    try:
        extra, extra_origins = contributed_quads(project)
    except RecordErrors as exc:
        raise BuildFailed([str(e) for e in exc.errors], "contributed data") from None
    origins = {**extra_origins, **mapped.origins}
    if not extra:
        return Built(mapped.quads, origins)
    # contributed facts are restated per citation as the documents' are
    quads = mapped.quads + extra
    held = set(quads)
    return Built(quads + [q for q in claim_statements(quads) if q not in held], origins)


def build(project: Project, log: Log = lambda _: None, wait: float = 600.0) -> MemoryStore:
    """Build, validate and write the graph's store; returns an in-memory store of the same
    graph (for the summary). Holds the writer lock throughout, so no contribution is added
    while the inputs are read."""
    with writer_lock(project, wait):
        previous = fingerprint.recorded(project)
        before = fingerprint.take(project, previous.files if previous else None)
        log("reading records and extracting tables")
        built = compile_project(project)
        store = query_store(project, built.quads)
        run_checks(project, built, store, log)
        location = write_store(project.build_dir, dataset_nquads(project, built.quads))
        # an input edited while the build read it: record the graph as out of date
        unchanged = fingerprint.take(project, before) == before
        fingerprint.record(project, Fingerprint(before if unchanged else {}, location.name))
        keep = {location} | ({project.build_dir / previous.store} if previous else set())
        remove_stores(project.build_dir, keep)
    log(f"wrote {project.relative(location)}")
    return store


def dataset_nquads(project: Project, quads: list[Quad]) -> bytes:
    """The built quads and the ontology in its own graph, as N-Quads."""
    ontology = [(s, p, o, ONTOLOGY_GRAPH) for s, p, o in load_ontology(project)]
    return "".join(nquads_lines([*quads, *ontology])).encode("utf-8")
