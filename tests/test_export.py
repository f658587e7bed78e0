"""``pkograph export``: every format reads back as the built graph, dumps are byte-stable, and
the Turtle dump conforms to the shapes when checked by pyshacl on its own."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from project_copy import copy_project, open_built
from rdflib import BNode, Dataset, Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDF

from pkograph.cli import cli
from pkograph.export import FORMATS
from pkograph.namespaces import ONTOLOGY_GRAPH, PROVENANCE_GRAPH
from pkograph.paths import Project, project
from pkograph.terms import Quad

RDFLIB_FORMATS = {"turtle": "turtle", "nt": "nt", "jsonld": "json-ld", "xml": "xml",
                  "trig": "trig", "nquads": "nquads"}
OX_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES,
              "jsonld": ox.RdfFormat.JSON_LD, "xml": ox.RdfFormat.RDF_XML,
              "trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS}


@pytest.fixture(scope="module")
def copied(tmp_path_factory: pytest.TempPathFactory, project_root: Path) -> Project:
    """A copy of the project, built once, that the exports read from."""
    root = copy_project(project_root, tmp_path_factory.mktemp("export") / "project")
    proj = project(root)
    open_built(proj).close()
    return proj


@pytest.fixture(scope="module")
def quads(copied: Project) -> list[Quad]:
    store = open_built(copied)
    try:
        return list(store.quads())
    finally:
        store.close()


def export(proj: Project, out: Path, fmt: str, *extra: str) -> bytes:
    result = CliRunner().invoke(cli, ["--project", str(proj.root), "export", "--format", fmt,
                                      "-o", str(out), *extra])
    assert result.exit_code == 0, result.output
    return out.read_bytes()


def graphs_of(quads: list[Quad]) -> dict[URIRef | None, Graph]:
    graphs: dict[URIRef | None, Graph] = defaultdict(Graph)
    for s, p, o, g in quads:
        graphs[g].add((s, p, o))
    return dict(graphs)


def same_graph(a: Graph, b: Graph) -> bool:
    """Isomorphic; plain set equality when there is no blank node (much faster)."""
    if any(isinstance(t, BNode) for graph in (a, b) for triple in graph for t in triple):
        return isomorphic(a, b)
    return set(a) == set(b)


def test_every_format_is_offered() -> None:
    assert set(FORMATS) == {"turtle", "nt", "jsonld", "xml", "trig", "nquads"}


@pytest.mark.parametrize("fmt", ["turtle", "nt", "jsonld", "xml"])
def test_a_graph_format_reads_back_as_the_union_of_the_data_graphs(
        tmp_path: Path, copied: Project, quads: list[Quad], fmt: str) -> None:
    data = export(copied, tmp_path / f"out{FORMATS[fmt].suffix}", fmt)
    expected = Graph()
    for s, p, o, g in quads:
        if g != ONTOLOGY_GRAPH:
            expected.add((s, p, o))
    read = Graph().parse(data=data, format=RDFLIB_FORMATS[fmt])
    assert len(read) == len(expected) > 0
    assert same_graph(read, expected)
    # pyoxigraph's strict parser accepts it too, with the same number of triples.
    assert len(list(ox.parse(data, format=OX_FORMATS[fmt]))) == len(expected)
    # No ontology: its classes are not described, only used.
    assert (None, RDF.type, OWL.Class) not in read
    # Beside the dump, its dataset description; nothing else (no temporary file left).
    out = tmp_path / f"out{FORMATS[fmt].suffix}"
    assert sorted(tmp_path.iterdir()) == [out, out.with_name(out.name + ".void.ttl")]


@pytest.mark.parametrize("fmt", ["trig", "nquads"])
def test_a_dataset_format_keeps_every_citation_graph(
        tmp_path: Path, copied: Project, quads: list[Quad], fmt: str) -> None:
    data = export(copied, tmp_path / f"out{FORMATS[fmt].suffix}", fmt)
    expected = graphs_of([q for q in quads if q[3] != ONTOLOGY_GRAPH])
    read = Dataset()
    read.parse(data=data, format=RDFLIB_FORMATS[fmt])
    names = {g.identifier for g in read.graphs() if len(g)}
    assert names == set(expected)
    assert PROVENANCE_GRAPH in names and ONTOLOGY_GRAPH not in names
    assert sum(1 for name in names if "/id/citation/" in str(name)) > 10
    for name, graph in expected.items():
        assert same_graph(read.graph(name), graph), name
    assert len(list(ox.parse(data, format=OX_FORMATS[fmt]))) == sum(map(len, expected.values()))


def test_the_ontology_is_added_only_when_asked(
        tmp_path: Path, copied: Project, quads: list[Quad]) -> None:
    ontology = Graph().parse(copied.ontology_dir / "pkograph.ttl")
    data = export(copied, tmp_path / "with.trig", "trig", "--with-ontology")
    read = Dataset()
    read.parse(data=data, format="trig")
    assert isomorphic(read.graph(ONTOLOGY_GRAPH), ontology)
    turtle = Graph().parse(data=export(copied, tmp_path / "with.ttl", "turtle", "--with-ontology"))
    assert isomorphic(_with_blank_nodes(turtle), _with_blank_nodes(ontology))
    assert set(turtle) - set(_with_blank_nodes(turtle)) == {(s, p, o) for s, p, o, _ in quads
                                                             if not _blank(s, o)}


def _blank(*terms: object) -> bool:
    return any(isinstance(t, BNode) for t in terms)


def _with_blank_nodes(graph: Graph) -> Graph:
    """The triples of a graph that hold a blank node (the ontology's disjointness lists)."""
    out = Graph()
    for s, p, o in graph:
        if _blank(s, o):
            out.add((s, p, o))
    return out


def test_standard_output_gets_the_same_bytes(tmp_path: Path, copied: Project) -> None:
    written = export(copied, tmp_path / "out.nt", "nt")
    result = CliRunner().invoke(cli, ["--project", str(copied.root), "export", "-f", "nt",
                                      "-o", "-"])
    assert result.exit_code == 0
    assert result.stdout_bytes == written


def test_a_failed_build_leaves_the_previous_dump_alone(tmp_path: Path, project_root: Path) -> None:
    root = copy_project(project_root, tmp_path / "project")
    (root / "data" / "curated" / "zz-broken.yaml").write_text("records: [\n", encoding="utf-8")
    out = tmp_path / "out.ttl"
    out.write_bytes(b"the previous dump")
    result = CliRunner().invoke(cli, ["--project", str(root), "export", "-o", str(out)])
    assert result.exit_code == 1
    assert "data/curated/zz-broken.yaml:2: YAML syntax error" in result.output
    assert out.read_bytes() == b"the previous dump"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.ttl", "project"]


def _export_in_process(root: Path, out: Path, seed: str, *args: str) -> bytes:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run([sys.executable, "-m", "pkograph", "--project", str(root), "export",
                           *args, "-o", str(out)], capture_output=True, env=env, timeout=600,
                          check=False)
    assert done.returncode == 0, done.stderr.decode()
    return out.read_bytes()


def test_turtle_is_byte_identical_across_processes_and_hash_seeds(
        tmp_path: Path, copied: Project) -> None:
    first = _export_in_process(copied.root, tmp_path / "a.ttl", "1", "--format", "turtle")
    second = _export_in_process(copied.root, tmp_path / "b.ttl", "2", "--format", "turtle")
    assert first == second
    assert first.startswith(b"@prefix ") and b"pko:" in first
    # With the ontology's blank nodes (owl:AllDisjointClasses lists) too.
    first = _export_in_process(copied.root, tmp_path / "c.ttl", "3", "--with-ontology")
    second = _export_in_process(copied.root, tmp_path / "d.ttl", "4", "--with-ontology")
    assert first == second and b"owl:AllDisjointClasses" in first


_EXPORT_ALL = """
import sys
from pathlib import Path
from pkograph.export import FORMATS, serialize
from pkograph.paths import project
from pkograph.store import open_embedded
quads = list(open_embedded(project(sys.argv[1])).quads())
for name in FORMATS:
    Path(sys.argv[2], name).write_bytes(serialize(quads, name))
"""


def test_every_format_is_byte_identical_across_hash_seeds(tmp_path: Path, copied: Project) -> None:
    outputs = []
    for seed in ("5", "6"):
        folder = tmp_path / seed
        folder.mkdir()
        done = subprocess.run([sys.executable, "-c", _EXPORT_ALL, str(copied.root), str(folder)],
                              env={**os.environ, "PYTHONHASHSEED": seed}, capture_output=True,
                              text=True, timeout=600, check=False)
        assert done.returncode == 0, done.stderr
        outputs.append({name: (folder / name).read_bytes() for name in FORMATS})
    assert all(outputs[0][name] == outputs[1][name] for name in FORMATS)


def test_pyshacl_alone_finds_the_turtle_dump_conforming(tmp_path: Path, copied: Project) -> None:
    """The acceptance check: export Turtle, then pyshacl's own command line with the shapes.

    pyshacl is also given the ontology (``-e``): it mixes the ontology's RDFS and OWL
    definitions into the data, so that ``sh:targetClass`` and ``sh:class`` see that a mission
    is an organization. pkograph's validation passes the same class hierarchy.
    """
    out = tmp_path / "out.ttl"
    export(copied, out, "turtle")
    done = subprocess.run([sys.executable, "-m", "pyshacl",
                           "-s", str(copied.ontology_dir / "pkograph-shapes.ttl"),
                           "-e", str(copied.ontology_dir / "pkograph.ttl"), str(out)],
                          capture_output=True, text=True, timeout=900, check=False)
    assert done.returncode == 0, done.stdout[-3000:]
    assert "Conforms: True" in done.stdout
