"""What ``pkograph validate`` and ``add`` refuse beyond the shapes: contradictions the reasoner
would find, two new names for one thing, more triples than allowed, JSON with a key twice,
characters an output format cannot carry; and an ill-typed literal is a finding, not a crash.

The contributions are checked against the fixture project's graph (``contribute_support``).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from contribute_support import (
    CONTRIBUTION,
    SOURCE,
    contrib_project,
    contributed,
    contribution_template,
    findings,
    run,
    turtle,
    write,
)
from rdflib import Graph

from pkograph.contribute.read import MAX_TRIPLES, Delta, read_file
from pkograph.contribute.validate import check_contribution
from pkograph.namespaces import ONTOLOGY_GRAPH
from pkograph.paths import project
from pkograph.reason import check
from pkograph.shacl import load_ontology, load_shapes
from pkograph.store import open_embedded
from pkograph.store.embedded import MemoryStore

__all__ = ["contrib_project", "contribution_template"]


def line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), start=1) if needle in line)


def validate(root: Path, tmp_path: Path, text: str,
             name: str = "contribution.ttl") -> tuple[int, list[dict[str, object]]]:
    """Findings of a file written in the project's folder (so that it is shown as ``name``)."""
    return findings(root, write(root, name, text))


def ours(found: list[dict[str, object]], rule: str) -> list[tuple[object, ...]]:
    return [(f["line"], f["focus"], f["message"]) for f in found if f["rule"] == rule]


# --- an ill-typed literal compared with another value ----------------------------------------


def test_an_ill_typed_line_number_is_a_finding_with_its_line(contrib_project: Path,
                                                             tmp_path: Path) -> None:
    """pko:firstLine "abc"^^xsd:integer, with a pko:lastLine its shape compares it with."""
    text = turtle(SOURCE.replace('pko:locator "TEST notice, first paragraph" .',
                                 'pko:locator "TEST notice, first paragraph" ;\n'
                                 '    pko:firstLine "abc"^^xsd:integer ;\n'
                                 '    pko:lastLine 3 .'))
    code, found = validate(contrib_project, tmp_path, text)
    line = line_of(text, '"abc"')
    assert code == 1
    assert sorted((f["line"], f["rule"]) for f in found) == [
        (line, "CitationShape/Datatype"), (line, "CitationShape/LessThanOrEquals"),
        (line, "CitationShape/MinInclusive"), (line, "contribution/WellTypedLiteral")]
    assert {f["value"] for f in found} == {'"abc"^^xsd:integer'}


# --- what the reasoner would find -----------------------------------------------------------


AKASHI_AN_ORGANIZATION = """
person:yasushi-akashi a org:Organization ;
    prov:wasDerivedFrom cite:l1 .
"""

A_LAW_MADE_AN_AGREEMENT = """
instrument:international-peace-cooperation-law a pko:Agreement ;
    prov:wasDerivedFrom cite:l1 .
"""

A_REGION_AS_A_HOST_COUNTRY = """
<https://w3id.org/pkograph/id/place/test-region> a pko:Region ;
    rdfs:label "TEST region"@en ;
    prov:wasDerivedFrom cite:l1 .
mission:untac pko:hostCountry <https://w3id.org/pkograph/id/place/test-region> ;
    prov:wasDerivedFrom cite:l1 .
"""

AKASHI_AS_THE_ORGANIZATION_OF_A_POST = """
membership:test-post a org:Membership ;
    org:member person:yasushi-akashi ;
    org:organization person:yasushi-akashi ;
    prov:wasDerivedFrom cite:l1 .
"""


def test_a_cited_person_made_an_organization_is_refused(contrib_project: Path,
                                                        tmp_path: Path) -> None:
    """FOAF's and ORG's classes are not declared disjoint (that would reach other people's
    data); a person of this graph is not an organization by its shapes."""
    text = turtle(SOURCE, AKASHI_AN_ORGANIZATION)
    code, found = validate(contrib_project, tmp_path, text)
    assert code == 1
    assert [(f["focus"], f["message"], f["rule"]) for f in found] == [
        ("id:person/yasushi-akashi", "a person is not an organization", "PersonShape/Not")]


def test_add_refuses_it_and_writes_nothing(contrib_project: Path, tmp_path: Path) -> None:
    result = run(contrib_project, "add", write(tmp_path, "c.ttl",
                                               turtle(SOURCE, AKASHI_AN_ORGANIZATION)))
    assert result.exit_code == 1
    assert "[rule: PersonShape/Not]" in result.stdout
    assert contributed(contrib_project) == []


def test_a_thing_made_a_member_of_a_disjoint_class_is_refused(contrib_project: Path,
                                                              tmp_path: Path) -> None:
    text = turtle(SOURCE, A_LAW_MADE_AN_AGREEMENT)
    code, found = validate(contrib_project, tmp_path, text)
    assert code == 1
    [(line, focus, message)] = ours(found, "contribution/Consistent")
    law = "id:instrument/international-peace-cooperation-law"
    assert (line, focus) == (line_of(text, "a pko:Agreement"), law)
    assert str(message).startswith(f"{law} would be both a pko:Agreement")
    assert "classes the ontology declares disjoint" in str(message)


