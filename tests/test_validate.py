"""``pkograph validate``: every rule, every input format, the reports, bad and hostile input.

The contributions are checked against the fixture project's graph (``contribute_support``):
UNHCR, the International Peace Cooperation Law, the item types tents and blankets, the
contribution of 22 October 1999 to UNHCR, UNTAC and Yasushi Akashi.
"""

from __future__ import annotations

import http.server
import json
import resource
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from contribute_support import (
    CONTRIBUTION,
    EXAMPLES,
    SOURCE,
    contrib_project,
    contribution_template,
    findings,
    rules,
    run,
    run_process,
    turtle,
    write,
)
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SH

from pkograph.contribute import read

__all__ = ["contrib_project", "contribution_template"]

ITEM = "id:item-line/test-2099-unhcr/1"
CONTRIB = "id:contribution/test-2099-unhcr"


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), start=1) if needle in line)


def check(root: Path, tmp_path: Path, text: str) -> tuple[int, list[dict[str, object]]]:
    return findings(root, write(tmp_path, "contribution.ttl", text))


# --- the examples of the README ------------------------------------------------------------


def test_valid_example_conforms(contrib_project: Path) -> None:
    result = run(contrib_project, "validate", EXAMPLES / "contribution-valid.ttl")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == ["21 triples in 1 file(s), 4 focus nodes: conforms"]


def test_invalid_example_reports_each_mistake_at_its_line(contrib_project: Path) -> None:
    path = EXAMPLES / "contribution-invalid.ttl"
    text = path.read_text(encoding="utf-8")
    code, found = findings(contrib_project, path)
    assert code == 1
    assert [(f["line"], f["rule"], f["path"]) for f in found] == [
        (line_of(text, "pko:endDate"), "DatedShape/SPARQL", "pko:endDate"),
        (line_of(text, "pko:quantity -50.0"), "ItemLineShape/MinExclusive", "pko:quantity"),
        (line_of(text, "pko:quantitty"), "contribution/KnownTerms", "pko:quantitty"),
    ]
    assert found[0]["message"] == "the end date 2099-01 is before the begin date 2099-03"
    assert found[1]["value"] == '"-50"^^xsd:decimal'
    assert "did you mean pko:quantity?" in str(found[2]["message"])


# --- one test per rule ------------------------------------------------------------------------


def test_conforming_contribution_has_no_findings(contrib_project: Path, tmp_path: Path) -> None:
    assert check(contrib_project, tmp_path, turtle(SOURCE, CONTRIBUTION)) == (0, [])


def test_unknown_property(contrib_project: Path, tmp_path: Path) -> None:
    text = turtle(SOURCE, CONTRIBUTION.replace("pko:countUnit", "pko:countUnits"))
    code, found = check(contrib_project, tmp_path, text)
    assert code == 1
    assert [(f["rule"], f["focus"], f["path"], f["line"]) for f in found] == [
        ("contribution/KnownTerms", ITEM, "pko:countUnits", line_of(text, "countUnits"))]
    assert found[0]["message"] == ("pko:countUnits is an unknown property: the ontology does not "
                                   "declare it (did you mean pko:countUnit?)")


def test_unknown_class(contrib_project: Path, tmp_path: Path) -> None:
    text = turtle(SOURCE, CONTRIBUTION.replace("line:1 a pko:ItemLine", "line:1 a pko:ItemLne"))
    code, found = check(contrib_project, tmp_path, text)
    assert code == 1
    assert rules(found) == [("ContributionInKindShape/Class", CONTRIB),
                            ("contribution/KnownTerms", ITEM)]
    unknown = next(f for f in found if f["rule"] == "contribution/KnownTerms")
    assert (unknown["value"], unknown["line"]) == ("pko:ItemLne", line_of(text, "pko:ItemLne"))
    assert "did you mean pko:ItemLine?" in str(unknown["message"])


