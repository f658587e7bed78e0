"""What the narrative of Road to Peace (2019) puts in the graph, checked with SPARQL."""

from __future__ import annotations

from graph_rows import iri, rows

from pkograph.store.base import GraphStore

DOC = "x:document/road-to-peace-2019"


def test_the_law_was_enacted_in_june_1992(built_store: GraphStore) -> None:
    assert rows(built_store, f"""
        SELECT ?date ?type WHERE {{
            GRAPH ?g {{ ?e a pko:Enactment ; pko:date ?date ;
                           pko:instrument x:instrument/international-peace-cooperation-law }}
            ?g dcterms:isPartOf {DOC} .
            BIND(DATATYPE(?date) AS ?type)
        }}""") == {("1992-06", "http://www.w3.org/2001/XMLSchema#gYearMonth")}


def test_the_booklet_amends_the_law_in_1998_and_2015(built_store: GraphStore) -> None:
    found = rows(built_store, f"""
        SELECT ?date ?description WHERE {{
            GRAPH ?g {{ ?a a pko:Amendment ;
                           pko:instrument x:instrument/international-peace-cooperation-law ;
                           pko:date ?date ; dcterms:description ?description }}
            ?g dcterms:isPartOf {DOC} .
        }}""")
    assert {date for date, _ in found} == {"1998", "2015"}
    (text_2015,) = [d for date, d in found if date == "2015"]
    assert "Internationally Coordinated Operations for Peace and Security" in text_2015


def test_the_five_principles_numbered_1_to_5_rest_on_the_law(built_store: GraphStore) -> None:
    found = rows(built_store, """
        SELECT ?notation ?text WHERE {
            ?p pko:principleOf x:instrument/five-principles ; skos:notation ?notation ;
               pko:text ?text .
        }""")
    assert {n for n, _ in found} == {"1", "2", "3", "4", "5"}
    assert ("3", "The operations shall be conducted without partiality to any of the Parties "
            "to Armed Conflict.") in found
    assert rows(built_store, """
        SELECT ?label ?law WHERE {
            x:instrument/five-principles rdfs:label ?label ; pko:legalBasis ?law .
        }""") == {("Five Principles for Participation",
                   iri("instrument/international-peace-cooperation-law"))}


def test_the_four_categories_are_set_out_by_the_law_and_defined(
        built_store: GraphStore) -> None:
    found = rows(built_store, f"""
        SELECT ?concept ?label WHERE {{
            ?concept skos:inScheme x:scheme/operation-category ; skos:prefLabel ?label ;
                pko:establishedBy x:instrument/international-peace-cooperation-law .
            GRAPH ?g {{ ?concept skos:definition ?definition }}
            ?g dcterms:isPartOf {DOC} .
        }}""")
    assert found == {
        (iri("operation-category/un-peacekeeping-operations"), "UN Peacekeeping Operations"),
        (iri("operation-category/internationally-coordinated-operations"),
         "Internationally Coordinated Operations for Peace and Security"),
        (iri("operation-category/international-humanitarian-relief-operations"),
         "International Humanitarian Relief Operations"),
        (iri("operation-category/international-election-observation-operations"),
         "International Election Observation Operations"),
    }


def test_who_carries_out_each_category(built_store: GraphStore) -> None:
    found = rows(built_store, """
        SELECT ?category ?acronym WHERE {
            ?concept pko:carriedOutBy ?org ; skos:prefLabel ?category .
            ?org pko:acronym ?acronym .
        }""")
    assert found == {
        ("UN Peacekeeping Operations", "UN"),
        ("International Humanitarian Relief Operations", "UNHCR"),
        ("International Humanitarian Relief Operations", "IOM"),
        ("International Election Observation Operations", "UN"),
        ("International Election Observation Operations", "OAS"),
        ("International Election Observation Operations", "OSCE"),
    }


def test_the_headquarters_is_headed_by_the_prime_minister(built_store: GraphStore) -> None:
    assert rows(built_store, """
        SELECT ?parent ?title ?role WHERE {
            x:organization/ipc-headquarters org:subOrganizationOf ?parent .
            ?post a org:Post ; org:postIn x:organization/ipc-headquarters ; pko:title ?title ;
                  pko:holderRole/skos:prefLabel ?role .
        }""") == {(iri("organization/cabinet-office"), "Chief", "Prime Minister")}
    assert rows(built_store, """
        SELECT ?parent WHERE { x:organization/ipc-secretariat org:subOrganizationOf ?parent }
        """) == {(iri("organization/ipc-headquarters"),)}


