"""``pkograph query``, ``sparql``, ``find`` and ``coverage``, run in process on the built graph.

The commands' store is replaced by the session's built graph, so the tests neither build into
nor read the checkout's ``build/``.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from pkograph.cli import cli, query_commands
from pkograph.store.base import GraphStore

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def invoke(monkeypatch: pytest.MonkeyPatch, built_store: GraphStore):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(query_commands, "graph_store", lambda ctx: built_store)
    runner = CliRunner()

    def run(*args: str, columns: int = 100) -> Result:
        return runner.invoke(cli, ["--project", str(ROOT), *args], catch_exceptions=False,
                             env={"COLUMNS": str(columns)})

    return run


def test_list_names_every_saved_query(invoke) -> None:  # type: ignore[no-untyped-def]
    result = invoke("query", "--list", "--format", "csv")
    assert result.exit_code == 0
    names = [row["name"] for row in csv.DictReader(io.StringIO(result.output))]
    assert names == sorted(p.stem for p in (ROOT / "queries").glob("*.rq"))


def test_person_trail_of_akashi(invoke) -> None:  # type: ignore[no-untyped-def]
    result = invoke("query", "person-trail", "--param", "person=Akashi", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    withs = {r["with"] for r in rows if r["link"] == "post"}
    assert "https://w3id.org/pkograph/id/mission/untac" in withs
    assert "https://w3id.org/pkograph/id/organization/agicp" in withs


def test_the_table_shortens_iris_and_wraps(invoke) -> None:  # type: ignore[no-untyped-def]
    wide = invoke("query", "person-trail", "-p", "person=Yasushi Akashi", columns=400).stdout
    assert "id:document/khare-statement-2022" in wide and "https://" not in wide
    # the IRI column 'with' is shown by its labels
    assert "Transitional Authority" in wide
    assert "id:mission/untac" not in wide
    assert wide.startswith("person: id:person/yasushi-akashi\n")
    assert "rows; empty: " in wide.splitlines()[-1]
    narrow = invoke("query", "person-trail", "-p", "person=Yasushi Akashi", columns=140).stdout
    assert max(len(line) for line in narrow.splitlines()) <= 140
    assert len(narrow.splitlines()) > len(wide.splitlines())


def test_describe_shows_parameters(invoke) -> None:  # type: ignore[no-untyped-def]
    result = invoke("query", "person-trail", "--describe")
    assert result.exit_code == 0
    assert "person (person:" in result.output and "example: pkograph query" in result.output


@pytest.mark.parametrize(("args", "message"), [
    (("query", "no-such-query"), "no saved query named 'no-such-query'"),
    (("query", "person-trail", "-p", "colour=red"), "has no parameter 'colour'"),
    (("query", "person-trail", "-p", "person"), "--param takes KEY=VALUE"),
    (("query", "person-trail", "-p", "person=Nobody Atall"), "no person is named"),
    (("query", "item-totals", "-p", "since_year=nineteen"), "parameter 'since_year'"),
    (("query",), "give a query name"),
    (("sparql", "SELECT ?s WHERE { ?s ?p"), "SPARQL syntax error"),
    (("sparql",), "give the query inline or with -f FILE"),
    (("sparql", "SELECT * WHERE { SERVICE <http://127.0.0.1:8080/sparql> { ?s ?p ?o } }"),
     "SERVICE is refused"),
    (("sparql", "INSERT DATA { <urn:a> <urn:b> <urn:c> }"), "INSERT is an update"),
])
def test_usage_errors_exit_2_with_a_message(invoke, args, message) -> None:  # type: ignore[no-untyped-def]
    result = invoke(*args)
    assert result.exit_code == 2
    assert message in result.output


def test_an_ambiguous_name_lists_candidates(invoke) -> None:  # type: ignore[no-untyped-def]
    result = invoke("query", "person-trail", "--param", "person=Inoue")
    assert result.exit_code == 2
    assert "Ken Inoue" in result.output and "Daiki Inoue" in result.output
    assert "id:person/ken-inoue" in result.output


QUERY = "SELECT ?s ?label WHERE { ?s a foaf:Person ; rdfs:label ?label } ORDER BY ?label"


def test_sparql_formats(invoke, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    as_csv = invoke("sparql", QUERY, "--format", "csv").output
    people = list(csv.DictReader(io.StringIO(as_csv)))
    assert {"s": "https://w3id.org/pkograph/id/person/yasushi-akashi",
            "label": "Yasushi Akashi"} in people
    as_json = json.loads(invoke("sparql", QUERY, "--format", "json").output)
    assert as_json["head"]["vars"] == ["s", "label"]
    assert len(as_json["results"]["bindings"]) == len(people)
    assert {"type": "literal", "value": "Yasushi Akashi", "xml:lang": "en"} in [
        b["label"] for b in as_json["results"]["bindings"]]
    as_tsv = invoke("sparql", QUERY, "--format", "tsv").output.splitlines()
    assert as_tsv[0] == "?s\t?label"
    assert '<https://w3id.org/pkograph/id/person/yasushi-akashi>\t"Yasushi Akashi"@en' in as_tsv
    path = tmp_path / "q.rq"
    path.write_text(QUERY, encoding="utf-8")
    assert invoke("sparql", "-f", str(path), "--format", "csv").output == as_csv


def test_find(invoke) -> None:  # type: ignore[no-untyped-def]
    result = invoke("find", "akashi", "--format", "csv")
    assert result.exit_code == 0
    first = next(csv.DictReader(io.StringIO(result.output)))
    assert first == {"label": "Yasushi Akashi", "type": "person",
                     "iri": "https://w3id.org/pkograph/id/person/yasushi-akashi",
                     "match": "all words"}
    none = invoke("find", "UNHCR", "--kind", "person", "--format", "csv")
    assert none.exit_code == 0 and none.stdout.splitlines() == ["label,type,iri,match"]
    assert "nothing is named 'UNHCR'" in none.stderr


def test_coverage_names_every_document(invoke) -> None:  # type: ignore[no-untyped-def]
    result = invoke("coverage")
    assert result.exit_code == 0
    for doc in ("road-to-peace-2019", "hisajima-seminar-2022", "mofa-peacebuilding-2007",
                "hrd-action-plan-2004", "khare-statement-2022"):
        assert f"id:document/{doc}" in result.output
    assert "floors: people" in result.output


@pytest.mark.parametrize("command", ["query", "sparql", "find", "coverage"])
def test_every_command_has_help(invoke, command: str) -> None:  # type: ignore[no-untyped-def]
    result = invoke(command, "--help")
    assert result.exit_code == 0 and "--format" in result.output


def test_python_api(built_store: GraphStore) -> None:
    import pkograph

    rows = pkograph.query("person-trail", person="Akashi", store=built_store)
    assert rows.variables[0] == "person"
    assert {str(r["person"]) for r in rows} == {
        "https://w3id.org/pkograph/id/person/yasushi-akashi"}


def test_importing_pkograph_stays_light() -> None:
    code = ("import sys, pkograph; "
            "print(sorted(m for m in ('rdflib', 'pyoxigraph') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_sparql_answers_ask_and_construct(invoke) -> None:  # type: ignore[no-untyped-def]
    akashi = "<https://w3id.org/pkograph/id/person/yasushi-akashi>"
    assert invoke("sparql", f"ASK {{ {akashi} a foaf:Person }}").output == "true\n"
    assert invoke("sparql", f"ASK {{ {akashi} a org:Organization }}").output == "false\n"
    assert invoke("sparql", "--format", "json", f"ASK {{ {akashi} ?p ?o }}").output == (
        '{"head":{},"boolean":true}')
    turtle = invoke("sparql", f"CONSTRUCT {{ {akashi} rdfs:label ?l }} WHERE "
                              f"{{ {akashi} rdfs:label ?l }}").output
    assert turtle.strip() == (f'{akashi} <http://www.w3.org/2000/01/rdf-schema#label> '
                              '"Yasushi Akashi"@en .')
