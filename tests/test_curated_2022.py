"""What the two 2022 documents put in the graph: Khare's statement of 19 May 2022 and the report
of the seminar of 27 July 2022, checked with SPARQL against the built graph."""

from __future__ import annotations

from graph_rows import iri, rows

from pkograph.store.base import GraphStore

KHARE = iri("document/khare-statement-2022")
SEMINAR = iri("document/hisajima-seminar-2022")
SEMINAR_EVENT = "x:event/japans-international-peace-cooperation-past-present-and-future"


def people(*slugs: str) -> set[str]:
    return {iri(f"person/{slug}") for slug in slugs}


def test_hasegawa_is_one_person_under_both_name_orders(built_store: GraphStore) -> None:
    found = rows(built_store, """
        SELECT DISTINCT ?person WHERE {
            ?person a foaf:Person ; rdfs:label|skos:altLabel ?name .
            FILTER(CONTAINS(STR(?name), "Hasegawa"))
        }""")
    assert found == {(iri("person/sukehiro-hasegawa"),)}
    assert rows(built_store, """
        SELECT ?label ?alt WHERE {
            x:person/sukehiro-hasegawa rdfs:label ?label ; skos:altLabel ?alt .
        }""") == {("Sukehiro Hasegawa", "Hasegawa Sukehiro")}
    # his posts from both documents hang on that one IRI
    assert rows(built_store, """
        SELECT ?org ?title WHERE {
            ?m org:member x:person/sukehiro-hasegawa ; org:organization ?org .
            OPTIONAL { ?m pko:title ?title }
        }""") == {
        (iri("mission/unotil"), "None"),
        (iri("organization/united-nations"),
         "Special Representative of the Secretary-General for Timor-Leste"),
        (iri("organization/kyoto-university-of-the-arts"),
         "Distinguished Professor of the Kyoto University of the Arts"),
    }


def test_ken_inoue_holds_his_2004_and_2022_posts_as_one_person(
        built_store: GraphStore) -> None:
    found = rows(built_store, """
        SELECT ?person ?as_of WHERE {
            ?person rdfs:label "Ken Inoue"@en .
            ?m org:member ?person ; pko:asOf ?as_of .
        }""")
    assert found == {(iri("person/ken-inoue"), "2004-04-23"),
                     (iri("person/ken-inoue"), "2022-07-27")}
    assert rows(built_store, """
        SELECT ?role ?title WHERE {
            ?m org:member x:person/ken-inoue ; org:organization x:organization/gpaj ;
               org:role ?role ; pko:title ?title ; pko:asOf "2022-07-27"^^xsd:date .
        }""") == {(iri("role/vice-president"),
                   "Vice-President, Global Peacebuilding Association of Japan")}
    # Daiki Inoue, the seminar's organizer, is another person
    assert rows(built_store, """
        SELECT ?person WHERE { ?person a foaf:Person ; rdfs:label ?name .
                               FILTER(STRENDS(STR(?name), "Inoue")) }""") == {
        (iri("person/ken-inoue"),), (iri("person/daiki-inoue"),)}


def test_akashis_untac_post_has_each_role_from_its_own_document(
        built_store: GraphStore) -> None:
    assert rows(built_store, """
        SELECT ?role ?doc WHERE {
            GRAPH ?g { x:membership/yasushi-akashi/untac org:role ?role }
            ?g dcterms:isPartOf ?doc .
        }""") == {(iri("role/srsg"), iri("document/mofa-peacebuilding-2007")),
                  (iri("role/head-of-mission"), KHARE)}
    assert rows(built_store, f"""
        SELECT ?title WHERE {{
            GRAPH ?g {{ x:membership/yasushi-akashi/untac pko:title ?title }}
            ?g dcterms:isPartOf <{KHARE}> .
        }}""") == {("Chief of Mission",)}


def test_hisajimas_post_is_kept_as_each_document_words_it(built_store: GraphStore) -> None:
    assert rows(built_store, """
        SELECT ?org ?as_of ?doc WHERE {
            ?m org:member x:person/naoto-hisajima ; org:role x:role/director-general .
            GRAPH ?g { ?m org:organization ?org ; pko:asOf ?as_of }
            ?g dcterms:isPartOf ?doc .
        }""") == {(iri("organization/ipc-headquarters"), "2022-05-19", KHARE),
                  (iri("organization/ipc-secretariat"), "2022-07-27", SEMINAR)}


