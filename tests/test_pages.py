"""The pages and the RDF of every IRI, over HTTP (no browser): content negotiation in every
format, each statement with its citations, 404s with the nearest names, the documents' lines,
escaping, path traversal, errors as pages, and nothing that changes the graph."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, ORG, PROV, RDF, RDFS
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.routing import Route
from starlette.testclient import TestClient

from pkograph import output
from pkograph.namespaces import PKO
from pkograph.paths import Project
from pkograph.queries import load, run
from pkograph.store import open_embedded
from pkograph.store.base import GraphStore
from pkograph.store.embedded import MemoryStore
from pkograph.web.app import Site, create_app
from pkograph.web.pages import sparql_page
from pkograph.web.pages.documents import parse_lines, text_file
from pkograph.web.pages.negotiation import RDF as RDF_FORMATS
from pkograph.web.pages.negotiation import choose

ID = "https://w3id.org/pkograph/id/"
AKASHI = URIRef(ID + "person/yasushi-akashi")
UNTAC_POST = URIRef(ID + "membership/yasushi-akashi/untac")
KHARE_L70 = URIRef(ID + "citation/khare-statement-2022/l70")
KHARE = URIRef(ID + "document/khare-statement-2022")
MOFA_L151 = URIRef(ID + "citation/mofa-peacebuilding-2007/l151")
RDFLIB_FORMATS = {"text/turtle": "turtle", "application/ld+json": "json-ld",
                  "application/n-triples": "nt", "application/rdf+xml": "xml",
                  "application/trig": "trig", "application/n-quads": "nquads"}


@pytest.fixture(scope="module")
def site(built_store: GraphStore, built_project: Project) -> Site:
    return Site(built_store, built_project)


@pytest.fixture(scope="module")
def client(site: Site) -> Iterator[TestClient]:
    with TestClient(create_app(site)) as c:
        yield c


class _Scripts(HTMLParser):
    """The JSON-LD blocks and the alternate links of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.jsonld: list[str] = []
        self.alternates: dict[str, str] = {}
        self._in_jsonld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "script" and a.get("type") == "application/ld+json":
            self._in_jsonld = True
            self.jsonld.append("")
        if tag == "link" and a.get("rel") == "alternate":
            self.alternates[str(a.get("type"))] = str(a.get("href"))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_jsonld = False

    def handle_data(self, data: str) -> None:
        if self._in_jsonld:
            self.jsonld[-1] += data


def scripts(html: str) -> _Scripts:
    parser = _Scripts()
    parser.feed(html)
    return parser


def statement_citations(graph: Graph, s: URIRef, p: URIRef, o: URIRef) -> set[URIRef]:
    """The citations an rdf:Statement restating ``s p o`` is derived from."""
    return {c for st in graph.subjects(RDF.subject, s)
            if (st, RDF.type, RDF.Statement) in graph and (st, RDF.predicate, p) in graph
            and (st, RDF.object, o) in graph
            for c in graph.objects(st, PROV.wasDerivedFrom) if isinstance(c, URIRef)}


# --- content negotiation -----------------------------------------------------------------------

