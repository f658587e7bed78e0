"""Synthetic graphs shaped like pkograph data, for benchmarks and the incremental-validation test.

NOT facts: invented names and numbers with the structure of the real graph — concept schemes,
countries, UN bodies and missions, people and their posts, International Peace Cooperation
Assignments with unit deployments and phases, contributions in kind with item lines, source
documents and one named graph per citation (every described thing ``prov:wasDerivedFrom`` its
citation). The same seed gives the same graph. The graph conforms to the shapes except for the
violations planted on purpose (``Synthetic.planted``): 349 in the graph of a million triples,
0.4% of its 85,736 things (citations aside):

- every 200th item line has a negative quantity (ItemLineShape, minExclusive);
- every 150th phase ends before it begins (DatedShape, the SPARQL constraint);
- every 250th unit deployment has no unit type (UnitDeploymentShape, minCount);
- every 300th post has no organization (MembershipShape, minCount).

``delta()`` makes a contribution of new unit deployments (about 10 triples each) for existing
assignments, as Turtle, with its own planted violations: an end before its begin, a strength of
0, a missing unit type, a unit type of the wrong scheme and a date of the wrong type (both
checked through ``sh:node``), and one that breaks an EXISTING deployment's "exactly one
dispatch" (an inverse path); it also adds a phase to an existing deployment.

Run ``python bench/synthetic.py TRIPLES OUT.nq`` to write a graph.
"""

from __future__ import annotations

import random
import sys
from dataclasses import dataclass, field
from pathlib import Path

ID = "https://w3id.org/pkograph/id/"
PKO = "https://w3id.org/pkograph/ontology#"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
PREF = "<http://www.w3.org/2004/02/skos/core#prefLabel>"
IN_SCHEME = "<http://www.w3.org/2004/02/skos/core#inScheme>"
DERIVED = "<http://www.w3.org/ns/prov#wasDerivedFrom>"
PART_OF = "<http://purl.org/dc/terms/isPartOf>"
TITLE = "<http://purl.org/dc/terms/title>"
ORG = "http://www.w3.org/ns/org#"
XSD = "http://www.w3.org/2001/XMLSchema#"
PROVENANCE = "<https://w3id.org/pkograph/graph/provenance>"

SCHEMES = {"operation-category": 4, "unit-type": 12, "item-type": 24, "role": 6}


def iri(kind: str, *parts: object) -> str:
    return f"<{ID}{kind}/{'/'.join(str(p) for p in parts)}>"


def pko(name: str) -> str:
    return f"<{PKO}{name}>"


def text(value: str, lang: str | None = None) -> str:
    return f'"{value}"@{lang}' if lang else f'"{value}"'


def typed(value: object, datatype: str) -> str:
    return f'"{value}"^^<{XSD}{datatype}>'


@dataclass
class Synthetic:
    """A synthetic graph as N-Quads lines, and what was planted in it."""

    lines: list[str] = field(default_factory=list)
    #: (focus IRI without brackets, rule) of each planted violation
    planted: list[tuple[str, str]] = field(default_factory=list)
    assignments: list[str] = field(default_factory=list)
    deployments: list[str] = field(default_factory=list)
    unit_types: list[str] = field(default_factory=list)
    item_types: list[str] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)

    def text(self) -> str:
        return "".join(self.lines)


class _Writer:
    def __init__(self, graph: Synthetic) -> None:
        self.graph = graph
        self.citations = 0

    def quad(self, s: str, p: str, o: str, g: str) -> None:
        self.graph.lines.append(f"{s} {p} {o} {g} .\n")

    def citation(self, document: str, doc_id: str) -> str:
        """A new citation of ``document`` (its graph holds what it states)."""
        self.citations += 1
        n = self.citations
        c = iri("citation", doc_id, f"l{n}")
        for p, o in ((RDF_TYPE, pko("Citation")), (PART_OF, document),
                     (pko("locator"), text(f"section {n % 97}, row {n}")),
                     (pko("firstLine"), typed(n, "integer")),
                     (pko("lastLine"), typed(n, "integer"))):
            self.quad(c, p, o, PROVENANCE)
        return c

    def thing(self, s: str, classes: list[str], cite: str, facts: list[tuple[str, str]]) -> None:
        for cls in classes:
            self.quad(s, RDF_TYPE, cls, cite)
        self.quad(s, DERIVED, cite, cite)
        for p, o in facts:
            self.quad(s, p, o, cite)