def test_unknown_terms_of_other_kinds(contrib_project: Path, tmp_path: Path) -> None:
    text = turtle(SOURCE, CONTRIBUTION.replace('"sheets"', '"sheets"^^xsd:strin'),
                  "line:1 pko:qualifier pko:aproximately .\n",
                  "line:1 a pko:quantity .\n")
    code, found = check(contrib_project, tmp_path, text)
    assert code == 1
    messages = {f["message"] for f in found if f["rule"] == "contribution/KnownTerms"}
    assert messages == {
        "unknown datatype xsd:strin",
        "pko:aproximately is not a term of the ontology (did you mean pko:approximately?)",
        "pko:quantity is a property, not a class",
    }


def test_reference_to_a_thing_that_does_not_exist(contrib_project: Path, tmp_path: Path) -> None:
    text = turtle(SOURCE, CONTRIBUTION.replace("organization:unhcr", "organization:unhcrr"))
    code, found = check(contrib_project, tmp_path, text)
    assert code == 1
    assert [(f["rule"], f["path"], f["value"], f["line"]) for f in found] == [
        ("contribution/ResolvedReference", "pko:recipient", "id:organization/unhcrr",
         line_of(text, "unhcrr"))]


def test_missing_required_value(contrib_project: Path, tmp_path: Path) -> None:
    text = turtle(SOURCE, CONTRIBUTION.replace("    pko:recipient organization:unhcr ;\n", ""))
    code, found = check(contrib_project, tmp_path, text)
    assert code == 1
    assert [(f["rule"], f["focus"], f["path"], f["message"]) for f in found] == [
        ("ContributionInKindShape/MinCount", CONTRIB, "pko:recipient",
         "a contribution in kind has a recipient")]
    assert found[0]["line"] == line_of(text, "contribution:test-2099-unhcr a")


def test_negative_quantity(contrib_project: Path, tmp_path: Path) -> None:
    text = turtle(SOURCE, CONTRIBUTION.replace("pko:quantity 300.0", "pko:quantity -3.5"))
    code, found = check(contrib_project, tmp_path, text)
    assert code == 1
    assert [(f["rule"], f["focus"], f["value"], f["line"], f["message"]) for f in found] == [
        ("ItemLineShape/MinExclusive", ITEM, '"-3.5"^^xsd:decimal',
         line_of(text, "-3.5"), "a quantity is a positive number")]


def test_end_before_begin(contrib_project: Path, tmp_path: Path) -> None:
    text = turtle(SOURCE, """
membership:yasushi-akashi-untac a org:Membership ;
    org:member person:yasushi-akashi ;
    org:organization mission:untac ;
    pko:title "Special Representative of the Secretary-General"@en ;
    pko:beginDate "1993-03"^^xsd:gYearMonth ;
    pko:endDate "1992"^^xsd:gYear ;
    prov:wasDerivedFrom cite:l1 .
""")
    code, found = check(contrib_project, tmp_path, text)
    assert code == 1
    assert [(f["rule"], f["path"], f["line"], f["message"]) for f in found] == [
        ("DatedShape/SPARQL", "pko:endDate", line_of(text, "pko:endDate"),
         "the end date 1992 is before the begin date 1993-03")]


def test_missing_source(contrib_project: Path, tmp_path: Path) -> None:
    """A typed thing without a citation is reported once (by the shapes); an untyped one by
    the contribution rule, since its triples cannot be placed in any citation's graph."""
    text = turtle(SOURCE, CONTRIBUTION.replace(
        '    pko:countUnit "sheets" ;\n    prov:wasDerivedFrom cite:l1 .',
        '    pko:countUnit "sheets" .'),
        'organization:unhcr skos:altLabel "UN Refugee Agency"@en .\n')
    code, found = check(contrib_project, tmp_path, text)
    assert code == 1
    sourced = [(f["rule"], f["focus"], f["path"]) for f in found
               if f["path"] == "prov:wasDerivedFrom"]
    assert sourced == [("SourcedShape/MinCount", ITEM, "prov:wasDerivedFrom"),
                       ("contribution/CitedStatement", "id:organization/unhcr",
                        "prov:wasDerivedFrom")]
    assert found[-1]["line"] == line_of(text, "UN Refugee Agency")