@pytest.mark.parametrize("media_type", [r.media_type for r in RDF_FORMATS])
def test_every_rdf_format_by_accept_holds_the_label_and_each_statements_citations(
        client: TestClient, media_type: str) -> None:
    response = client.get("/id/person/yasushi-akashi", headers={"Accept": media_type})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media_type
    assert "Accept" in response.headers["vary"].split(", ")  # and Origin: CORS
    assert response.headers["content-location"].startswith("/id/person/yasushi-akashi.")
    links = response.headers["link"]
    for r in RDF_FORMATS:
        assert f'</id/person/yasushi-akashi{r.suffix}>; rel="alternate"; type="{r.media_type}"' \
            in links
    fmt = RDFLIB_FORMATS[media_type]
    if fmt in ("trig", "nquads"):
        data = Dataset()
        data.parse(data=response.content, format=fmt)
        union = Graph()
        for s, p, o, _ in data.quads((None, None, None, None)):
            union.add((s, p, o))
        # the post's membership is stated in the graph of each of its three citations
        stating = {g.identifier for g in data.graphs() if (UNTAC_POST, ORG.member, AKASHI) in g}
        assert stating == {KHARE_L70, MOFA_L151,
                           URIRef(ID + "citation/mofa-peacebuilding-2007/l165-166")}
    else:
        union = Graph().parse(data=response.content, format=fmt)
        assert statement_citations(union, UNTAC_POST, ORG.member, AKASHI) == {
            KHARE_L70, MOFA_L151, URIRef(ID + "citation/mofa-peacebuilding-2007/l165-166")}
        assert statement_citations(union, AKASHI, RDFS.label, Literal("Yasushi Akashi",
                                                                        lang="en")) == {
            KHARE_L70, MOFA_L151, URIRef(ID + "citation/road-to-peace-2019/l264-266")}
    assert (AKASHI, RDFS.label, Literal("Yasushi Akashi", lang="en")) in union
    # each citation: its document (named), locator and lines
    assert (KHARE_L70, DCTERMS.isPartOf, KHARE) in union
    assert (KHARE_L70, PKO.locator, Literal("Key Japanese Contributions")) in union
    assert (KHARE_L70, PKO.firstLine, Literal(70)) in union
    assert (KHARE, RDFS.label, None) in union
    # the labels of what the statements mention
    assert (ORG.member, RDFS.label, Literal("member", lang="en")) in union


@pytest.mark.parametrize("suffix", [".ttl", ".jsonld", ".nt", ".rdf", ".trig", ".nq", ".html"])
def test_a_suffix_fixes_the_format_whatever_the_accept_header(client: TestClient,
                                                              suffix: str) -> None:
    response = client.get(f"/id/mission/untac{suffix}", headers={"Accept": "image/png"})
    assert response.status_code == 200
    expected = {r.suffix: r.media_type for r in RDF_FORMATS} | {".html": "text/html"}
    assert response.headers["content-type"].split(";")[0] == expected[suffix]
    assert "content-location" not in response.headers
    if suffix != ".html":
        fmt = RDFLIB_FORMATS[expected[suffix]]
        graph = Dataset() if fmt in ("trig", "nquads") else Graph()
        graph.parse(data=response.content, format=fmt)
        labels = {str(o) for _, _, o, *_ in graph.quads((URIRef(ID + "mission/untac"),
                                                         RDFS.label, None, None))} \
            if isinstance(graph, Dataset) else {str(o) for o in graph.objects(
                URIRef(ID + "mission/untac"), RDFS.label)}
        assert labels == {"United Nations Transitional Authority in Cambodia"}


