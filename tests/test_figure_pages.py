"""The figures on the web: ``/figures``, each figure's page and files, a person's network."""

from __future__ import annotations

import html
from collections.abc import Iterator

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import FOAF, PROV, RDF, RDFS
from starlette.testclient import TestClient

from pkograph.figures import FIGURES, figure_svg
from pkograph.iri import ID
from pkograph.namespaces import PKO
from pkograph.paths import Project
from pkograph.store.base import GraphStore
from pkograph.store.embedded import MemoryStore
from pkograph.web.app import Site, create_app

SCRIPT = '<script>alert("pwned")</script> --> <!--'


@pytest.fixture(scope="module")
def client(built_store: GraphStore, built_project: Project) -> Iterator[TestClient]:
    with TestClient(create_app(Site(built_store, built_project))) as c:
        yield c


def test_the_figures_page_names_every_figure(client: TestClient) -> None:
    page = client.get("/figures")
    assert page.status_code == 200
    for name, spec in FIGURES.items():
        assert f'href="/figures/{name}"' in page.text
        assert html.escape(spec.title).replace("&#x27;", "&#39;") in page.text


def test_a_figure_page_shows_the_svg_and_offers_the_files(client: TestClient,
                                                          built_store: GraphStore) -> None:
    page = client.get("/figures/timeline")
    assert page.status_code == 200
    assert '<figure class="figure"><svg' in page.text
    svg = client.get("/figures/timeline.svg")
    assert svg.headers["content-type"].startswith("image/svg+xml")
    assert svg.text == figure_svg(built_store, "timeline")
    assert client.get("/figures/timeline.png").content.startswith(b"\x89PNG")
    assert client.get("/figures/timeline.pdf").content.startswith(b"%PDF")


def test_a_persons_network_by_name(client: TestClient) -> None:
    page = client.get("/figures/network", params={"person": "Akashi"})
    assert page.status_code == 200 and "Yasushi Akashi" in page.text
    ambiguous = client.get("/figures/network", params={"person": "Inoue"})
    assert ambiguous.status_code == 400 and "names 2 things" in ambiguous.text
    assert client.get("/figures/no-such-figure").status_code == 404
    assert client.get("/figures/timeline.gif").status_code == 404


def test_a_person_page_shows_their_network(client: TestClient, built_store: GraphStore) -> None:
    page = client.get("/id/person/yasushi-akashi", headers={"accept": "text/html"})
    assert page.status_code == 200
    assert "What the graph links to Yasushi Akashi" in page.text
    section = page.text.split("What the graph links to Yasushi Akashi", 1)[1]
    image = section.split('<img src="', 1)[1].split('"', 1)[0]
    assert image == ("/figures/network.svg?person=https%3A%2F%2Fw3id.org%2Fpkograph%2Fid"
                     "%2Fperson%2Fyasushi-akashi")
    svg = client.get(image)
    assert svg.status_code == 200 and svg.headers["content-type"].startswith("image/svg+xml")
    assert svg.text == figure_svg(built_store, "network",
                                  {"person": "https://w3id.org/pkograph/id/person/yasushi-akashi"})


def test_labels_in_a_figure_are_escaped(built_project: Project) -> None:
    person, event = URIRef(ID + "person/mallory"), URIRef(ID + "event/evil")
    citation = URIRef(ID + "citation/evil/l1")
    quads = [(person, RDF.type, FOAF.Person, citation),
             (person, RDFS.label, Literal(SCRIPT, lang="en"), citation),
             (person, PROV.wasDerivedFrom, citation, citation),
             (event, RDF.type, PKO.Event, citation),
             (event, RDFS.label, Literal(SCRIPT + " event", lang="en"), citation),
             (event, PKO.participant, person, citation)]
    with TestClient(create_app(Site(MemoryStore(quads), built_project))) as c:
        page = c.get("/figures/network", params={"person": str(person)})
    assert "<script" not in page.text.replace('<script type="application/ld+json">', "")
    assert "alert" not in page.text or "&lt;script&gt;" in page.text or page.status_code == 404