def test_likely_duplicate(contrib_project: Path, tmp_path: Path) -> None:
    text = turtle(SOURCE, """
person:akashi-yasushi a foaf:Person ;
    rdfs:label "AKASHI Yasushi"@en ;
    prov:wasDerivedFrom cite:l1 .
""")
    code, found = check(contrib_project, tmp_path, text)
    assert code == 1
    assert [(f["rule"], f["focus"], f["line"]) for f in found] == [
        ("contribution/NoLikelyDuplicate", "id:person/akashi-yasushi", line_of(text, "AKASHI"))]
    assert str(found[0]["message"]).startswith("likely duplicate of id:person/yasushi-akashi")


def test_likely_duplicate_by_acronym_of_a_narrower_type(contrib_project: Path,
                                                        tmp_path: Path) -> None:
    text = turtle(SOURCE, """
organization:refugee-agency a org:Organization ;
    rdfs:label "UNHCR"@en ;
    prov:wasDerivedFrom cite:l1 .
""")
    code, found = check(contrib_project, tmp_path, text)
    assert code == 1
    assert [(f["rule"], f["focus"]) for f in found] == [
        ("contribution/NoLikelyDuplicate", "id:organization/refugee-agency")]
    assert str(found[0]["message"]).startswith("likely duplicate of id:organization/unhcr")


def test_a_new_thing_of_another_type_with_an_existing_name_is_no_duplicate(
        contrib_project: Path, tmp_path: Path) -> None:
    text = turtle(SOURCE, """
<https://w3id.org/pkograph/id/event/yasushi-akashi> a pko:Event ;
    rdfs:label "Yasushi Akashi"@en ;
    prov:wasDerivedFrom cite:l1 .
""")
    assert check(contrib_project, tmp_path, text) == (0, [])


def test_blank_nodes_literals_and_iris(contrib_project: Path, tmp_path: Path) -> None:
    text = turtle(SOURCE, """
<http://example.org/event> a pko:Event ; rdfs:label "An event"@en ; prov:wasDerivedFrom cite:l1 .
person:yasushi-akashi skos:altLabel [ rdfs:label "x"@en ] ; prov:wasDerivedFrom cite:l1 .
""", CONTRIBUTION.replace("pko:quantity 300.0", 'pko:quantity "many"^^xsd:decimal'))
    code, found = check(contrib_project, tmp_path, text)
    assert code == 1
    ours = {(f["rule"], f["line"]) for f in found if str(f["rule"]).startswith("contribution/")}
    assert ours == {
        ("contribution/PkographIRI", line_of(text, "example.org")),
        ("contribution/NoBlankNodes", line_of(text, "skos:altLabel [")),
        ("contribution/WellTypedLiteral", line_of(text, '"many"')),
        ("contribution/CitedStatement", line_of(text, "skos:altLabel [")),
    }


def test_triples_are_placed_in_the_graph_of_a_citation(contrib_project: Path,
                                                       tmp_path: Path) -> None:
    """Several citations leave open which states a default-graph triple; a named graph that
    is not a citation is refused; a named graph that is one places its triples."""
    two = turtle(SOURCE, CONTRIBUTION.replace(
        "    prov:wasDerivedFrom cite:l1 .\nline:1",
        "    prov:wasDerivedFrom cite:l1 , <https://w3id.org/pkograph/id/citation/"
        "road-to-peace-2019/l160> .\nline:1"))
    code, found = check(contrib_project, tmp_path, two)
    assert code == 1
    assert {(f["rule"], f["focus"]) for f in found} == {("contribution/CitedStatement", CONTRIB)}
    assert "states 2 citations" in str(found[0]["message"])
    good = write(tmp_path, "named.trig", turtle(SOURCE, f"\ncite:l1 {{ {CONTRIBUTION} }}\n"))
    assert findings(contrib_project, good) == (0, [])
    bad = write(tmp_path, "bad.trig", turtle(SOURCE, "\n<https://w3id.org/pkograph/graph/mine> "
                                             f"{{ {CONTRIBUTION} }}\n"))
    code, found = findings(contrib_project, bad)
    assert code == 1
    assert {f["rule"] for f in found} >= {"contribution/CitationGraph"}



# --- the same contribution in every format ---------------------------------------------------

FORMATS = Path(__file__).parent / "data" / "contribute" / "formats"