def test_a_range_that_pushes_a_place_into_a_disjoint_class_is_refused(
        contrib_project: Path, tmp_path: Path) -> None:
    text = turtle(SOURCE, A_REGION_AS_A_HOST_COUNTRY)
    code, found = validate(contrib_project, tmp_path, text)
    assert code == 1
    [(line, focus, message)] = ours(found, "contribution/Consistent")
    assert (line, focus) == (line_of(text, "a pko:Region"), "id:place/test-region")
    assert "(the range of pko:hostCountry)" in str(message)


def test_a_value_outside_a_datatype_range_is_refused(contrib_project: Path,
                                                     tmp_path: Path) -> None:
    text = turtle(SOURCE, CONTRIBUTION.replace('"sheets"', '"sheets"@en'))
    code, found = validate(contrib_project, tmp_path, text)
    assert code == 1
    assert ours(found, "contribution/Consistent") == [(
        line_of(text, '"sheets"@en'), "id:item-line/test-2099-unhcr/1",
        '"sheets"@en is not a xsd:string, the range of pko:countUnit: the reasoner would find '
        "the graph inconsistent")]


CASES = {
    "a law made an agreement": (A_LAW_MADE_AN_AGREEMENT, False),
    "a region as a host country": (A_REGION_AS_A_HOST_COUNTRY, False),
    "a person made an organization (no axiom: the shapes refuse it)": (
        AKASHI_AN_ORGANIZATION, True),
    "a year as a decision date": (
        CONTRIBUTION.replace('"2099-01-15"^^xsd:date', '"2099"^^xsd:gYear'), False),
    "a conforming contribution, with a whole decimal as a line number": (
        CONTRIBUTION + SOURCE.replace('pko:locator "TEST notice, first paragraph" .',
                       'pko:locator "TEST notice, first paragraph" ; '
                       'pko:firstLine "5"^^xsd:decimal .'), True),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_validate_agrees_with_the_reasoner(contrib_project: Path, tmp_path: Path,
                                           case: str) -> None:
    """Pellet, run over the graph with the contribution added, finds a contradiction exactly
    when validate reports one."""
    body, consistent = CASES[case]
    path = write(tmp_path, "c.ttl", turtle(SOURCE, body))
    proj = project(contrib_project)
    built = open_embedded(proj)
    quads = [q for q in built.quads() if q[3] != ONTOLOGY_GRAPH]
    built.close()
    ontology = load_ontology(proj)
    store = MemoryStore([*quads, *((s, p, o, ONTOLOGY_GRAPH) for s, p, o in ontology)])
    delta = Delta(read_file(path, path.name), [path.name])
    outcome = check_contribution(delta, store, load_shapes(proj), ontology)
    reported = [f for f in outcome.findings if f.finding.rule == "contribution/Consistent"]
    union = Graph()
    for s, p, o, _ in quads:
        union.add((s, p, o))
    for st in delta.statements:
        union.add(st.triple)
    assert check(union, ontology).consistent is consistent
    assert (not reported) is consistent, [f.finding.message for f in reported]


# --- two new names for one thing --------------------------------------------------------------


FIRST_ORGANIZATION = """
organization:test-relief-agency a pko:UNBody ;
    rdfs:label "Test Relief Agency"@en ;
    prov:wasDerivedFrom cite:l1 .
"""
SECOND_ORGANIZATION = """
organization:relief-agency-test a org:Organization ;
    rdfs:label "Relief Agency, Test"@en ;
    prov:wasDerivedFrom cite:l1 .
"""
TWO_NEW_ORGANIZATIONS = FIRST_ORGANIZATION + SECOND_ORGANIZATION


def test_two_new_things_with_one_name_are_likely_duplicates(contrib_project: Path,
                                                            tmp_path: Path) -> None:
    text = turtle(SOURCE, TWO_NEW_ORGANIZATIONS)
    code, found = validate(contrib_project, tmp_path, text)
    assert code == 1
    assert ours(found, "contribution/NoLikelyDuplicate") == [(
        line_of(text, "Relief Agency, Test"), "id:organization/relief-agency-test",
        "likely duplicate of id:organization/test-relief-agency, also new in this contribution "
        f"(contribution.ttl:{line_of(text, 'Test Relief Agency')}; same type and name): describe "
        "one thing with one IRI")]


def test_two_files_of_one_contribution_are_compared_too(contrib_project: Path,
                                                        tmp_path: Path) -> None:
    one = write(contrib_project, "one.ttl", turtle(SOURCE, FIRST_ORGANIZATION))
    two = write(contrib_project, "two.ttl", turtle(SECOND_ORGANIZATION))
    code, found = findings(contrib_project, one, two)
    assert code == 1
    assert [(f["file"], f["focus"]) for f in found] == [
        ("two.ttl", "id:organization/relief-agency-test")]


def test_one_name_on_things_of_unrelated_types_is_no_duplicate(contrib_project: Path,
                                                               tmp_path: Path) -> None:
    text = turtle(SOURCE, """
organization:test-relief-agency a pko:UNBody ;
    rdfs:label "Test Relief Agency"@en ;
    prov:wasDerivedFrom cite:l1 .
<https://w3id.org/pkograph/id/event/test-relief-agency> a pko:Event ;
    rdfs:label "Test Relief Agency"@en ;
    prov:wasDerivedFrom cite:l1 .
""")
    assert validate(contrib_project, tmp_path, text) == (0, [])


# --- size ----------------------------------------------------------------------------------------


def test_a_million_short_triples_are_refused_at_the_cap(contrib_project: Path,
                                                        tmp_path: Path) -> None:
    """6.9 MB of Turtle, under the byte cap: reading stops at triple 100,001."""
    values = ", ".join(str(n) for n in range(1_000_000))
    text = f"<https://w3id.org/pkograph/id/figure/x> <urn:x:n>\n{values} .\n"
    path = write(contrib_project, "many.ttl", text)
    assert path.stat().st_size < 10 * 1024 * 1024
    result = run(contrib_project, "validate", path)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        f"error: many.ttl:2: more than {MAX_TRIPLES:,} triples: a contribution holds at most "
        "that many (--max-triples); reading stopped here; split it into several contributions")


