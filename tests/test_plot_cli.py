"""``pkograph plot``: listing, describing, drawing; bad parameters exit 2 and a graph without
the figure's data exits 1 with an explanation, writing nothing either way.

The command's store is replaced by the session's built graph (or by a small graph holding no
data for any figure), so the tests neither build into nor read the checkout's ``build/``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from rdflib import Literal, URIRef
from rdflib.namespace import FOAF, RDF, RDFS

from pkograph.cli import cli, plot_commands
from pkograph.figures import FIGURES, data, figure_svg
from pkograph.figures.common import NoData
from pkograph.iri import ID
from pkograph.namespaces import ONTOLOGY_GRAPH, PKO
from pkograph.store.base import GraphStore
from pkograph.store.embedded import MemoryStore

ROOT = Path(__file__).resolve().parents[1]


def _runner(monkeypatch: pytest.MonkeyPatch, store: GraphStore):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(plot_commands, "_store", lambda ctx: store)

    def run(*args: str) -> Result:
        return CliRunner().invoke(cli, ["--project", str(ROOT), "plot", *args],
                                  catch_exceptions=False, env={"COLUMNS": "120"})

    return run


@pytest.fixture
def plot(monkeypatch: pytest.MonkeyPatch, built_store: GraphStore):  # type: ignore[no-untyped-def]
    return _runner(monkeypatch, built_store)


def test_list_and_describe(plot) -> None:  # type: ignore[no-untyped-def]
    listing = plot("--list")
    assert listing.exit_code == 0
    assert [line.split()[0] for line in listing.output.splitlines()
            if line.split() and line.split()[0] in FIGURES] == list(FIGURES)
    described = plot("supplies", "--describe")
    assert described.exit_code == 0
    assert "by (string: a text, matched as typed; default 'recipient')" in described.output
    assert "example: pkograph plot supplies --param by=item" in described.output


def test_plot_writes_the_figure(plot, built_store: GraphStore, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "akashi.svg"
    result = plot("network", "--param", "person=Yasushi Akashi", "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8") == figure_svg(built_store, "network",
                                                         {"person": "Akashi"})
    assert f"wrote {out} (svg, " in result.stderr
    png = tmp_path / "personnel.png"
    assert plot("personnel", "-p", "source=seminar report", "-o", str(png)).exit_code == 0
    assert png.read_bytes().startswith(b"\x89PNG")


@pytest.mark.parametrize("args, message", [
    (["nosuch"], "no figure named 'nosuch' (figures: network, timeline, supplies, personnel, "
                 "law-timeline)"),
    (["timeline"], "give the file to write with -o FILE.svg, FILE.png or FILE.pdf"),
    (["timeline", "-o", "{tmp}/t.gif"], "cannot tell the format of 't.gif'"),
    (["supplies", "-p", "by=colour"], "parameter 'by' of figure 'supplies' takes one of "
                                      "recipient, item, not 'colour'"),
    (["network", "-p", "who=Akashi"], "figure 'network' has no parameter 'who' "
                                      "(parameters: person)"),
    (["network", "-p", "person"], "--param takes KEY=VALUE, not 'person'"),
    (["network", "-p", "person=Inoue"], "'Inoue' names 2 things of kind person"),
    (["network", "-p", "person=Nobody Known"], "no person is named 'Nobody Known'"),
    (["network", "-p", "person=UNTAC"], "no person is named 'UNTAC'"),
    (["personnel", "-p", "source=Akashi"], "no document is named 'Akashi'"),
    (["law-timeline", "-p", "instrument=UNHCR"], "no instrument is named 'UNHCR'"),
])
def test_bad_parameters_exit_2_and_write_nothing(plot, tmp_path: Path, args: list[str],  # type: ignore[no-untyped-def]
                                                 message: str) -> None:
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    if "-o" not in args and args != ["timeline"]:
        args += ["-o", str(tmp_path / "figure.svg")]
    result = plot(*args)
    assert result.exit_code == 2, result.output
    assert message in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.fixture(scope="module")
def empty_store(built_store: GraphStore) -> GraphStore:
    """The ontology, one person and the law, and nothing any figure draws."""
    graph = URIRef(ID + "citation/test/l1")
    person, law = URIRef(ID + "person/test-person"), URIRef(
        ID + "instrument/international-peace-cooperation-law")
    quads = [*built_store.quads(ONTOLOGY_GRAPH),
             (person, RDF.type, FOAF.Person, graph),
             (person, RDFS.label, Literal("Test Person", lang="en"), graph),
             (law, RDF.type, PKO.Law, graph),
             (law, RDFS.label, Literal("International Peace Cooperation Law", lang="en"), graph)]
    return MemoryStore(quads)


@pytest.mark.parametrize("name, params, explanation", [
    ("network", {"person": "Test Person"}, "the graph links Test Person to nothing"),
    ("timeline", {}, "the graph holds no dispatch with a unit deployment"),
    ("supplies", {}, "the graph holds no contribution in kind"),
    ("personnel", {}, "the graph holds no phase of a unit deployment"),
    ("law-timeline", {}, "the graph holds no enactment or amendment of the International "
                         "Peace Cooperation Law"),
])
def test_a_graph_without_the_figures_data_is_explained(
        monkeypatch: pytest.MonkeyPatch, empty_store: GraphStore, tmp_path: Path, name: str,
        params: dict[str, str], explanation: str) -> None:
    with pytest.raises(NoData, match=explanation):
        data(empty_store, name, params)
    out = tmp_path / f"{name}.svg"
    result = _runner(monkeypatch, empty_store)(
        name, *(f"--param={k}={v}" for k, v in params.items()), "-o", str(out))
    assert result.exit_code == 1, result.output
    assert f"error: nothing to draw for '{name}': {explanation}" in result.stderr
    assert not out.exists()


def test_only_drawing_loads_matplotlib() -> None:
    """``import pkograph`` and every other command stay as quick as before the figures."""
    check = ("import sys, pkograph, pkograph.cli\n"
             "assert 'matplotlib' not in sys.modules and 'networkx' not in sys.modules\n")
    subprocess.run([sys.executable, "-c", check], check=True)
