"""What Japan's Efforts on Peacebuilding (MOFA, c. 2007) puts in the graph, checked with SPARQL.

Each query reads only the graphs of citations into this brochure, so the answers are what this
document states, whatever other documents add about the same things.
"""

from __future__ import annotations

from graph_rows import iri, rows

from pkograph.store.base import GraphStore

DOC = "x:document/mofa-peacebuilding-2007"
XSD = "http://www.w3.org/2001/XMLSchema#"
PKO = "https://w3id.org/pkograph/ontology#"


def test_akashi_holds_two_posts_and_was_a_former_under_secretary_general(
        built_store: GraphStore) -> None:
    found = rows(built_store, f"""
        SELECT ?org ?role ?title ?concerns WHERE {{
            GRAPH ?g {{ ?m org:member x:person/yasushi-akashi ; org:organization ?org ;
                           pko:title ?title }}
            ?g dcterms:isPartOf {DOC} .
            OPTIONAL {{ GRAPH ?g {{ ?m org:role ?role }} }}
            OPTIONAL {{ GRAPH ?g {{ ?m pko:concerns ?concerns }} ?concerns a pko:PeaceProcess }}
        }}""")
    assert found == {
        (iri("mission/untac"), iri("role/srsg"),
         "Special Representative of the Secretary General (SRSG) in UNTAC", "None"),
        (iri("organization/government-of-japan"), "None",
         "Representative of the Government of Japan on Peacebuilding, Rehabilitation and "
         "Reconstruction of Sri Lanka", iri("peace-process/sri-lanka-peace-process")),
        (iri("organization/united-nations"), iri("role/under-secretary-general"),
         "UN Under-Secretary-General", "None"),
    }
    assert rows(built_store, f"""
        SELECT ?former WHERE {{
            GRAPH ?g {{ x:membership/yasushi-akashi/under-secretary-general
                           pko:formerAsOf ?former }}
            ?g dcterms:isPartOf {DOC} .
        }}""") == {("2002",)}
    # The 2019 booklet states the same post, "former" as of its own date: one post, two claims.
    assert rows(built_store, """
        SELECT ?former WHERE {
            x:membership/yasushi-akashi/under-secretary-general pko:formerAsOf ?former .
        }""") == {("2002",), ("2019-08",)}


def test_the_sri_lanka_ceasefire_binds_the_government_and_the_ltte(
        built_store: GraphStore) -> None:
    assert rows(built_store, """
        SELECT ?party ?date WHERE {
            x:instrument/sri-lanka-ceasefire-agreement-2002 pko:party ?p ;
                pko:concerns x:peace-process/sri-lanka-peace-process .
            ?p rdfs:label ?party .
            ?e pko:instrument x:instrument/sri-lanka-ceasefire-agreement-2002 ; pko:date ?date .
        }""") == {("Government of Sri Lanka", "2002-02"),
                  ("Liberation Tigers of Tamil Eelam", "2002-02")}


def test_the_oda_charter_was_revised_in_august_2003(built_store: GraphStore) -> None:
    assert rows(built_store, f"""
        SELECT ?date ?type WHERE {{
            GRAPH ?g {{ ?a a pko:Amendment ; pko:instrument x:instrument/oda-charter ;
                           pko:date ?date }}
            ?g dcterms:isPartOf {DOC} .
            BIND(DATATYPE(?date) AS ?type)
        }}""") == {("2003-08", XSD + "gYearMonth")}


def test_japan_platform_was_founded_in_august_2000(built_store: GraphStore) -> None:
    assert rows(built_store, f"""
        SELECT ?begin ?acronym WHERE {{
            GRAPH ?g {{ x:organization/japan-platform pko:beginDate ?begin ;
                                                       pko:acronym ?acronym }}
            ?g dcterms:isPartOf {DOC} .
        }}""") == {("2000-08", "JPF")}