@pytest.mark.parametrize("kind", ["valid", "invalid"])
def test_every_format_gives_the_same_findings(contrib_project: Path, kind: str) -> None:
    paths = sorted(FORMATS.glob(f"{kind}.*"))
    assert {p.suffix for p in paths} == {".ttl", ".nt", ".nq", ".trig", ".jsonld", ".rdf"}
    outcomes = {}
    for path in paths:
        code, found = findings(contrib_project, path)
        outcomes[path.suffix] = (code, sorted((f["rule"], f["focus"], f["path"], f["value"])
                                              for f in found))
        assert all(f["line"] for f in found), path
    assert len(set(map(str, outcomes.values()))) == 1, outcomes
    code, found = outcomes[".ttl"]
    if kind == "valid":
        assert (code, found) == (0, [])
    else:
        assert code == 1
        assert found == [
            ("ItemLineShape/MinExclusive", ITEM, "pko:quantity", '"-300"^^xsd:decimal'),
            ("contribution/KnownTerms", ITEM, "pko:countUnits", None),
        ]


# --- the reports ------------------------------------------------------------------------------


def test_json_and_shacl_reports(contrib_project: Path, tmp_path: Path) -> None:
    text = turtle(SOURCE, CONTRIBUTION.replace("pko:quantity 300.0", "pko:quantity -1.0")
                  .replace("pko:countUnit", "pko:countUnits"))
    path = write(tmp_path, "bad.ttl", text)
    result = run(contrib_project, "validate", "--format", "json", path)
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert (report["conforms"], report["triples"], report["violations"]) == (False, 18, 2)
    assert report["findings"][0] == {
        "file": str(path), "line": line_of(text, "-1.0"), "severity": "Violation", "focus": ITEM,
        "path": "pko:quantity", "value": '"-1"^^xsd:decimal',
        "message": "a quantity is a positive number", "rule": "ItemLineShape/MinExclusive"}
    result = run(contrib_project, "validate", "--format", "shacl", path)
    assert result.exit_code == 1
    graph = Graph().parse(data=result.stdout, format="turtle")
    (node,) = graph.subjects(RDF.type, SH.ValidationReport)
    assert graph.value(node, SH.conforms) == Literal(False)
    results = list(graph.objects(node, SH.result))
    assert len(results) == 2
    item = URIRef("https://w3id.org/pkograph/id/item-line/test-2099-unhcr/1")
    assert {graph.value(r, SH.focusNode) for r in results} == {item}
    assert {graph.value(r, SH.resultPath) for r in results} == {
        URIRef("https://w3id.org/pkograph/ontology#quantity"),
        URIRef("https://w3id.org/pkograph/ontology#countUnits")}
    assert {graph.value(r, SH.sourceShape) for r in results} >= {
        URIRef("https://w3id.org/pkograph/shapes#KnownTerms")}


def test_text_report_names_file_line_focus_path_value_rule(contrib_project: Path,
                                                           tmp_path: Path) -> None:
    text = turtle(SOURCE, CONTRIBUTION.replace("pko:quantity 300.0", "pko:quantity -1.0"))
    path = write(tmp_path, "bad.ttl", text)
    result = run(contrib_project, "validate", path)
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{path}:{line_of(text, '-1.0')}: Violation: a quantity is a positive number (focus "
        f"{ITEM}; path pko:quantity; value \"-1\"^^xsd:decimal) [rule: ItemLineShape/MinExclusive]",
        "18 triples in 1 file(s), 4 focus nodes: 1 violation"]


# --- unreadable input: exit 2, file and place, no traceback ---------------------------------