@pytest.mark.parametrize(("accept", "expected"), [
    (None, "text/html"),
    ("*/*", "text/html"),
    ("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "text/html"),
    ("application/rdf+xml;q=0.5, text/turtle", "text/turtle"),
    ("text/html;q=0.1, application/ld+json", "application/ld+json"),
    ("application/json", "application/ld+json"),
    ("application/*", "application/ld+json"),
])
def test_accept_headers_choose_the_representation(client: TestClient, accept: str | None,
                                                  expected: str) -> None:
    headers = {"Accept": accept} if accept is not None else {}
    response = client.get("/id/person/yasushi-akashi", headers=headers)
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == expected


def test_choose_prefers_the_more_specific_range() -> None:
    chosen = choose("text/*;q=0.2, text/turtle;q=0.9, */*;q=0.1")
    assert chosen is not None and chosen.media_type == "text/turtle"
    assert choose("text/turtle;q=0") is None


def test_an_unacceptable_format_is_406_with_the_offered_types(client: TestClient) -> None:
    response = client.get("/id/person/yasushi-akashi", headers={"Accept": "image/png"})
    assert response.status_code == 406
    assert "text/turtle" in response.text and "application/ld+json" in response.text
    assert "Accept" in response.headers["vary"].split(", ")  # and Origin: CORS


def test_the_page_embeds_its_json_ld_and_links_every_format(client: TestClient) -> None:
    html = client.get("/id/person/yasushi-akashi").text
    found = scripts(html)
    assert len(found.jsonld) == 1
    embedded = Graph().parse(data=found.jsonld[0], format="json-ld")
    served = Graph().parse(data=client.get("/id/person/yasushi-akashi.jsonld").content,
                           format="json-ld")
    assert len(embedded) == len(served) > 50
    assert (AKASHI, RDFS.label, Literal("Yasushi Akashi", lang="en")) in embedded
    assert found.alternates == {r.media_type: f"/id/person/yasushi-akashi{r.suffix}"
                                for r in RDF_FORMATS}


# --- the pages ---------------------------------------------------------------------------------

def test_a_person_page_shows_the_trail_rows_with_links_to_the_cited_lines(
        client: TestClient, built_store: GraphStore, built_project: Project) -> None:
    html = client.get("/id/person/yasushi-akashi").text
    trail = html[html.index('<section class="trail"'):html.index("</section>",
                                                                 html.index('class="trail"'))]
    rows = run(built_store, load(built_project, "person-trail"), {"person": "Akashi"})
    assert trail.count("<tr>") == len(rows) + 1 == 11
    assert "Representative of the Government of Japan on Peacebuilding" in trail
    assert "United Nations Transitional Authority in Cambodia" in trail
    # the Sri Lanka post's source: the brochure's line 248, highlighted there
    assert ('href="/id/document/mofa-peacebuilding-2007?lines=248#L248">II Efforts by Region '
            '&gt; Sri Lanka &gt; (1) Peace process assistance</a>') in trail


def test_a_page_groups_statements_and_numbers_their_sources(client: TestClient) -> None:
    html = client.get("/id/mission/untac").text
    assert "<h1>United Nations Transitional Authority in Cambodia</h1>" in html
    assert '<span class="alias" title="acronym">UNTAC</span>' in html
    assert '<a href="/id/instrument/paris-peace-agreements">Paris Peace Agreements</a>' in html
    # every source listed with its document, locator and a link to its lines
    assert re.search(r'<li id="source-\d+" value="\d+">\s*<a href="/id/document/'
                     r'khare-statement-2022">Statement of Atul Khare[^<]*</a> <span '
                     r'class="locator">Key Japanese Contributions</span> <a class="lines" '
                     r'href="/id/document/khare-statement-2022\?lines=70#L70">line 70</a>', html)
    assert "Mentioned by" in html and 'href="/id/membership/yasushi-akashi/untac"' in html


def test_where_documents_disagree_their_claims_stand_side_by_side(client: TestClient) -> None:
    html = client.get("/id/membership/yasushi-akashi/untac").text
    assert "The documents differ on: post title, role" in html
    sides = re.findall(r'<table class="sides">.*?</table>', html, re.S)
    assert len(sides) == 2
    titles = sides[0]
    assert re.search(r"<th>Japan&#39;s Efforts on Peacebuilding \(c\. 2007\)</th>\s*"
                     r"<th>Statement of Atul Khare at Kwansei Gakuin University \(2022\)</th>",
                     titles)
    assert titles.index("Special Representative of the Secretary General (SRSG) in UNTAC") < \
        titles.index("Chief of Mission")


def test_a_document_page_has_an_anchor_per_line_and_highlights_the_cited_ones(
        client: TestClient, project_root: Path) -> None:
    html = client.get("/id/document/road-to-peace-2019?lines=264-266").text
    lines = (project_root / "data/sources/road-to-peace-2019.txt").read_text(
        encoding="utf-8").splitlines()
    assert html.count('<span class="line') == len(lines)
    assert re.findall(r'<span class="line cited" id="L(\d+)">', html) == ["264", "265", "266"]
    assert 'id="L1">' in html and f'id="L{len(lines)}">' in html
    assert "Lines 264\u2013266 are highlighted." in html
    # a citation's page quotes its lines and links to them
    cited = client.get("/id/citation/road-to-peace-2019/l264-266").text
    assert cited.count('<span class="line"><span class="n">') == 3
    assert 'href="/id/document/road-to-peace-2019?lines=264-266#L264"' in cited


@pytest.mark.parametrize(("given", "span"), [("120-124", (120, 124)), ("7", (7, 7)),
                                             ("9-3", None), ("x", None), ("", None),
                                             ("0-2", None), ("1-99999999", None)])
def test_line_spans(given: str, span: tuple[int, int] | None) -> None:
    parsed = parse_lines(given)
    assert (None if parsed is None else (parsed.first, parsed.last)) == span


def test_home_counts_things_per_class(client: TestClient, data: Graph) -> None:
    html = client.get("/").text
    people = len(set(data.subjects(RDF.type, FOAF.Person)))
    assert re.search(rf'<a href="/things\?type=foaf%3APerson">person</a>.*?<td class="num">'
                     rf'{people}</td>', html, re.S)
    assert re.search(rf'<a href="/things\?type=foaf%3APerson">People</a> <span class="count">'
                     rf'{people}</span>', html)
    found = scripts(html)
    dataset = Graph().parse(data=found.jsonld[0], format="json-ld")
    assert Literal(people) in set(dataset.objects(None, URIRef("http://rdfs.org/ns/void#entities")))


def test_a_class_list_holds_every_thing_of_the_class(client: TestClient, data: Graph) -> None:
    html = client.get("/things", params={"type": "pko:Mission"}).text
    missions = {str(s) for s in data.subjects(RDF.type, PKO.Mission)}
    listed = {ID + m for m in re.findall(r'<li><a href="/id/([^"]+)">', html)}
    assert listed == missions and len(missions) > 10
    assert client.get("/things", params={"type": "pko:NoSuchClass"}).status_code == 404


def test_search_ranks_as_pkograph_find(client: TestClient) -> None:
    html = client.get("/search", params={"q": "akashi"}).text
    assert re.search(r'<li><a href="/id/person/yasushi-akashi">Yasushi Akashi</a> '
                     r'<span class="type">person</span>', html)
    inoue = client.get("/search", params={"q": "inoue"}).text
    assert re.findall(r'<li><a href="/id/person/([^"]+)">', inoue) == ["daiki-inoue",
                                                                       "ken-inoue"]
    assert "Nothing in the graph is named" in client.get("/search", params={"q": "zzqx"}).text


def test_the_ontology_documents_each_term_with_its_shapes(client: TestClient,
                                                          project_root: Path) -> None:
    html = client.get("/ontology").text
    mission = html[html.index('<section class="term" id="Mission">'):]
    mission = mission[: mission.index("</section>")]
    assert "mission or operation" in mission
    assert "A peace operation or mission established by the United Nations" in mission
    assert 'href="http://www.w3.org/ns/org#FormalOrganization"' in mission or \
        'href="/ontology#org:FormalOrganization"' in mission
    # pkosh:SourcedShape targets org:Organization, a super-class of pko:Mission
    assert "a source on every fact (SourcedShape), on organization" in mission
    assert "every described thing needs a source" in mission
    strength = html[html.index('id="strength"'):]
    strength = strength[: strength.index("</section>")]
    assert "Domain" in strength and "Range" in strength
    turtle = client.get("/ontology", headers={"Accept": "text/turtle"})
    assert turtle.content == (project_root / "ontology/pkograph.ttl").read_bytes()
    as_jsonld = Graph().parse(data=client.get("/ontology.jsonld").content, format="json-ld")
    assert len(as_jsonld) == len(Graph().parse(project_root / "ontology/pkograph.ttl"))


def test_saved_queries_run_from_the_form_and_download_the_same_result(
        client: TestClient, built_store: GraphStore, built_project: Project) -> None:
    index = client.get("/queries").text
    assert '<a href="/queries/person-trail">' in index
    form = client.get("/queries/contributions-in-kind").text
    assert 'name="recipient"' in form and 'name="item"' in form and 'name="year"' in form
    assert "<table" not in form  # nothing runs before the form is sent
    params = {"recipient": "UNHCR", "item": "blanket", "run": "1"}
    page = client.get("/queries/contributions-in-kind", params=params)
    assert page.status_code == 200
    expected = run(built_store, load(built_project, "contributions-in-kind"),
                   {"recipient": "UNHCR", "item": "blanket"})
    assert len(expected) > 0
    assert page.text.count("<tr>") == len(expected) + 1
    assert f"{len(expected)} row" in page.text
    assert "SELECT DISTINCT ?contribution" in page.text  # the SPARQL text
    downloaded = client.get("/queries/contributions-in-kind.csv",
                            params={"recipient": "UNHCR", "item": "blanket"})
    assert downloaded.headers["content-type"].startswith("text/csv")
    assert downloaded.text == output.to_csv(expected)
    assert len(list(csv.reader(io.StringIO(downloaded.text)))) == len(expected) + 1
    as_json = client.get("/queries/contributions-in-kind.json",
                         params={"recipient": "UNHCR", "item": "blanket"}).json()
    assert len(as_json["results"]["bindings"]) == len(expected)


def test_an_ambiguous_name_offers_its_candidates(client: TestClient) -> None:
    page = client.get("/queries/person-trail", params={"person": "Inoue", "run": "1"})
    assert page.status_code == 400
    assert "names 2 things" in page.text
    assert re.findall(r'<li><a href="/queries/person-trail\?person=id%3Aperson%2F([a-z-]+)'
                      r'&amp;run=1">', page.text) == ["daiki-inoue", "ken-inoue"]
    missing = client.get("/queries/person-trail", params={"person": "Nobody Atall", "run": "1"})
    assert missing.status_code == 400 and "no person is named" in missing.text


def test_the_query_page_runs_sparql_and_shows_a_table(client: TestClient) -> None:
    query = ("SELECT ?post ?title WHERE { ?post org:member <" + str(AKASHI) + "> ; "
             "pko:title ?title } ORDER BY ?title")
    page = client.get("/query", params={"query": query})
    assert page.status_code == 200
    titles = re.findall(r"<td>([^<]*)</td>", page.text)
    assert "Representative of the Government of Japan on Peacebuilding, Rehabilitation and " \
        "Reconstruction of Sri Lanka" in titles
    assert client.get("/query", params={"query": query, "format": "csv"}).text.count(
        "\r\n") == 1 + len(titles)
    ask = client.get("/query", params={"query": f"ASK {{ <{AKASHI}> a foaf:Person }}"})
    assert "Answer: <strong>yes</strong>" in ask.text
    example = client.get("/query", params={"example": "person-trail"}).text
    assert "# @title A person&#39;s trail" in example


def test_the_endpoint_shows_the_query_page_to_browsers(site: Site) -> None:
    def browser(request: Request) -> object:
        return sparql_page(site, request)

    with TestClient(Starlette(routes=[Route("/sparql", browser)])) as c:
        page = c.get("/sparql")
    assert page.status_code == 200
    assert '<form class="sparql" method="get" action="/query">' in page.text
    assert 'formaction="/sparql"' in page.text
    assert '<a href="/query?example=person-trail"' in page.text


# --- errors, escaping, traversal, read-only ----------------------------------------------------

def test_an_unknown_iri_is_a_404_page_offering_the_nearest_names(client: TestClient) -> None:
    response = client.get("/id/person/yasushi-akash")
    assert response.status_code == 404
    assert "text/html" in response.headers["content-type"]
    assert '<a href="/id/person/yasushi-akashi">Yasushi Akashi</a>' in response.text
    turtle = client.get("/id/person/nobody-at-all.ttl")
    assert turtle.status_code == 404 and "Traceback" not in turtle.text


@pytest.mark.parametrize("path", [
    "/id/document/..%2F..%2Fpyproject.toml",
    "/id/document/%2e%2e%2f%2e%2e%2fpyproject.toml",
    "/id/document/%252e%252e%252fpyproject.toml",
    "/id/document/road-to-peace-2019/..%2F..%2F..%2Fpyproject.toml",
    "/id/document/..\\..\\pyproject.toml",
    "/id/..%2F..%2Fpyproject.toml",
    "/static/..%2F..%2F..%2Fpyproject.toml",
    "/static/%2e%2e/%2e%2e/pages/__init__.py",
    "/queries/..%2F..%2Fpyproject",
    "/queries/..%2Fpyproject.toml.csv",
])
def test_no_route_reads_outside_its_folder(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert "[build-system]" not in response.text and "import" not in response.text
    assert "Traceback" not in response.text


def test_a_document_text_is_read_only_from_the_sources_folder(built_project: Project,
                                                              tmp_path: Path) -> None:
    good = text_file(built_project, "data/sources/road-to-peace-2019.txt")
    assert good == (built_project.root / "data/sources/road-to-peace-2019.txt").resolve()
    for bad in ("../../pyproject.toml", "data/sources/../../pyproject.toml", "/etc/passwd",
                "data/sources", "data/sources/nope.txt", "data/curated/documents.yaml"):
        assert text_file(built_project, bad) is None, bad
    outside = tmp_path / "secret.txt"
    outside.write_text("secret", encoding="utf-8")
    link = built_project.sources_dir / "link-out.txt"
    link.symlink_to(outside)
    try:
        assert text_file(built_project, "data/sources/link-out.txt") is None
    finally:
        link.unlink()


SCRIPT = '<script>alert("pwned")</script>'


@pytest.fixture(scope="module")
def hostile(built_project: Project) -> Iterator[TestClient]:
    """A graph holding contributed literals that are HTML and script."""
    thing = URIRef(ID + "person/mallory")
    citation = URIRef(ID + "citation/evil/l1")
    document = URIRef(ID + "document/evil")
    quads = [
        (thing, RDF.type, FOAF.Person, citation),
        (thing, RDFS.label, Literal(SCRIPT + " & Mallory", lang="en"), citation),
        (thing, URIRef("http://www.w3.org/2004/02/skos/core#note"),
         Literal("</script><img src=x onerror=alert(1)>"), citation),
        (thing, PROV.wasDerivedFrom, citation, citation),
        (citation, RDF.type, PKO.Citation, URIRef("https://w3id.org/pkograph/graph/provenance")),
        (citation, DCTERMS.isPartOf, document, URIRef("https://w3id.org/pkograph/graph/provenance")),
        (citation, PKO.locator, Literal('"><script>alert(2)</script>'),
         URIRef("https://w3id.org/pkograph/graph/provenance")),
        (citation, PKO.firstLine, Literal(1), URIRef("https://w3id.org/pkograph/graph/provenance")),
        (citation, PKO.lastLine, Literal(1), URIRef("https://w3id.org/pkograph/graph/provenance")),
        (document, RDFS.label, Literal("<b>Evil</b> document", lang="en"), citation),
    ]
    with TestClient(create_app(Site(MemoryStore(quads), built_project))) as c:
        yield c


def test_a_contributed_literal_holding_script_shows_as_text(hostile: TestClient) -> None:
    page = hostile.get("/id/person/mallory")
    assert page.status_code == 200
    html = page.text
    assert "<h1>&lt;script&gt;alert(&#34;pwned&#34;)&lt;/script&gt; &amp; Mallory</h1>" in html
    assert "&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;b&gt;Evil&lt;/b&gt; document" in html
    # the only image is the network figure, fetched by its own request
    images = re.findall(r"<img\b[^>]*>", html)
    assert all(i.startswith('<img src="/figures/network.svg?person=') for i in images)
    assert "<b>" not in html
    # the only script elements are the JSON-LD block, whose values cannot close it
    assert html.count("<script") == 1 and html.count("</script>") == 1
    block = scripts(html).jsonld[0]
    assert "<" not in block
    graph = Graph().parse(data=block, format="json-ld")
    assert (URIRef(ID + "person/mallory"), RDFS.label,
            Literal(SCRIPT + " & Mallory", lang="en")) in graph
    assert "script-src 'self'" in page.headers["content-security-policy"]
    found = hostile.get("/search", params={"q": "mallory"}).text
    assert "&lt;script&gt;alert(&#34;pwned&#34;)&lt;/script&gt;" in found and SCRIPT not in found


def test_query_text_and_parameters_are_escaped_too(client: TestClient) -> None:
    text = "SELECT * WHERE { ?s ?p '</textarea><script>alert(3)</script>' }"
    page = client.get("/query", params={"query": text}).text
    assert "&lt;/textarea&gt;&lt;script&gt;alert(3)&lt;/script&gt;" in page
    assert "<script>alert(3)" not in page
    saved = client.get("/queries/person-trail",
                       params={"person": '"><script>alert(4)</script>', "run": "1"})
    assert saved.status_code == 400
    assert "<script>alert(4)" not in saved.text and "&lt;script&gt;alert(4)" in saved.text
    search = client.get("/search", params={"q": "<script>alert(5)</script>"}).text
    assert "<script>alert(5)" not in search


def test_no_page_changes_the_graph(client: TestClient, built_store: GraphStore) -> None:
    def count() -> int:
        return int(str(built_store.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
                                          ).rows[0]["n"]))

    before = count()
    for update in ("INSERT DATA { GRAPH <urn:x> { <urn:a> <urn:b> <urn:c> } }",
                   "DELETE WHERE { ?s ?p ?o }", "CLEAR ALL", "DROP DEFAULT"):
        response = client.get("/query", params={"query": update})
        assert response.status_code == 400, update
        assert 'class="error"' in response.text and "Traceback" not in response.text
    for path in ("/id/person/yasushi-akashi", "/query", "/queries/person-trail", "/ontology"):
        for method in ("POST", "PUT", "DELETE", "PATCH"):
            assert client.request(method, path, data={"query": "CLEAR ALL"}).status_code == 405
    assert count() == before


def test_query_errors_are_pages_with_the_store_message(client: TestClient) -> None:
    response = client.get("/query", params={"query": "SELECT ?x WHERE { ?x ?p }"})
    assert response.status_code == 400
    assert re.search(r'<p class="error" role="alert">[^<]*error at 1:', response.text)
    service = client.get("/query", params={
        "query": "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"})
    assert service.status_code == 400 and "SERVICE" in service.text
    assert client.get("/queries/no-such-query").status_code == 404
    bad_year = client.get("/queries/contributions-in-kind", params={"year": "1_992", "run": "1"})
    assert bad_year.status_code == 400 and "not a four-digit year" in bad_year.text
    assert client.get("/query", params={"query": "SELECT * {}", "format": "xls"}
                      ).status_code == 400


def test_a_store_that_is_down_gives_a_503_page(built_project: Project) -> None:
    store = open_embedded(built_project)
    store.close()
    with TestClient(create_app(Site(store, built_project))) as c:
        response = c.get("/id/person/yasushi-akashi")
    assert response.status_code == 503
    assert "the store is closed" in response.text and "Traceback" not in response.text


def test_the_turtle_of_a_thing_is_the_same_bytes_every_time(client: TestClient) -> None:
    first = client.get("/id/mission/untac.ttl").content
    second = client.get("/id/mission/untac.ttl", headers={"X-Other": "1"}).content
    assert first == second
    nodes = set(re.findall(rb"_:st[0-9a-f]+", first))
    assert len(nodes) > 20
    assert json.loads(client.get("/id/mission/untac.jsonld").content)


@pytest.mark.parametrize(("path", "params", "subject", "label"), [
    ("/search", {"q": "akashi"}, AKASHI, "Yasushi Akashi"),
    ("/things", {"type": "foaf:Person"}, AKASHI, "Yasushi Akashi"),
    ("/queries/person-trail", {"person": "Akashi", "run": "1"}, KHARE,
     "Statement of Atul Khare at Kwansei Gakuin University (2022)"),
    ("/query", {"query": f"SELECT ?p WHERE {{ <{AKASHI}> ?p ?o }}"}, PROV.wasDerivedFrom,
     "was derived from"),
    ("/ontology", {}, URIRef("https://w3id.org/pkograph/ontology"), "pkograph ontology"),
])
def test_every_page_embeds_the_json_ld_of_what_it_shows(client: TestClient, path: str,
                                                        params: dict[str, str],
                                                        subject: URIRef, label: str) -> None:
    html = client.get(path, params=params).text
    (block,) = scripts(html).jsonld
    graph = Graph().parse(data=block, format="json-ld")
    assert label in {str(o) for o in graph.objects(subject, RDFS.label)}
