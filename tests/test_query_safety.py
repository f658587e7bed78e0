"""Parameters are bound as RDF terms, never pasted into the query text.

The payload closes a string literal and a group and opens a UNION that matches every triple.
Pasted into the text, it leaks the whole graph (shown first, so the test can fail); bound as a
term, it is just a string that nothing contains, or a name that nothing has.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from pkograph.lookup import NameNotFound
from pkograph.queries import UsageError, load_file, run
from pkograph.store.base import GraphStore
from pkograph.store.query_text import prologue

ROOT = Path(__file__).resolve().parents[1]
PAYLOAD = 'x" } UNION { ?s ?p ?o } #'


def test_the_payload_leaks_when_pasted(built_store: GraphStore) -> None:
    pasted = 'SELECT ?s WHERE { { ?c pko:quote "' + PAYLOAD + '" }\n}'
    assert len(built_store.select(pasted)) > 1000


def test_a_string_parameter_returns_nothing_extra(built_store: GraphStore) -> None:
    saved = load_file(ROOT / "queries" / "quote-search.rq")
    assert len(run(built_store, saved, {"text": "Akashi"})) > 0
    rows = run(built_store, saved, {"text": PAYLOAD})
    assert len(rows) == 0
    assert PAYLOAD not in prologue() + saved.text


def test_a_name_parameter_returns_nothing_extra(built_store: GraphStore) -> None:
    saved = load_file(ROOT / "queries" / "person-trail.rq")
    with pytest.raises(NameNotFound):
        run(built_store, saved, {"person": PAYLOAD})
    with pytest.raises(NameNotFound):
        run(built_store, saved, {"person": f"Akashi{PAYLOAD}"})


def test_an_iri_parameter_must_be_an_iri(built_store: GraphStore) -> None:
    saved = load_file(ROOT / "queries" / "statements-about.rq")
    with pytest.raises(UsageError, match="not an IRI"):
        run(built_store, saved, {"subject": "UNTAC", "property": "pko:x> ?p ?o } #"})
