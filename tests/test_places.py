"""Places on the built graph: the areas the documents name are places, linked to the country
that contains them where a document says so, and every dispatch, mission and contribution in
kind is linked to the places its row names; a host country is always a country."""

from __future__ import annotations

from graph_rows import iri, rows

from pkograph.namespaces import PKO
from pkograph.store.base import GraphStore


def test_former_yugoslavia_is_a_region_without_an_iso_code(built_store: GraphStore) -> None:
    assert rows(built_store, """
        SELECT ?class ?code WHERE {
          x:place/former-yugoslavia a ?class .
          OPTIONAL { x:place/former-yugoslavia pko:iso3166Alpha2|pko:iso3166Alpha3 ?code }
        }""") == {(str(PKO.Region), "None")}


def test_sub_national_areas_are_places_with_their_country_where_stated(
        built_store: GraphStore) -> None:
    found = rows(built_store, """
        SELECT ?place ?in WHERE {
          VALUES ?place { x:place/kosovo x:place/golan-heights x:place/gaza
                          x:place/sinai-peninsula x:place/darfur }
          ?place a pko:Region .
          OPTIONAL { ?place dcterms:isPartOf ?in }
        }""")
    assert found == {(iri("place/kosovo"), iri("place/former-yugoslavia")),
                     (iri("place/darfur"), iri("place/sudan")),
                     (iri("place/golan-heights"), "None"), (iri("place/gaza"), "None"),
                     (iri("place/sinai-peninsula"), "None")}
    # Where the documents are silent about the country, the place says so.
    silent = rows(built_store, """
        SELECT ?place WHERE {
          VALUES ?place { x:place/golan-heights x:place/gaza x:place/sinai-peninsula }
          ?place skos:note ?note . FILTER(CONTAINS(?note, "says which country")
                                          || CONTAINS(?note, "no country"))
        }""")
    assert silent == {(iri("place/golan-heights"),), (iri("place/gaza"),),
                      (iri("place/sinai-peninsula"),)}


def test_a_host_country_is_a_country(built_store: GraphStore) -> None:
    assert rows(built_store, """
        SELECT DISTINCT ?operation ?host WHERE {
          ?operation pko:hostCountry ?host . FILTER NOT EXISTS { ?host a pko:Country }
        }""") == set()
    # The Samawah settlement and the Indian Ocean are places of operation, not hosts.
    assert rows(built_store, """
        SELECT ?operation ?place WHERE {
          VALUES ?place { x:place/samawah x:place/indian-ocean }
          ?operation pko:placeOfOperation ?place }""") == {
        (iri("dispatch/sdf-iraq-humanitarian-and-reconstruction-assistance"),
         iri("place/samawah")),
        (iri("dispatch/msdf-refueling-activity"), iri("place/indian-ocean")),
        (iri("mission/coalition-forces-in-anti-terrorist-operations"), iri("place/indian-ocean"))}


def test_every_operation_is_linked_to_a_place(built_store: GraphStore) -> None:
    assert rows(built_store, """
        SELECT DISTINCT ?operation WHERE {
          { ?operation a pko:Assignment } UNION { ?operation a pko:Dispatch }
          FILTER NOT EXISTS { ?operation pko:hostCountry|pko:placeOfOperation [] }
        }""") == set()
    # A mission no document places says so.
    assert rows(built_store, """
        SELECT DISTINCT ?mission WHERE {
          ?mission a pko:Mission .
          FILTER NOT EXISTS { ?mission pko:hostCountry|pko:placeOfOperation|pko:location [] }
          FILTER NOT EXISTS { ?mission skos:note ?note FILTER(CONTAINS(?note, "No document says")
                                                                || CONTAINS(?note, "no document")) }
        }""") == set()
    assert rows(built_store, """
        SELECT ?host ?place WHERE {
          x:assignment/golan-heights-1996 pko:placeOfOperation ?place .
          OPTIONAL { x:assignment/golan-heights-1996 pko:hostCountry ?host
                     FILTER(?host = x:place/israel) }
        }""") == {(iri("place/israel"), iri("place/golan-heights"))}
    assert rows(built_store, """
        SELECT ?host ?place WHERE { x:assignment/sinai-peninsula-2019 pko:hostCountry ?host ;
                                      pko:placeOfOperation ?place }""") == {
        (iri("place/egypt"), iri("place/sinai-peninsula")),
        (iri("place/israel"), iri("place/sinai-peninsula"))}


def test_a_contribution_in_kind_names_its_place_outside_free_text(
        built_store: GraphStore) -> None:
    unplaced = rows(built_store, """
        SELECT ?serial WHERE {
          ?gift a pko:ContributionInKind ; pko:serialNumber ?serial .
          FILTER NOT EXISTS { ?gift pko:placeOfOperation [] }
          ?gift skos:note ?note . FILTER(STRSTARTS(?note, "The row names no place"))
        }""")
    assert unplaced == {("5",), ("21",), ("22",)}
    assert rows(built_store, """
        SELECT DISTINCT ?gift WHERE {
          ?gift a pko:ContributionInKind .
          FILTER NOT EXISTS { ?gift pko:placeOfOperation [] }
          FILTER NOT EXISTS { ?gift skos:note ?note FILTER(STRSTARTS(?note, "The row names no")) }
        }""") == set()
    kosovo = rows(built_store, """
        SELECT ?place ?concerns WHERE {
          x:contribution/1999-04-06-unhcr pko:placeOfOperation ?place ; pko:concerns ?concerns
        }""")
    assert kosovo == {(iri("place/albania"), iri("place/kosovo"))}
    assert rows(built_store, """
        SELECT ?place WHERE { x:contribution/2009-01-23-unrwa pko:placeOfOperation ?place }
        """) == {(iri("place/gaza"),)}


def test_the_1999_east_timor_assignments_are_linked_to_timor_leste(
        built_store: GraphStore) -> None:
    found = rows(built_store, """
        SELECT ?assignment ?property WHERE {
          VALUES ?assignment { x:assignment/east-timor-1999
                               x:assignment/east-timorese-displaced-persons-1999 }
          ?assignment ?property x:place/timor-leste }""")
    assert found == {
        (iri("assignment/east-timor-1999"), str(PKO.placeOfOperation)),
        (iri("assignment/east-timorese-displaced-persons-1999"), str(PKO.concerns))}


def test_governments_are_linked_to_their_countries(built_store: GraphStore) -> None:
    assert rows(built_store, """
        SELECT ?country WHERE { x:organization/government-of-japan pko:governmentOf ?country }
        """) == {(iri("place/japan"),)}
    assert rows(built_store, """
        SELECT ?body WHERE {
          ?body a pko:GovernmentBody ; rdfs:label ?label .
          FILTER(STRSTARTS(?label, "Government of "))
          FILTER NOT EXISTS { ?body pko:governmentOf ?country }
        }""") == set()