def test_the_ukraine_contribution_in_kind(built_store: GraphStore) -> None:
    assert rows(built_store, """
        SELECT ?item ?quantity WHERE {
            x:contribution/unhcr-ukraine-2022 pko:hasItemLine ?line .
            ?line pko:itemType ?item ; pko:quantity ?quantity .
        }""") == {(iri("item-type/blanket"), "5000"), (iri("item-type/plastic-sheet"), "4500"),
                  (iri("item-type/sleeping-mat"), "8500")}
    assert rows(built_store, """
        SELECT ?recipient ?law ?via ?decided WHERE {
            x:contribution/unhcr-ukraine-2022 pko:recipient ?recipient ; pko:legalBasis ?law ;
                pko:suppliedVia ?via .
            OPTIONAL { x:contribution/unhcr-ukraine-2022 pko:decisionDate ?decided }
        }""") == {(iri("organization/unhcr"),
                   iri("instrument/international-peace-cooperation-law"),
                   iri("supply-arrangement/stockpiled-supplies"), "None")}


def test_the_ukraine_assignment(built_store: GraphStore) -> None:
    assert {iso for (iso,) in rows(built_store, """
        SELECT ?iso WHERE { x:assignment/ukraine-evacuees-2022 pko:hostCountry ?c .
                            ?c pko:iso3166Alpha2 ?iso }""")} == {"AE", "PL", "RO"}
    assert rows(built_store, """
        SELECT ?unit ?begin ?end ?strength ?qualifier WHERE {
            x:assignment/ukraine-evacuees-2022 pko:hasUnitDeployment ?d .
            ?d pko:unitType ?unit ; pko:beginDate ?begin ; pko:endDate ?end ; pko:hasPhase ?p .
            ?p pko:strength ?strength ; pko:qualifier ?qualifier .
        }""") == {(iri("unit-type/air-transport-unit"), "2022-05", "2022-06", "200",
                   "https://w3id.org/pkograph/ontology#moreThan")}
    assert {by for (by,) in rows(built_store, """
        SELECT ?by WHERE { x:assignment/ukraine-evacuees-2022 pko:conductedBy ?by }""")} == {
        iri("organization/self-defense-forces"), iri("organization/air-self-defense-force")}


def test_the_seminar_and_its_people(built_store: GraphStore) -> None:
    def who(predicate: str) -> set[str]:
        return {p for (p,) in rows(built_store, f"SELECT ?p WHERE {{ {SEMINAR_EVENT} "
                                                f"{predicate} ?p }}")}

    assert rows(built_store, f"SELECT ?d WHERE {{ {SEMINAR_EVENT} pko:date ?d }}") == {
        ("2022-07-27",)}
    assert who("pko:speaker") == people("naoto-hisajima", "takakazu-ito")
    assert who("pko:commentator") == people("tadamichi-yamamoto", "stephen-browne",
                                            "takahiro-shinyo")
    assert who("pko:organizer") == {iri("organization/kyoto-peacebuilding-center"),
                                    iri("organization/gpaj"), iri("organization/acuns-tokyo"),
                                    iri("person/daiki-inoue")}
    assert who("pko:participant") >= people(
        "sukehiro-hasegawa", "akio-nakayama", "vasanti-ranganathan", "ken-inoue",
        "alistair-edgar", "taro-nishikawa", "yumiko-kaneko")


def test_khares_lecture_and_the_people_he_addressed(built_store: GraphStore) -> None:
    event = "x:event/un-peace-operations-critical-contributions-of-japan"
    assert rows(built_store, f"""
        SELECT ?date ?speaker ?host WHERE {{
            {event} pko:date ?date ; pko:speaker ?speaker ; pko:host ?host }}""") == {
        ("2022-05-19", iri("person/atul-khare"), iri("organization/kwansei-gakuin-university"))}
    assert {p for (p,) in rows(built_store, f"""
        SELECT ?p WHERE {{ {event} pko:participant ?p }}""")} == people(
        "osamu-murata", "takahiro-shinyo", "jun-kukita", "tadamichi-yamamoto",
        "naoto-hisajima", "ai-kihara-hunt")


def test_japan_gave_the_tpp_close_to_90_million_dollars(built_store: GraphStore) -> None:
    assert rows(built_store, f"""
        SELECT ?donor ?amount ?currency ?qualifier WHERE {{
            GRAPH ?g {{ ?c a pko:FinancialContribution ;
                           pko:recipient x:programme/triangular-partnership-programme ;
                           pko:donor ?donor ; pko:amount ?amount ; pko:currency ?currency ;
                           pko:qualifier ?qualifier }}
            ?g dcterms:isPartOf <{KHARE}> .
        }}""") == {(iri("organization/government-of-japan"), "90000000", "USD",
                    "https://w3id.org/pkograph/ontology#closeTo")}


