"""Name lookup on the built graph: folding, ranking, kinds, and refusing to guess."""

from __future__ import annotations

import pytest
from rdflib import URIRef

from pkograph.lookup import (
    ALL_WORDS,
    EXACT,
    PARTIAL,
    AmbiguousName,
    NameLookup,
    NameNotFound,
    as_iri,
    rank,
)
from pkograph.names import words
from pkograph.namespaces import FOAF, ORG, PKO
from pkograph.store.base import GraphStore

ID = "https://w3id.org/pkograph/id/"
AKASHI = URIRef(ID + "person/yasushi-akashi")
HASEGAWA = URIRef(ID + "person/sukehiro-hasegawa")


@pytest.fixture(scope="module")
def lookup(built_store: GraphStore) -> NameLookup:
    return NameLookup(built_store)


@pytest.mark.parametrize(("query", "name", "expected"), [
    ("Yasushi Akashi", "Yasushi Akashi", EXACT),
    ("akashi YASUSHI", "Yasushi Akashi", EXACT),
    ("Akashí", "Yasushi Akashi", ALL_WORDS),
    ("akas", "Yasushi Akashi", PARTIAL),
    ("peace coop", "International Peace Cooperation Law", PARTIAL),
    ("tokyo", "Yasushi Akashi", None),
])
def test_rank(query: str, name: str, expected: int | None) -> None:
    assert rank(words(query), words(name)) == expected


def test_the_exact_name_comes_first(lookup: NameLookup) -> None:
    matches = lookup.find("akashi yasushi")
    assert matches[0].iri == AKASHI
    assert matches[0].rank == EXACT
    assert matches[0].type == "person"


def test_word_order_case_and_accents_do_not_matter(lookup: NameLookup) -> None:
    for text in ("Hasegawa Sukehiro", "SUKEHIRO hasegawa", "sukehiro-hasegawa", "Hasegawá"):
        assert lookup.find(text)[0].iri == HASEGAWA, text


def test_acronyms_and_other_names_are_searched(lookup: NameLookup) -> None:
    untac = lookup.find("UNTAC", PKO.Mission)
    assert [m.iri for m in untac] == [URIRef(ID + "mission/untac")]
    assert untac[0].rank == EXACT and untac[0].name == "UNTAC"
    assert lookup.find("defense agency")[0].iri == URIRef(
        ID + "organization/ministry-of-defense")
    assert lookup.find("East Timor", PKO.Place)[0].iri == URIRef(ID + "place/timor-leste")


def test_an_ambiguous_name_lists_the_candidates(lookup: NameLookup) -> None:
    with pytest.raises(AmbiguousName) as info:
        lookup.resolve("Inoue", "person", FOAF.Person)
    assert {m.iri for m in info.value.candidates} == {
        URIRef(ID + "person/ken-inoue"), URIRef(ID + "person/daiki-inoue")}


def test_a_kind_restricts_the_candidates(lookup: NameLookup) -> None:
    assert lookup.resolve("Akashi", "person", FOAF.Person) == AKASHI
    assert lookup.resolve("UNHCR", "organization", ORG.Organization) == URIRef(
        ID + "organization/unhcr")
    with pytest.raises(NameNotFound):
        lookup.resolve("UNHCR", "person", FOAF.Person)


def test_iris_and_prefixed_ids_are_accepted(lookup: NameLookup) -> None:
    assert lookup.resolve("id:person/yasushi-akashi", "person", FOAF.Person) == AKASHI
    assert lookup.resolve(f"<{AKASHI}>", "person", FOAF.Person) == AKASHI
    assert lookup.resolve(str(AKASHI), "person", FOAF.Person) == AKASHI
    with pytest.raises(NameNotFound):
        lookup.resolve("id:person/nobody", "person", FOAF.Person)
    assert as_iri("Yasushi Akashi") is None
