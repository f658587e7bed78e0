"""pkosh:FundingSchemeShape: money given under a scheme is a financial contribution, the scheme a
programme."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from pkograph.paths import Project
from pkograph.shacl import load_ontology, load_shapes, validate

DATA = """
@prefix pko: <https://w3id.org/pkograph/ontology#> .
<https://w3id.org/pkograph/id/contribution/grant> a {contribution} ;
    pko:fundingScheme <https://w3id.org/pkograph/id/programme/scheme> .
<https://w3id.org/pkograph/id/programme/scheme> a {scheme} .
"""


@pytest.mark.parametrize(("contribution", "scheme", "rule"), [
    ("pko:FinancialContribution", "pko:Programme", None),
    ("pko:FinancialContribution", "pko:Event", "FundingSchemeShape/Class"),
    ("pko:ContributionInKind", "pko:Programme", "FundingSchemeShape/Class"),
])
def test_funding_scheme_links_a_financial_contribution_to_a_programme(
        project_root: Path, contribution: str, scheme: str, rule: str | None) -> None:
    project = Project(project_root, project_root / "build", writable=False)
    data = Graph().parse(data=DATA.format(contribution=contribution, scheme=scheme),
                         format="turtle")
    result = validate(data, load_shapes(project), load_ontology(project))
    rules = {f.rule for f in result.findings
             if f.severity == "Violation" and f.rule.startswith("FundingSchemeShape")}
    assert rules == ({rule} if rule else set())