def test_the_tpps_supporters_hosts_and_beneficiaries(built_store: GraphStore) -> None:
    def iso(predicate: str) -> set[str]:
        return {code for (code,) in rows(built_store, f"""
            SELECT ?code WHERE {{ x:programme/triangular-partnership-programme {predicate} ?c .
                                  ?c pko:iso3166Alpha2 ?code }}""")}

    assert iso("pko:courseHost") == {"BR", "KE", "MA", "RW", "VN", "UG"}
    assert len(iso("pko:supportedBy")) == 21  # the 21 countries of the list, with Japan
    assert {"JP", "KR", "US"} <= iso("pko:supportedBy")
    assert len(iso("pko:beneficiary")) == 20
    assert {"CI", "TZ"} <= iso("pko:beneficiary")
    assert (iri("organization/nato"),) in rows(built_store, """
        SELECT ?o WHERE { x:programme/triangular-partnership-programme pko:supportedBy ?o }""")


def test_the_unmiss_figures_of_july_2022(built_store: GraphStore) -> None:
    assert rows(built_store, """
        SELECT ?value ?unit WHERE {
            ?f pko:about x:mission/unmiss ; pko:value ?value ; pko:unitOfMeasure ?unit ;
               pko:asOf "2022-07-27"^^xsd:date .
        }""") == {("13885", "military personnel"), ("70", "countries"),
                  ("4", "staff officers")}
    assert rows(built_store, """
        SELECT ?begin WHERE { ?f pko:about x:mission/unmiss ; pko:value 4.0 ;
                                 pko:beginDate ?begin }""") == {("2011-11",)}
    assert {c for (c,) in rows(built_store, """
        SELECT ?c WHERE { x:mission/unmiss pko:troopContributor ?c }""")} == {
        iri("place/rwanda"), iri("place/india"), iri("place/nepal"), iri("place/japan")}


def test_the_mfo_has_thirteen_troop_contributors(built_store: GraphStore) -> None:
    codes = {code for (code,) in rows(built_store, """
        SELECT ?code WHERE { x:mission/mfo pko:troopContributor ?c .
                             ?c pko:iso3166Alpha2 ?code }""")}
    assert codes == {"AU", "CA", "CO", "CZ", "FJ", "FR", "IT", "JP", "NZ", "NO", "UY", "US",
                     "GB"}
    assert rows(built_store, """
        SELECT ?value WHERE { ?f pko:about x:mission/mfo ; pko:unitOfMeasure "countries" ;
                                 pko:value ?value }""") == {(str(len(codes)),)}


def test_abe_has_no_first_name_and_one_2014_summit(built_store: GraphStore) -> None:
    assert rows(built_store, """
        SELECT ?name WHERE { x:person/prime-minister-abe rdfs:label|skos:altLabel ?name }
        """) == {("Abe",), ("Prime Minister Abe",)}
    assert rows(built_store, """
        SELECT ?event ?date WHERE { ?event pko:speaker x:person/prime-minister-abe ;
                                           pko:date ?date . FILTER(STRSTARTS(STR(?date), "2014")) }
        """) == {(iri("event/2014-leaders-summit-of-peacekeeping"), "2014-09")}
    assert rows(built_store, """
        SELECT ?label ?alt WHERE { x:event/2014-leaders-summit-of-peacekeeping rdfs:label ?label ;
                                                                       skos:altLabel ?alt }
        """) == {("2014 Leaders Summit of Peacekeeping", "PKO summit")}


def test_who_lost_their_lives(built_store: GraphStore) -> None:
    assert rows(built_store, """
        SELECT ?person WHERE { ?person pko:lostLifeIn x:place/cambodia }""") >= {
        (iri("person/haruyuki-takata"),), (iri("person/atsuhiko-nakata"),)}
    # Kawakami was lost to natural causes: the statement names no place
    assert rows(built_store, """
        SELECT ?place WHERE { x:person/takahisa-kawakami pko:lostLifeIn ?place }""") == set()


def test_the_japanese_who_served_in_timor_leste(built_store: GraphStore) -> None:
    assert {p for (p,) in rows(built_store, """
        SELECT ?p WHERE { ?p pko:servedIn x:place/timor-leste }""")} >= people(
        "sukehiro-hasegawa", "takahisa-kawakami", "jun-kukita", "shigeru-yotoriyama",
        "ken-inoue", "takakazu-ito", "michiko-ikarashi")