def test_the_sdf_dispatch_to_iraq_rests_on_the_iraq_special_measures_law(
        built_store: GraphStore) -> None:
    dispatch = "x:dispatch/sdf-iraq-humanitarian-and-reconstruction-assistance"
    assert rows(built_store, f"""
        SELECT ?law ?conductor WHERE {{
            {dispatch} pko:legalBasis ?l ; pko:conductedBy ?c .
            ?l rdfs:label ?law . ?c rdfs:label ?conductor .
        }}""") == {("Special Measures Law for Humanitarian and Reconstruction Assistance in Iraq",
                    "Self-Defense Forces")}
    assert rows(built_store, f"""
        SELECT ?unit WHERE {{
            {dispatch} pko:hasUnitDeployment ?u . ?u pko:unitType/skos:prefLabel ?unit .
        }}""") == {("Self-Defense Forces personnel",), ("Air Self-Defense Force airlift unit",)}
    assert rows(built_store, f"""
        SELECT ?value ?asOf WHERE {{
            ?f pko:about {dispatch} ; pko:value ?value ; pko:asOf ?asOf .
        }}""") == {("8140", "2007-01")}


def test_the_msdf_refuelling_rests_on_the_anti_terrorism_law(
        built_store: GraphStore) -> None:
    assert rows(built_store, """
        SELECT ?law ?value ?currency ?qualifier WHERE {
            x:dispatch/msdf-refueling-activity pko:legalBasis ?l ;
                pko:conductedBy x:organization/maritime-self-defense-force .
            ?l rdfs:label ?law .
            ?f pko:about x:dispatch/msdf-refueling-activity ; pko:value ?value ;
               pko:currency ?currency ; pko:qualifier ?qualifier .
        }""") == {("Anti-Terrorism Special Measures Law", "20000000000", "JPY",
                   PKO + "moreThan")}


def test_100_million_dollars_to_the_trust_fund_for_the_multinational_forces(
        built_store: GraphStore) -> None:
    assert rows(built_store, """
        SELECT ?amount ?currency ?donor ?fund ?supports WHERE {
            ?c a pko:FinancialContribution ; pko:amount ?amount ; pko:currency ?currency ;
               pko:donor/rdfs:label ?donor ; pko:recipient/rdfs:label ?fund ;
               pko:supports/rdfs:label ?supports .
            ?c pko:recipient x:organization/un-trust-fund-for-multinational-forces-in-timor-leste .
        }""") == {("100000000", "USD", "Government of Japan",
                   "United Nations Trust Fund for the multinational forces in Timor-Leste",
                   "Multinational forces in Timor-Leste")}


def test_every_financial_contribution_of_the_brochure(built_store: GraphStore) -> None:
    found = rows(built_store, f"""
        SELECT DISTINCT ?c ?amount ?currency WHERE {{
            GRAPH ?g {{ ?c a pko:FinancialContribution ; pko:amount ?amount ;
                           pko:currency ?currency }}
            ?g dcterms:isPartOf {DOC} .
        }}""")
    assert {(amount, currency) for _, amount, currency in found} == {
        ("38600000", "USD"), ("100000000", "USD"), ("5000000", "USD"), ("5000000000", "USD"),
        ("20000000", "USD"), ("60000000", "USD"), ("350000000", "USD"), ("750000000", "USD"),
        ("7140000", "USD"), ("33500000000", "JPY"), ("400000000", "JPY"),
        ("23000000000", "JPY"),
    }
    assert len(found) == 13  # two different contributions of 100 million U.S. dollars


def test_the_defense_agency_became_the_ministry_of_defense(built_store: GraphStore) -> None:
    assert rows(built_store, f"""
        SELECT ?label ?former ?date WHERE {{
            GRAPH ?g {{ x:organization/ministry-of-defense pko:formerName ?former }}
            ?g dcterms:isPartOf {DOC} .
            x:organization/ministry-of-defense rdfs:label ?label .
            GRAPH ?h {{ ?e pko:concerns x:organization/ministry-of-defense ; pko:date ?date }}
            ?h dcterms:isPartOf {DOC} .
        }}""") == {("Ministry of Defense", "Defense Agency", "2007-01")}


def test_the_commission_on_human_security_was_co_chaired_by_ogata_and_sen(
        built_store: GraphStore) -> None:
    assert rows(built_store, """
        SELECT ?name WHERE {
            ?m org:organization x:organization/commission-on-human-security ;
               org:role/skos:broader x:role/chair ; org:member/rdfs:label ?name .
        }""") == {("Sadako Ogata",), ("Amartya Sen",)}
    assert rows(built_store, """
        SELECT ?proposer ?annan ?date WHERE {
            x:organization/commission-on-human-security pko:proposedBy/rdfs:label ?proposer .
            ?e pko:participant x:organization/commission-on-human-security , ?p ;
               pko:date ?date .
            ?p a foaf:Person ; rdfs:label ?annan .
        }""") == {("Government of Japan", "Kofi Annan", "2003-05")}


