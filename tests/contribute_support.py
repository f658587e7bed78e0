"""What the contribution tests share: a project whose graph does not move, and ways to run the CLI.

The project is a temporary copy of the checkout's ``ontology/``, ``queries/`` and
``data/sources/``, with the records of ``tests/data/contribute/curated/`` (statements of the
sources, cited) as its ``data/curated/`` and without extractors (they read the source tables
and need every curated record), so the tests' expectations do not move while curators add
records. It is built once per session; each test works on its own copy, build output included,
and never writes into the checkout.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from project_copy import open_built

from pkograph import extract
from pkograph.build import build
from pkograph.cli import cli
from pkograph.paths import project
from pkograph.store.base import Rows

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "data" / "contribute"
EXAMPLES = ROOT / "examples"

#: ``python -c`` code running the CLI as the fixture project needs it (no extractors).
RUN_CLI = ("import pkograph.extract as e; e.EXTRACTORS.clear(); "
           "from pkograph.cli import main; main()")

PREFIXES = """@prefix pko: <https://w3id.org/pkograph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix document: <https://w3id.org/pkograph/id/document/> .
@prefix contribution: <https://w3id.org/pkograph/id/contribution/> .
@prefix organization: <https://w3id.org/pkograph/id/organization/> .
@prefix instrument: <https://w3id.org/pkograph/id/instrument/> .
@prefix item-type: <https://w3id.org/pkograph/id/item-type/> .
@prefix person: <https://w3id.org/pkograph/id/person/> .
@prefix mission: <https://w3id.org/pkograph/id/mission/> .
@prefix membership: <https://w3id.org/pkograph/id/membership/> .
@prefix cite: <https://w3id.org/pkograph/id/citation/test-notice/> .
@prefix line: <https://w3id.org/pkograph/id/item-line/test-2099-unhcr/> .
"""

#: A new source document and its citation, which contributions in the tests cite as cite:l1.
SOURCE = """
document:test-notice a pko:SourceDocument ;
    rdfs:label "TEST notice"@en ;
    dcterms:title "TEST notice (not a real document)"@en ;
    prov:wasDerivedFrom cite:l1 .
cite:l1 a pko:Citation ;
    dcterms:isPartOf document:test-notice ;
    pko:locator "TEST notice, first paragraph" .
"""

#: A conforming contribution in kind with one item line, citing cite:l1.
CONTRIBUTION = """
contribution:test-2099-unhcr a pko:ContributionInKind ;
    pko:recipient organization:unhcr ;
    pko:decisionDate "2099-01-15"^^xsd:date ;
    pko:legalBasis instrument:international-peace-cooperation-law ;
    pko:hasItemLine line:1 ;
    prov:wasDerivedFrom cite:l1 .
line:1 a pko:ItemLine ;
    pko:itemType item-type:blanket ;
    pko:quantity 300.0 ;
    pko:countUnit "sheets" ;
    prov:wasDerivedFrom cite:l1 .
"""


def make_project(target: Path) -> Path:
    """The fixture project (see the module docstring) in ``target``."""
    for name in ("ontology", "queries"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copytree(ROOT / "data" / "sources", target / "data" / "sources")
    shutil.copytree(FIXTURES / "curated", target / "data" / "curated")
    for name in ("contributed", "extraction"):
        (target / "data" / name).mkdir()
    return target


@pytest.fixture(scope="session")
def contribution_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("contribution-template"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(extract, "EXTRACTORS", [])
        build(project(root))
    return root


@pytest.fixture
def contrib_project(contribution_template: Path, tmp_path: Path,
                    monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fresh copy of the fixture project, built, for one test."""
    monkeypatch.setattr(extract, "EXTRACTORS", [])
    root = tmp_path / "project"
    shutil.copytree(contribution_template, root)
    yield root


def run(root: Path, *args: str | Path) -> Result:
    """``pkograph --project ROOT ARGS...`` in process."""
    return CliRunner().invoke(cli, ["--project", str(root), *(str(a) for a in args)],
                              catch_exceptions=False)


def run_process(root: Path, *args: str | Path, timeout: float = 120,
                **kwargs: object) -> subprocess.CompletedProcess[str]:
    """``pkograph --project ROOT ARGS...`` in a process of its own."""
    return subprocess.run([sys.executable, "-c", RUN_CLI, "--project", str(root),
                           *(str(a) for a in args)], capture_output=True, text=True,
                          timeout=timeout, check=False, **kwargs)  # type: ignore[call-overload]


def popen(root: Path, *args: str | Path) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", RUN_CLI, "--project", str(root),
                             *(str(a) for a in args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def turtle(*parts: str) -> str:
    return PREFIXES + "".join(parts)


def findings(root: Path, *files: Path) -> tuple[int, list[dict[str, object]]]:
    """Exit code and JSON findings of ``pkograph validate --format json FILES``."""
    result = run(root, "validate", "--format", "json", *files)
    return result.exit_code, json.loads(result.stdout)["findings"]


def rules(found: list[dict[str, object]]) -> list[tuple[object, object]]:
    """(rule, focus) of each finding, sorted."""
    return sorted((f["rule"], f["focus"]) for f in found)


def select(root: Path, query: str) -> Rows:
    """A query on the project's graph (rebuilt if data/ changed)."""
    store = open_built(project(root))
    try:
        return store.select(query)
    finally:
        store.close()


def contributed(root: Path) -> list[Path]:
    return sorted((root / "data" / "contributed").iterdir())