def test_akashi_chairs_the_advisory_group_says_the_booklet(built_store: GraphStore) -> None:
    assert rows(built_store, """
        SELECT ?doc ?role WHERE {
            GRAPH ?g { ?m org:member x:person/yasushi-akashi ;
                          org:organization x:organization/agicp ; org:role ?r }
            ?r skos:prefLabel ?role .
            ?g dcterms:isPartOf ?doc .
        }""") == {(iri("document/road-to-peace-2019"), "Chair")}


def test_akashi_former_under_secretary_general_as_of_august_2019(
        built_store: GraphStore) -> None:
    assert (iri("organization/united-nations"), "Under-Secretary-General", "2019-08") in rows(
        built_store, """
        SELECT ?org ?role ?former WHERE {
            ?m org:member x:person/yasushi-akashi ; org:organization ?org ;
               org:role/skos:prefLabel ?role ; pko:formerAsOf ?former .
        }""")


def test_the_advisory_group_has_both_names(built_store: GraphStore) -> None:
    assert rows(built_store, """
        SELECT ?label ?alt ?acronym WHERE {
            x:organization/agicp rdfs:label ?label ; skos:altLabel ?alt ; pko:acronym ?acronym .
        }""") == {("Advisory Group on International Cooperation for Peace",
                   "Advisory Group on International Peace Cooperation", "AGICP")}


def test_the_program_advisor_scheme(built_store: GraphStore) -> None:
    assert rows(built_store, """
        SELECT ?begin ?introduced ?facilitated WHERE {
            x:programme/ipc-program-advisor-scheme pko:beginDate ?begin ;
                pko:introducedBy ?introduced ; pko:facilitatedBy ?facilitated .
        }""") == {("2005", iri("organization/cabinet-office"), iri("organization/agicp"))}


def test_the_stockpile_scheme(built_store: GraphStore) -> None:
    assert rows(built_store, """
        SELECT ?label ?begin ?place WHERE {
            x:programme/stockpile-scheme rdfs:label ?label ; pko:beginDate ?begin ;
                pko:location/rdfs:label ?place .
        }""") == {("Humanitarian Relief Supply Stockpile Scheme", "1997", "United Arab Emirates")}


def test_the_figures(built_store: GraphStore) -> None:
    found = rows(built_store, f"""
        SELECT ?about ?value ?unit ?as_of WHERE {{
            GRAPH ?g {{ ?f a pko:Figure ; pko:value ?value ; pko:unitOfMeasure ?unit ;
                           pko:about ?about }}
            ?g dcterms:isPartOf {DOC} .
            OPTIONAL {{ ?f pko:asOf ?as_of }}
        }}""")
    law = iri("instrument/international-peace-cooperation-law")
    assert found == {
        (iri("organization/ipc-corps"), "28", "times", "None"),
        (law, "28", "times", "2019-04-30"),
        (law, "11", "times", "2019-04-30"),
        (law, "17", "times", "2019-04-30"),
    }


def test_outreach_events_and_seminars(built_store: GraphStore) -> None:
    assert rows(built_store, """
        SELECT ?label ?date WHERE {
            VALUES ?e { x:event/8th-international-peace-cooperation-symposium
                        x:event/lecture-at-tamagawa-academy-2017 }
            ?e rdfs:label ?label ; pko:date ?date .
        }""") == {("8th International Peace Cooperation Symposium", "2019"),
                  ("Lecture at Tamagawa Academy", "2017")}
    assert rows(built_store, """
        SELECT ?label WHERE {
            ?e a pko:Event ; pko:participant x:organization/ipc-secretariat ; rdfs:label ?label .
        }""") >= {("Children's Kasumigaseki Visit Day",), ("Global Festa Japan",)}
    assert rows(built_store, """
        SELECT ?alt ?by WHERE {
            x:programme/international-peace-seminars skos:altLabel ?alt ; pko:implementedBy ?by .
        }""") == {("Demae Kouza", iri("organization/ipc-secretariat"))}


def test_the_corps_is_engaged_in_unmiss_and_the_mfo_as_of_april_2019(
        built_store: GraphStore) -> None:
    assert rows(built_store, f"""
        SELECT ?assignment ?serves ?as_of WHERE {{
            GRAPH ?g {{ ?assignment a pko:Assignment ; pko:serves ?mission ;
                           pko:conductedBy x:organization/ipc-corps ; pko:ongoingAsOf ?as_of }}
            ?g dcterms:isPartOf {DOC} .
            ?mission pko:acronym ?serves .
        }}""") == {(iri("assignment/south-sudan-2011"), "UNMISS", "2019-04"),
                   (iri("assignment/sinai-peninsula-2019"), "MFO", "2019-04")}
