"""Result formats: the terminal table, and the stable text of terms kept in golden files."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Literal, URIRef

from pkograph.cli import cli
from pkograph.output import expand, shorten, table, term_text
from pkograph.store.base import Rows
from pkograph.store.embedded import MemoryStore

ROOT = Path(__file__).resolve().parents[1]

XSD_INTEGER = URIRef("http://www.w3.org/2001/XMLSchema#integer")
AKASHI = URIRef("https://w3id.org/pkograph/id/person/yasushi-akashi")


def test_prefixes() -> None:
    assert shorten(str(AKASHI)) == "id:person/yasushi-akashi"
    assert shorten("https://w3id.org/pkograph/ontology#strength") == "pko:strength"
    assert shorten("http://example.org/x") == "<http://example.org/x>"
    assert expand("id:person/yasushi-akashi") == str(AKASHI)
    assert expand("nope:x") is None and expand("Yasushi Akashi") is None


def test_term_text_is_stable_and_typed() -> None:
    assert term_text(Literal("Akashi", lang="en")) == '"Akashi"@en'
    assert term_text(Literal('say "hi"')) == r'"say \"hi\""'
    assert term_text(Literal("600", datatype=XSD_INTEGER)) == '"600"^^xsd:integer'
    assert term_text(None) == ""


def test_table_wraps_hoists_and_hides_empty_columns() -> None:
    rows = Rows(["person", "title", "end"], [
        {"person": AKASHI, "title": Literal("Special Representative of the Secretary-General "
                                            "for Cambodia and head of mission"), "end": None},
        {"person": AKASHI, "title": Literal("Chair"), "end": None}])
    text = table(rows, width=40, hoist=["person"])
    lines = text.splitlines()
    assert lines[0] == "person: id:person/yasushi-akashi"
    assert lines[1].rstrip() == "title"
    assert all(len(line) <= 40 for line in lines)
    assert lines[-1] == "(2 rows; empty: end)"
    assert "Chair" in text and "Cambodia and head\nof mission" in text


def test_a_table_whose_every_column_is_empty_is_just_its_count() -> None:
    """``SELECT ?x {}`` gives one row with ?x unbound: no column is left to draw."""
    assert table(Rows(["x"], [{"x": None}])) == "(1 row; empty: x)\n"
    hoisted = Rows(["person"], [{"person": AKASHI}, {"person": AKASHI}])
    assert table(hoisted, hoist=["person"]) == "person: id:person/yasushi-akashi\n(2 rows)\n"


def test_sparql_with_every_column_empty_prints_the_count(monkeypatch: pytest.MonkeyPatch) -> None:
    from pkograph.cli import query_commands

    monkeypatch.setattr(query_commands, "graph_store", lambda ctx: MemoryStore([]))
    result = CliRunner().invoke(cli, ["--project", str(ROOT), "sparql", "SELECT ?x {}"])
    assert (result.exit_code, result.stdout) == (0, "(1 row; empty: x)\n")