@pytest.mark.parametrize(("name", "content", "message"), [
    ("syntax.ttl", b'@prefix pko: <https://w3id.org/pkograph/ontology#> .\n'
                   b'<https://w3id.org/pkograph/id/x/y> pko:quantity 1.0 pko:countUnit "z" .\n',
     "syntax.ttl:2:"),
    ("empty.ttl", b"", "empty.ttl: the file is empty"),
    ("blank.nt", b"  \n\n", "blank.nt: the file is empty"),
    ("comments.ttl", b"# nothing but a comment\n", "comments.ttl: the file holds no triples"),
    ("latin1.ttl", b'<https://w3id.org/pkograph/id/x/y> <http://www.w3.org/2000/01/rdf-schema#'
                   b'label> "Zo\xe9" .\n', "latin1.ttl:1:84: not UTF-8 text"),
    ("utf16.ttl", "<a> <b> <c> .".encode("utf-16"), "not UTF-8 text (it looks like UTF-16)"),
    ("relative.ttl", b"<a> <b> <c> .\n", "relative.ttl:1:1: syntax error: No scheme found"),
    ("bad.json", b'{"@id": "https://w3id.org/pkograph/id/x/y",\n "a": }', "bad.json:2:7: JSON"),
    ("notes.txt", b"hello", "unknown file extension '.txt'"),
])
def test_unreadable_files_exit_2_with_place(contrib_project: Path, tmp_path: Path, name: str,
                                            content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    result = run(contrib_project, "validate", path)
    assert result.exit_code == 2
    assert message in result.stderr
    assert "Traceback" not in result.output


def test_every_unreadable_file_is_reported(contrib_project: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "a.ttl", tmp_path / "b.nt"
    first.write_bytes(b"")
    second.write_bytes(b"<http://x> .\n")
    result = run(contrib_project, "validate", first, second)
    assert result.exit_code == 2
    assert [line.split(":")[0] for line in result.stderr.splitlines()] == ["error", "error"]
    assert str(first) in result.stderr and f"{second}:1:" in result.stderr


def test_oversized_file_is_refused_before_it_is_read(contrib_project: Path,
                                                     tmp_path: Path) -> None:
    path = tmp_path / "huge.ttl"
    with path.open("wb") as out:
        out.truncate(read.MAX_FILE_BYTES + 1)
    result = run(contrib_project, "validate", path)
    assert result.exit_code == 2
    assert f"file too large: {read.MAX_FILE_BYTES + 1:,} bytes" in result.stderr


def test_usage_errors_exit_2(contrib_project: Path, tmp_path: Path) -> None:
    assert run(contrib_project, "validate").exit_code == 2
    assert run(contrib_project, "validate", tmp_path / "missing.ttl").exit_code == 2
    assert run(contrib_project, "validate", "--format", "xml",
               EXAMPLES / "contribution-valid.ttl").exit_code == 2


def test_relative_iris_need_a_base(contrib_project: Path, tmp_path: Path) -> None:
    path = write(tmp_path, "relative.ttl", turtle(SOURCE, CONTRIBUTION.replace(
        "organization:unhcr", "<unhcr>")))
    assert run(contrib_project, "validate", path).exit_code == 2
    result = run(contrib_project, "validate", "--base",
                 "https://w3id.org/pkograph/id/organization/", path)
    assert result.exit_code == 0, result.output


def test_jsonld_types_no_context_defines_are_refused(contrib_project: Path,
                                                     tmp_path: Path) -> None:
    path = write(tmp_path, "type.jsonld", json.dumps({
        "@context": {"pko": "https://w3id.org/pkograph/ontology#"},
        "@id": "https://w3id.org/pkograph/id/item-line/test-2099-unhcr/1",
        "@type": "ItemLine", "pko:countUnit": "sets"}))
    result = run(contrib_project, "validate", path)
    assert result.exit_code == 2
    assert "type.jsonld:1: JSON-LD @type 'ItemLine' is not defined by any @context" in result.stderr


def test_jsonld_keys_no_context_defines_are_refused(contrib_project: Path,
                                                    tmp_path: Path) -> None:
    path = write(tmp_path, "typo.jsonld", json.dumps({
        "@context": {"pko": "https://w3id.org/pkograph/ontology#"},
        "@id": "https://w3id.org/pkograph/id/item-line/test-2099-unhcr/1",
        "quantitty": 5}, indent=1))
    result = run(contrib_project, "validate", path)
    assert result.exit_code == 2
    line = line_of(path.read_text(), '"quantitty"')
    assert (f"typo.jsonld:{line}: JSON-LD key 'quantitty' is not defined by any @context"
            in result.stderr)


# --- hostile input: refused or ignored, in bounded time and memory, nothing fetched ---------


class _Recorder(http.server.BaseHTTPRequestHandler):
    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        _Recorder.requests.append(self.path)
        body = b'{"@context": {"pko": "https://w3id.org/pkograph/ontology#"}}'
        self.send_response(200)
        self.send_header("Content-Type", "application/ld+json")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    """A local HTTP server that records every request it gets."""
    _Recorder.requests = []
    httpd = http.server.HTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (2 * 1024**3, 2 * 1024**3))


def _hostile(root: Path, path: Path) -> tuple[int, str]:
    done = run_process(root, "validate", path, timeout=60, preexec_fn=_limit_memory)
    return done.returncode, done.stderr


RDF_XML_HEAD = ('<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
                'xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#">\n'
                '<rdf:Description rdf:about="https://w3id.org/pkograph/id/person/yasushi-akashi">'
                '<rdfs:label>&e;</rdfs:label></rdf:Description></rdf:RDF>\n')


def test_rdfxml_external_entity_is_refused(contrib_project: Path, tmp_path: Path,
                                           server: str) -> None:
    secret = write(tmp_path, "secret.txt", "do not read")
    for n, target in enumerate((secret.as_uri(), f"{server}/entity")):
        path = write(tmp_path, f"external-{n}.rdf", f'<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF '
                     f'[ <!ENTITY e SYSTEM "{target}"> ]>\n' + RDF_XML_HEAD)
        code, stderr = _hostile(contrib_project, path)
        assert code == 2
        assert f"external-{n}.rdf:2:1: RDF/XML with <!DOCTYPE is refused" in stderr
        assert "do not read" not in stderr
    assert _Recorder.requests == []


def test_entity_expansion_bomb_is_refused(contrib_project: Path, tmp_path: Path) -> None:
    levels = ['<!ENTITY l0 "lol">'] + [
        f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10)]
    path = write(tmp_path, "bomb.rdf", '<?xml version="1.0"?>\n<!DOCTYPE rdf:RDF [\n'
                 + "\n".join(levels) + "\n]>\n" + RDF_XML_HEAD.replace("&e;", "&l9;"))
    code, stderr = _hostile(contrib_project, path)
    assert code == 2
    assert "bomb.rdf:2:1: RDF/XML with <!DOCTYPE is refused" in stderr


