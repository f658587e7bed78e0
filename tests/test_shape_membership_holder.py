"""pkosh:MembershipHolderShape: a post is held by a named person or ex officio by a role holder."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from pkograph.paths import Project
from pkograph.shacl import load_ontology, load_shapes, validate

DATA = """
@prefix pko: <https://w3id.org/pkograph/ontology#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix x: <https://w3id.org/pkograph/id/> .
<https://w3id.org/pkograph/id/membership/post> a org:Membership ;
    org:organization <https://w3id.org/pkograph/id/organization/hq> ;
    pko:title "Chief"@en {holder} .
<https://w3id.org/pkograph/id/organization/hq> a pko:GovernmentBody .
<https://w3id.org/pkograph/id/person/someone> a foaf:Person .
<https://w3id.org/pkograph/id/role/prime-minister> a skos:Concept , org:Role ;
    skos:inScheme <https://w3id.org/pkograph/id/scheme/role> .
"""
PERSON = "; org:member <https://w3id.org/pkograph/id/person/someone>"
ROLE = "; pko:holderRole <https://w3id.org/pkograph/id/role/prime-minister>"


@pytest.mark.parametrize(("holder", "conforms"), [
    (PERSON, True),
    (ROLE, True),
    ("", False),
    (PERSON + ROLE, False),
])
def test_a_post_has_exactly_one_kind_of_holder(project_root: Path, holder: str,
                                               conforms: bool) -> None:
    project = Project(project_root, project_root / "build", writable=False)
    data = Graph().parse(data=DATA.replace("{holder}", holder), format="turtle")
    result = validate(data, load_shapes(project), load_ontology(project))
    rules = {f.rule for f in result.findings if f.severity == "Violation"}
    assert ("MembershipHolderShape/Xone" not in rules) is conforms