def test_the_people_the_brochure_names(built_store: GraphStore) -> None:
    assert rows(built_store, f"""
        SELECT DISTINCT ?name WHERE {{
            GRAPH ?g {{ ?p a foaf:Person }}
            ?g dcterms:isPartOf {DOC} .
            ?p rdfs:label ?name .
        }}""") == {(name,) for name in (
            "Yasushi Akashi", "Sadako Ogata", "Amartya Sen", "Kofi Annan", "Taro Aso",
            "Junichiro Koizumi", "Abe", "Yoriko Kawaguchi", "Keizo Obuchi", "Motoo Noguchi",
            "Dragan Stojkovic", "Hamid Karzai")}


def test_koizumi_was_prime_minister_in_2002_and_former_prime_minister_by_2007(
        built_store: GraphStore) -> None:
    assert rows(built_store, """
        SELECT ?asOf ?formerAsOf ?speech WHERE {
            x:membership/junichiro-koizumi/prime-minister pko:asOf ?asOf ;
                pko:formerAsOf ?formerAsOf ; org:role x:role/prime-minister .
            ?e pko:speaker x:person/junichiro-koizumi ; pko:date ?speech ;
               pko:location x:place/sydney .
        }""") == {("2002-05", "2007", "2002-05")}


def test_sadako_ogata_proposed_the_ogata_initiative(built_store: GraphStore) -> None:
    assert rows(built_store, """
        SELECT ?label ?title WHERE {
            ?p pko:proposedBy x:person/sadako-ogata ; rdfs:label ?label ;
               skos:altLabel "Ogata Initiative"@en .
            ?m org:member x:person/sadako-ogata ; pko:concerns x:place/afghanistan ;
               pko:title ?title .
        }""") == {("Regional Comprehensive Development Assistance Programme",
                   "Special Representative of the Prime Minister of Japan for Afghanistan "
                   "Assistance")}


def test_grant_aid_schemes_and_what_was_given_under_them(built_store: GraphStore) -> None:
    assert rows(built_store, """
        SELECT ?former ?amount ?place WHERE {
            x:programme/grassroots-human-security-grant-aid pko:formerName ?former .
            ?c pko:fundingScheme x:programme/grassroots-human-security-grant-aid ;
               pko:amount ?amount ; pko:location/rdfs:label ?place .
        }""") == {("Grassroots Grant Aid", "20000000", "Colombia")}
    assert rows(built_store, """
        SELECT ?before ?after WHERE {
            ?f1 pko:about x:programme/grassroots-human-security-grant-aid ; pko:value ?before .
            ?f2 pko:about x:programme/grassroots-human-security-grant-aid ; pko:value ?after ;
                pko:asOf "2003"^^xsd:gYear .
            FILTER(?f1 != ?f2)
        }""") == {("10000000000", "15000000000")}


def test_dates_keep_the_precision_the_brochure_gives(built_store: GraphStore) -> None:
    found = rows(built_store, """
        SELECT ?event ?date ?type WHERE {
            VALUES ?event {
                x:event/second-tokyo-conference-on-the-consolidation-of-peace-in-afghanistan
                x:event/us-military-offensive-on-iraq
                x:event/ticad-iv
                x:event/tokyo-meeting-on-cambodia-1990
            }
            ?event pko:date ?date . BIND(DATATYPE(?date) AS ?type)
        }""")
    assert {(e.rsplit("/", 1)[1], d, t.removeprefix(XSD)) for e, d, t in found} == {
        ("second-tokyo-conference-on-the-consolidation-of-peace-in-afghanistan", "2006-07-05",
         "date"),
        # as printed: the brochure dates the offensive 2002
        ("us-military-offensive-on-iraq", "2002-03-19", "date"),
        ("ticad-iv", "2008", "gYear"),
        ("tokyo-meeting-on-cambodia-1990", "1990-06", "gYearMonth"),
    }
    (note,) = rows(built_store, "SELECT ?n WHERE { x:event/ticad-iv skos:note ?n }")
    assert "scheduled" in note[0]