def _date(rng: random.Random, start: int, end: int) -> tuple[str, str]:
    """A begin and an end of random precision, the end not before the begin."""
    y1 = rng.randint(start, end)
    y2 = y1 + rng.randint(0, 4)
    m1, m2 = rng.randint(1, 12), rng.randint(1, 12)
    if y2 == y1 and m2 < m1:
        m1, m2 = m2, m1
    kind = rng.choice(("gYear", "gYearMonth", "date"))
    if kind == "gYear":
        return typed(y1, "gYear"), typed(y2, "gYear")
    if kind == "gYearMonth":
        return typed(f"{y1}-{m1:02d}", "gYearMonth"), typed(f"{y2}-{m2:02d}", "gYearMonth")
    return typed(f"{y1}-{m1:02d}-01", "date"), typed(f"{y2}-{m2:02d}-28", "date")


def generate(target_triples: int, seed: int = 1992) -> Synthetic:
    """A graph of about ``target_triples`` quads (see the module docstring)."""
    rng = random.Random(seed)
    graph = Synthetic()
    w = _Writer(graph)
    # Documents: one cites itself through the manifest-like first document.
    manifest = iri("document", "synthetic-manifest")
    graph.documents.append(manifest)
    mcite = w.citation(manifest, "synthetic-manifest")
    w.thing(manifest, [pko("SourceDocument")], mcite,
            [(LABEL, text("Synthetic manifest", "en")), (TITLE, text("Synthetic manifest", "en"))])
    docs = []
    for d in range(5):
        doc = iri("document", f"synthetic-{d}")
        w.thing(doc, [pko("SourceDocument")], mcite,
                [(LABEL, text(f"Synthetic document {d}", "en")),
                 (TITLE, text(f"Synthetic document {d}", "en"))])
        docs.append((doc, f"synthetic-{d}"))
        graph.documents.append(doc)

    def cite() -> str:
        doc, doc_id = docs[rng.randrange(len(docs))]
        return w.citation(doc, doc_id)

    concepts: dict[str, list[str]] = {}
    for scheme, n in SCHEMES.items():
        s_iri = iri("scheme", scheme)
        w.thing(s_iri, ["<http://www.w3.org/2004/02/skos/core#ConceptScheme>"], cite(),
                [(PREF, text(f"{scheme} scheme", "en"))])
        concepts[scheme] = []
        for i in range(n):
            c = iri(scheme, f"{scheme}-{i}")
            classes = ["<http://www.w3.org/2004/02/skos/core#Concept>"]
            if scheme == "role":
                classes.append(f"<{ORG}Role>")
            w.thing(c, classes, cite(), [(PREF, text(f"{scheme} {i}", "en")), (IN_SCHEME, s_iri)])
            concepts[scheme].append(c)
    graph.unit_types = concepts["unit-type"]
    graph.item_types = concepts["item-type"]
    law = iri("instrument", "synthetic-law")
    w.thing(law, [pko("Law")], cite(), [(LABEL, text("Synthetic law", "en"))])
    countries = []
    for i in range(200):
        c = iri("place", f"country-{i}")
        code = chr(65 + i // 26 % 26) + chr(65 + i % 26)
        w.thing(c, [pko("Country")], cite(), [(LABEL, text(f"Country {i}", "en")),
                                             (pko("iso3166Alpha2"), text(code)),
                                             (pko("iso3166Alpha3"), text(code + "X"))])
        countries.append(c)
    bodies = []
    for i in range(50):
        b = iri("organization", f"un-body-{i}")
        w.thing(b, [pko("UNBody")], cite(), [(LABEL, text(f"UN body {i}", "en"))])
        bodies.append(b)
    missions = []
    for i in range(300):
        m = iri("mission", f"mission-{i}")
        w.thing(m, [pko("Mission")], cite(),
                [(LABEL, text(f"Mission {i}", "en")), (pko("acronym"), text(f"M{i}")),
                 (pko("category"), concepts["operation-category"][i % 4]),
                 (pko("hostCountry"), countries[i % len(countries)])])
        missions.append(m)
    counters = {"person": 0, "assignment": 0, "ud": 0, "phase": 0, "cik": 0, "line": 0, "post": 0}
    while len(graph.lines) < target_triples:
        # a person with a post
        counters["person"] += 1
        n = counters["person"]
        person = iri("person", f"person-{n}")
        w.thing(person, ["<http://xmlns.com/foaf/0.1/Person>"], cite(),
                [(LABEL, text(f"Person {n}", "en"))])
        counters["post"] += 1
        post = iri("membership", f"person-{n}--post")
        begin, end = _date(rng, 1992, 2018)
        facts = [(f"<{ORG}member>", person), (f"<{ORG}role>", concepts["role"][n % 6]),
                 (pko("beginDate"), begin), (pko("endDate"), end)]
        if counters["post"] % 300 == 0:
            graph.planted.append((post[1:-1], "MembershipShape/MinCount"))
        else:
            facts.append((f"<{ORG}organization>", missions[n % len(missions)]))
        w.thing(post, [f"<{ORG}Membership>"], cite(), facts)
        # an assignment with unit deployments and phases
        counters["assignment"] += 1
        a_n = counters["assignment"]
        assignment = iri("assignment", f"assignment-{a_n}")
        graph.assignments.append(assignment)
        uds = []
        for _ in range(rng.randint(2, 4)):
            counters["ud"] += 1
            ud = iri("unit-deployment", f"assignment-{a_n}", f"unit-{counters['ud']}")
            uds.append(ud)
            graph.deployments.append(ud)
            begin, end = _date(rng, 1992, 2018)
            phases = []
            for _ in range(rng.randint(1, 2)):
                counters["phase"] += 1
                phase = iri("phase", f"assignment-{a_n}", f"phase-{counters['phase']}")
                phases.append(phase)
                p_begin, p_end = _date(rng, 1992, 2018)
                if counters["phase"] % 150 == 0:
                    p_begin, p_end = typed(2010, "gYear"), typed(2005, "gYear")
                    graph.planted.append((phase[1:-1], "DatedShape/SPARQL"))
                w.thing(phase, [pko("Phase")], cite(),
                        [(pko("strength"), typed(rng.randint(5, 600), "integer")),
                         (pko("rotations"), typed(rng.randint(1, 8), "integer")),
                         (pko("beginDate"), p_begin), (pko("endDate"), p_end)])
            facts = [(pko("beginDate"), begin), (pko("endDate"), end),
                     (pko("duty"), text("Transport and logistics", "en")),
                     (pko("sourceText"), text(f"row {counters['ud']}")),
                     *((pko("hasPhase"), ph) for ph in phases)]
            if counters["ud"] % 250 == 0:
                graph.planted.append((ud[1:-1], "UnitDeploymentShape/MinCount"))
            else:
                facts.append((pko("unitType"), concepts["unit-type"][counters["ud"] % 12]))
            w.thing(ud, [pko("UnitDeployment")], cite(), facts)
        w.thing(assignment, [pko("Assignment")], cite(),
                [(LABEL, text(f"Assignment {a_n}", "en")),
                 (pko("category"), concepts["operation-category"][a_n % 4]),
                 (pko("hostCountry"), countries[a_n % len(countries)]),
                 (pko("serves"), missions[a_n % len(missions)]), (pko("legalBasis"), law),
                 *((pko("hasUnitDeployment"), ud) for ud in uds)])
        # a contribution in kind with item lines
        counters["cik"] += 1
        c_n = counters["cik"]
        cik = iri("contribution", f"contribution-{c_n}")
        lines = []
        for j in range(rng.randint(1, 4)):
            counters["line"] += 1
            line = iri("item-line", f"contribution-{c_n}", j + 1)
            lines.append(line)
            quantity = rng.randint(1, 40000)
            if counters["line"] % 200 == 0:
                quantity = -quantity
                graph.planted.append((line[1:-1], "ItemLineShape/MinExclusive"))
            w.thing(line, [pko("ItemLine")], cite(),
                    [(pko("itemType"), concepts["item-type"][counters["line"] % 24]),
                     (pko("quantity"), typed(quantity, "decimal")),
                     (pko("countUnit"), text("sets"))])
        w.thing(cik, [pko("ContributionInKind")], cite(),
                [(pko("recipient"), bodies[c_n % len(bodies)]),
                 (pko("decisionDate"), typed(f"{1992 + c_n % 27}-0{1 + c_n % 9}-1{c_n % 10}",
                                             "date")),
                 (pko("legalBasis"), law), (pko("purpose"), text("Relief supplies", "en")),
                 *((pko("hasItemLine"), line) for line in lines)])
    return graph


PREFIXES = f"""@prefix pko: <{PKO}> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <{XSD}> .
"""


@dataclass
class DeltaFile:
    """A contribution as Turtle and the violations planted in it: (focus IRI, rule)."""

    turtle: str
    planted: list[tuple[str, str]]
    deployments: int


def delta(graph: Synthetic, triples: int = 1000, seed: int = 2019) -> DeltaFile:
    """New unit deployments (10 triples each) for existing assignments, as one contribution."""
    rng = random.Random(seed)
    out = [PREFIXES]
    planted: list[tuple[str, str]] = []
    citation = iri("citation", "synthetic-contribution", "l1")
    out.append(f"{citation} a pko:Citation ; dcterms:isPartOf {graph.documents[1]} ;\n"
               '    pko:locator "synthetic contribution, table 1" .\n')
    count = 0
    used_assignments: list[str] = []
    n = max(1, (triples - 12) // 11)
    for i in range(n):
        assignment = graph.assignments[rng.randrange(len(graph.assignments))]
        if assignment not in used_assignments:
            used_assignments.append(assignment)
        ud = iri("unit-deployment", "synthetic-contribution", f"unit-{i}")
        phase = iri("phase", "synthetic-contribution", f"phase-{i}")
        begin, end = _date(rng, 2019, 2022)
        strength = rng.randint(5, 600)
        unit_type = f" pko:unitType {graph.unit_types[i % len(graph.unit_types)]} ;"
        if i % 25 == 3:
            begin, end = typed(2021, "gYear"), typed(2020, "gYear")
            planted.append((ud[1:-1], "DatedShape/SPARQL"))
        if i % 25 == 11:
            strength = 0
            planted.append((phase[1:-1], "PhaseShape/MinInclusive"))
        if i % 25 == 19:
            unit_type = ""
            planted.append((ud[1:-1], "UnitDeploymentShape/MinCount"))
        if i % 25 == 7:  # a concept of the wrong scheme (sh:node on a value)
            unit_type = f" pko:unitType {graph.item_types[i % len(graph.item_types)]} ;"
            planted.append((ud[1:-1], "UnitDeploymentShape/Node"))
        if i % 25 == 15:  # a date as a plain string (sh:node on a literal)
            begin, end = text("2019-01"), typed(2022, "gYear")
            planted.append((ud[1:-1], "DatedShape/Node"))
        out.append(f"{assignment} pko:hasUnitDeployment {ud} .\n"
                   f"{ud} a pko:UnitDeployment ;{unit_type} pko:beginDate {begin} ;"
                   f" pko:endDate {end} ;\n    pko:hasPhase {phase} ;"
                   f" prov:wasDerivedFrom {citation} .\n"
                   f"{phase} a pko:Phase ; pko:strength {strength} ;"
                   f" prov:wasDerivedFrom {citation} .\n")
        count += 1
    # An existing deployment also claimed by a second assignment: it now belongs to two
    # dispatches (UnitDeploymentShape, inverse path maxCount), though the delta never names it
    # as a subject.
    taken = graph.deployments[rng.randrange(len(graph.deployments))]
    other = next(a for a in graph.assignments if a not in used_assignments)
    used_assignments.append(other)
    out.append(f"{other} pko:hasUnitDeployment {taken} .\n")
    planted.append((taken[1:-1], "UnitDeploymentShape/MaxCount"))
    # A new phase of an existing deployment.
    host = graph.deployments[rng.randrange(len(graph.deployments))]
    extra = iri("phase", "synthetic-contribution", "extra")
    out.append(f"{host} pko:hasPhase {extra} ; prov:wasDerivedFrom {citation} .\n"
               f"{extra} a pko:Phase ; pko:maxStrength 12 ; prov:wasDerivedFrom {citation} .\n")
    for assignment in used_assignments:
        out.append(f"{assignment} prov:wasDerivedFrom {citation} .\n")
    return DeltaFile("".join(out), planted, count)


if __name__ == "__main__":
    size, target = int(sys.argv[1]), Path(sys.argv[2])
    g = generate(size)
    target.write_text(g.text(), encoding="utf-8")
    print(f"{len(g.lines)} quads, {len(g.planted)} planted violations -> {target}")


def synthetic_project(triples: int, folder: Path) -> Path:
    """A project (the checkout's ontology, data and queries) whose built graph is a synthetic
    graph of about ``triples`` quads plus the ontology, recorded as current, so that pkograph
    commands run on it with ``--project``. Made once under ``folder`` and reused."""
    import shutil

    from pkograph import fingerprint
    from pkograph.build import dataset_nquads
    from pkograph.paths import project
    from pkograph.store.embedded import write_store

    root = folder / f"synthetic-{triples}"
    checkout = Path(__file__).resolve().parents[1]
    if not (root / "data").is_dir():
        root.mkdir(parents=True, exist_ok=True)
        for name in ("ontology", "data"):
            shutil.copytree(checkout / name, root / name, dirs_exist_ok=True)
    # the saved queries measured are always the checkout's
    shutil.rmtree(root / "queries", ignore_errors=True)
    shutil.copytree(checkout / "queries", root / "queries")
    proj = project(root)
    marker = root / "synthetic-store"  # the store holding the synthetic graph
    location = proj.build_dir / marker.read_text().strip() if marker.is_file() else None
    if location is None or not location.is_dir():
        graph = generate(triples)
        nquads = graph.text().encode("utf-8") + dataset_nquads(proj, [])
        (root / "graph.nq").write_bytes(nquads)
        location = write_store(proj.build_dir / "synthetic", nquads)
        marker.write_text(str(location.relative_to(proj.build_dir)))
    # the code may have changed since: the synthetic graph stays the one recorded as current
    fingerprint.record(proj, fingerprint.Fingerprint(
        fingerprint.take(proj), str(location.relative_to(proj.build_dir))))
    return root