@pytest.mark.parametrize("context", ["{server}/context.jsonld", "file:///etc/hostname",
                                     ["{server}/context.jsonld"],
                                     {"@import": "{server}/context.jsonld"}])
def test_remote_jsonld_contexts_are_refused(contrib_project: Path, tmp_path: Path, server: str,
                                            context: object) -> None:
    filled = json.loads(json.dumps(context).replace("{server}", server))
    path = write(tmp_path, "remote.jsonld", json.dumps({
        "@context": filled, "@id": "https://w3id.org/pkograph/id/person/yasushi-akashi",
        "pko:title": "x"}))
    code, stderr = _hostile(contrib_project, path)
    assert code == 2
    assert "remote.jsonld:1: JSON-LD" in stderr and "is refused" in stderr
    assert _Recorder.requests == []


def test_owl_imports_are_never_followed(contrib_project: Path, tmp_path: Path,
                                        server: str) -> None:
    path = write(tmp_path, "imports.ttl", turtle(
        SOURCE, f"document:test-notice <http://www.w3.org/2002/07/owl#imports> <{server}/o.ttl> ."))
    code, _ = _hostile(contrib_project, path)
    assert code == 1
    assert _Recorder.requests == []
    result = run(contrib_project, "validate", "--format", "json", path)
    assert [f["rule"] for f in json.loads(result.stdout)["findings"]] == [
        "contribution/ResolvedReference"]


def test_deeply_nested_turtle_is_read_in_bounded_time(contrib_project: Path,
                                                      tmp_path: Path) -> None:
    depth = 5_000
    path = write(tmp_path, "deep.ttl", turtle(
        "person:yasushi-akashi skos:note " + "[ skos:note " * depth + '"x"' + " ]" * depth
        + " .\n"))
    done = run_process(contrib_project, "validate", "--format", "json", path, timeout=60,
                       preexec_fn=_limit_memory)
    assert "Traceback" not in done.stderr
    assert done.returncode == 1
    found = json.loads(done.stdout)["findings"]
    assert sum(1 for f in found if f["rule"] == "contribution/NoBlankNodes") == depth + 1