def test_timor_leste_missions_and_the_unmisset_spelling(built_store: GraphStore) -> None:
    assert rows(built_store, """
        SELECT ?value ?qualifier ?begin ?end WHERE {
            ?f pko:about x:mission/unamet , x:mission/untaet , x:mission/unmiset ;
               pko:value ?value ; pko:qualifier ?qualifier ;
               pko:beginDate ?begin ; pko:endDate ?end .
        }""") == {("1600", PKO + "moreThan", "1999-08", "2004-06")}
    assert rows(built_store, f"""
        SELECT ?alt WHERE {{
            GRAPH ?g {{ x:mission/unmiset skos:altLabel ?alt }}
            ?g dcterms:isPartOf {DOC} .
        }}""") == {("UNMISSET",)}


def test_untac_was_established_by_the_paris_peace_agreements(built_store: GraphStore) -> None:
    assert rows(built_store, """
        SELECT ?agreement ?concluded ?personnel WHERE {
            x:mission/untac pko:establishedBy ?a .
            ?a rdfs:label ?agreement .
            ?e pko:instrument ?a ; pko:date ?concluded .
            ?f pko:about x:mission/untac ; pko:value ?personnel .
        }""") == {("Paris Peace Agreements", "1991-10", "1300")}


def test_country_data_boxes(built_store: GraphStore) -> None:
    found = rows(built_store, f"""
        SELECT ?country ?label ?value WHERE {{
            GRAPH ?g {{ ?f a pko:Figure ; pko:about ?c ; pko:value ?value }}
            ?g dcterms:isPartOf {DOC} .
            ?f rdfs:label ?label .
            ?c a pko:Country ; pko:iso3166Alpha2 ?country .
            FILTER(STRSTARTS(?label, "Area of"))
        }}""")
    assert {(c, v) for c, _, v in found} == {
        ("KH", "181000"), ("TL", "14000"), ("LK", "66000"), ("AF", "652000"), ("IQ", "438000")}


def test_the_brochure_s_claims_about_assignments_of_the_2019_table(
        built_store: GraphStore) -> None:
    assert rows(built_store, f"""
        SELECT ?assignment ?p ?o WHERE {{
            GRAPH ?g {{ ?a a pko:Assignment ; ?p ?o }}
            ?g dcterms:isPartOf {DOC} .
            FILTER(?p IN (pko:serves, pko:hostCountry, pko:legalBasis))
            BIND(STRAFTER(STR(?a), "/assignment/") AS ?assignment)
        }}""") == {
        ("cambodia-1992", PKO + "serves", iri("mission/untac")),
        ("cambodia-1992", PKO + "hostCountry", iri("place/cambodia")),
        ("east-timorese-displaced-persons-1999", PKO + "serves", iri("organization/unhcr")),
        ("iraqi-refugees-2003", PKO + "serves", iri("organization/unhcr")),
        ("iraqi-refugees-2003", PKO + "hostCountry", iri("place/jordan")),
        ("timor-leste-2007", PKO + "hostCountry", iri("place/timor-leste")),
    } | {(a, PKO + "legalBasis", iri("instrument/international-peace-cooperation-law"))
         for a in ("cambodia-1992", "east-timorese-displaced-persons-1999",
                   "iraqi-refugees-2003", "timor-leste-2007")}


def test_the_civilian_police_in_timor_leste_since_february_2007_against_the_2019_table(
        built_store: GraphStore) -> None:
    found = rows(built_store, """
        SELECT ?source ?begin WHERE {
            x:assignment/timor-leste-2007 pko:hasUnitDeployment ?u .
            ?u pko:unitType x:unit-type/civilian-police-officers ; pko:beginDate ?begin .
            BIND(STRAFTER(STR(?u), "civilian-police-officers/") AS ?source)
        }""")
    assert ("mofa-peacebuilding-2007", "2007-02") in found
    # the 2019 booklet's table dates the same civilian police from January 2007: both stay
    assert ("road-to-peace-2019", "2007-01") in found


def test_supplies_under_the_law_for_unhcr_in_jordan_and_for_unmis(
        built_store: GraphStore) -> None:
    assert rows(built_store, f"""
        SELECT ?contribution ?recipient ?law WHERE {{
            GRAPH ?g {{ ?c a pko:ContributionInKind ; pko:recipient ?r ; pko:legalBasis ?l }}
            ?g dcterms:isPartOf {DOC} .
            ?r pko:acronym ?recipient . ?l rdfs:label ?law .
            BIND(STRAFTER(STR(?c), "/contribution/") AS ?contribution)
        }}""") == {("2003-03-28-unhcr", "UNHCR", "International Peace Cooperation Law"),
                   ("2005-07-29-unmis", "UNMIS", "International Peace Cooperation Law")}