def test_the_cap_is_configurable_and_counts_every_file(contrib_project: Path,
                                                       tmp_path: Path) -> None:
    one = write(contrib_project, "one.ttl", turtle(SOURCE))
    two = write(contrib_project, "two.ttl", turtle(CONTRIBUTION))
    assert run(contrib_project, "validate", "--max-triples", "20", one, two).exit_code == 0
    result = run(contrib_project, "add", "--max-triples", "12", one, two)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].startswith(
        "error: two.ttl:") and "more than 12 triples" in result.stderr
    assert contributed(contrib_project) == []


# --- JSON-LD with a key twice ------------------------------------------------------------------


def test_jsonld_with_two_contexts_is_refused(contrib_project: Path, tmp_path: Path) -> None:
    text = json.dumps({"@id": "https://w3id.org/pkograph/id/person/x"}, indent=2)
    text = text.replace('{\n', '{\n  "@context": {"rdfs": "http://www.w3.org/2000/01/rdf-schema#"'
                               '},\n  "rdfs:label": "X",\n  "@context": {"rdfs": '
                               '"http://example.org/"},\n')
    result = run(contrib_project, "validate", write(contrib_project, "twice.jsonld", text))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        'error: twice.jsonld:1: a JSON object has the key "@context" twice: JSON readers disagree '
        "on which one counts; keep one")


def test_a_key_twice_in_a_nested_object_is_located(contrib_project: Path,
                                                   tmp_path: Path) -> None:
    text = ('{\n  "@context": {"rdfs": "http://www.w3.org/2000/01/rdf-schema#"},\n'
            '  "@graph": [\n    {"@id": "https://w3id.org/pkograph/id/person/x",\n'
            '     "rdfs:label": "X", "rdfs:label": "Y"}\n  ]\n}\n')
    result = run(contrib_project, "validate", write(contrib_project, "nested.jsonld", text))
    assert result.exit_code == 2
    assert 'nested.jsonld:4: a JSON object has the key "rdfs:label" twice' in result.stderr


# --- characters an output format cannot carry -------------------------------------------------


def test_a_null_character_in_a_literal_is_refused(contrib_project: Path, tmp_path: Path) -> None:
    text = turtle(SOURCE.replace('"TEST notice"@en', '"TEST\\u0000notice\\u001b[31m"@en'))
    code, found = validate(contrib_project, tmp_path, text)
    assert code == 1
    assert ours(found, "contribution/PortableText") == [(
        line_of(text, "u0000"), "id:document/test-notice",
        "the text holds U+0000, U+001B, which RDF/XML (XML 1.0) cannot carry: remove it")]


def test_the_build_refuses_such_a_literal_in_contributed_data(contrib_project: Path) -> None:
    (contrib_project / "data" / "contributed" / "hand-0123456789abcdef.nq").write_text(
        '<https://w3id.org/pkograph/id/person/yasushi-akashi> '
        '<http://www.w3.org/2004/02/skos/core#altLabel> "A\\u0000" '
        '<https://w3id.org/pkograph/id/citation/test/l1> .\n', encoding="utf-8")
    result = run(contrib_project, "export", "-f", "xml", "-o", "-")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1].strip().startswith(
        "data/contributed/hand-0123456789abcdef.nq:1: a literal holds U+0000, which RDF/XML "
        "(XML 1.0) cannot carry;")

