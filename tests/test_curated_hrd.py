"""What the 2004 Action Plan puts in the graph (curated and extracted), checked with SPARQL."""

from __future__ import annotations

from graph_rows import iri, rows

from pkograph.store.base import GraphStore

DOC = "x:document/hrd-action-plan-2004"
FOUR_BODIES = {iri("organization/ipc-secretariat"), iri("organization/mofa"),
               iri("organization/mext"), iri("organization/jica")}


def test_the_action_plan_dated_and_issued_by_four_bodies(built_store: GraphStore) -> None:
    found = rows(built_store, """
        SELECT ?by ?date WHERE {
            x:instrument/hrd-action-plan pko:issuedBy ?by .
            ?e pko:instrument x:instrument/hrd-action-plan ; a pko:Enactment ; pko:date ?date .
        }""")
    assert {by for by, _ in found} == FOUR_BODIES
    assert {date for _, date in found} == {"2004-04-23"}


def test_the_study_was_conducted_by_the_four_bodies(built_store: GraphStore) -> None:
    assert {by for (by,) in rows(built_store, """
        SELECT ?by WHERE { x:programme/hrd-study pko:implementedBy ?by }""")} == FOUR_BODIES


def test_agicp_convened_in_2002_at_fukudas_request(built_store: GraphStore) -> None:
    assert rows(built_store, f"""
        SELECT ?begin ?by WHERE {{
            GRAPH ?g {{ x:organization/agicp pko:beginDate ?begin ; pko:proposedBy ?by }}
            ?g dcterms:isPartOf {DOC} .
        }}""") == {("2002", iri("person/yasuo-fukuda"))}


def test_fukudas_post_in_2002(built_store: GraphStore) -> None:
    assert rows(built_store, """
        SELECT ?org ?role ?title ?as_of WHERE {
            ?m org:member x:person/yasuo-fukuda ; org:organization ?org ;
               org:role/skos:prefLabel ?role ; pko:title ?title ; pko:asOf ?as_of .
        }""") == {(iri("organization/government-of-japan"), "Chief Cabinet Secretary",
                   "Chief Cabinet Secretary", "2002")}


def test_agicps_recommendations_submitted_in_2002(built_store: GraphStore) -> None:
    assert rows(built_store, """
        SELECT ?by ?date WHERE {
            x:instrument/agicp-recommendations pko:issuedBy ?by .
            ?e pko:instrument x:instrument/agicp-recommendations ; pko:date ?date .
        }""") == {(iri("organization/agicp"), "2002")}
    ((text,),) = rows(built_store, """
        SELECT ?text WHERE {
            ?item pko:principleOf x:instrument/agicp-recommendations ; skos:notation "124" ;
                  pko:text ?text .
        }""")
    assert text.startswith("International peace cooperation requires the performance")


def test_the_oda_charter_revision_is_cited_in_the_action_plan(built_store: GraphStore) -> None:
    assert rows(built_store, f"""
        SELECT ?charter WHERE {{
            GRAPH ?g {{ x:legal-event/oda-charter-revision-2003 a pko:Amendment ;
                           pko:instrument ?i }}
            ?g dcterms:isPartOf {DOC} .
            ?i rdfs:label ?charter .
        }}""") == {("Official Development Assistance Charter",)}


def test_the_nine_members_of_the_studys_advisory_group(built_store: GraphStore) -> None:
    found = rows(built_store, f"""
        SELECT ?name ?organization ?title WHERE {{
            GRAPH ?g {{ ?m org:member ?p ; org:role x:role/member ;
                           pko:asOf "2004-04-23"^^xsd:date ;
                           org:organization x:organization/hrd-study-advisory-group }}
            ?g dcterms:isPartOf {DOC} .
            ?p rdfs:label ?name .
            GRAPH ?g {{ ?post org:member ?p ; org:organization ?o ; pko:title ?title }}
            ?o rdfs:label ?organization .
        }}""")
    assert found == {
        ("Shunichiro Asaba", "UNHCR Regional Representation in Japan", "Deputy Representative"),
        ("Mitsutoyo Ikeda", "World Vision Japan", "Manager, International Programs/Relief"),
        ("Ken Inoue", "Asian Productivity Organization", "Director, Industry Department"),
        ("Chimaki Kurokawa", "Japan Platform", "Advisor"),
        ("Atsushi Kusano", "Keio University",
         "Professor, Faculty of Policy Management, Graduate School of Media and Governance"),
        ("Akihiko Tanaka", "University of Tokyo",
         "Director, Professor of International Politics, Institute of Oriental Culture"),
        ("Akiko Yamanaka", "United Nations University", "Visiting Professor"),
        ("Yozo Yokota", "Chuo University Law School", "Professor of Law"),
        ("Akiko Yuge", "UNDP Tokyo Office", "Director"),
    }


def test_ken_inoue_in_2004_is_the_one_ken_inoue(built_store: GraphStore) -> None:
    assert rows(built_store, """
        SELECT ?person WHERE { ?person a foaf:Person ; rdfs:label "Ken Inoue"@en }
        """) == {(iri("person/ken-inoue"),)}
    assert rows(built_store, """
        SELECT ?title ?as_of WHERE {
            ?m org:member x:person/ken-inoue ;
               org:organization x:organization/asian-productivity-organization ;
               pko:title ?title ; pko:asOf ?as_of .
        }""") == {("Director, Industry Department", "2004-04-23")}


def test_affiliations_are_part_of_their_parents(built_store: GraphStore) -> None:
    found = rows(built_store, """
        SELECT ?child ?parent WHERE {
            VALUES ?child { x:organization/undp-tokyo-office
                            x:organization/chuo-university-law-school
                            x:organization/unhcr-regional-representation-in-japan
                            x:organization/mofa-recruitment-center-for-international-organizations
                            x:organization/unhcr-e-centre }
            ?child org:subOrganizationOf ?parent .
        }""")
    assert found == {
        (iri("organization/undp-tokyo-office"), iri("organization/undp")),
        (iri("organization/chuo-university-law-school"), iri("organization/chuo-university")),
        (iri("organization/unhcr-regional-representation-in-japan"), iri("organization/unhcr")),
        (iri("organization/mofa-recruitment-center-for-international-organizations"),
         iri("organization/mofa")),
        (iri("organization/unhcr-e-centre"), iri("organization/unhcr")),
    }


def test_programmes_and_their_operators(built_store: GraphStore) -> None:
    found = rows(built_store, f"""
        SELECT ?programme ?by WHERE {{
            GRAPH ?g {{ ?p a pko:Programme ; pko:implementedBy ?o }}
            ?g dcterms:isPartOf {DOC} .
            ?p rdfs:label ?programme . ?o pko:acronym ?by .
        }}""")
    assert found == {
        ("Study on Human Resources Development in International Cooperation for Peace", "MOFA"),
        ("Study on Human Resources Development in International Cooperation for Peace", "MEXT"),
        ("Study on Human Resources Development in International Cooperation for Peace", "JICA"),
        ("open seminars on international peace cooperation", "JICA"),
        ("Peace-Talk Marathon 2003-2007", "JICA"),
        ("Lectures on International Cooperation", "MEXT"),
        ("Lectures on International Cooperation", "JICA"),
        ("Participatory Network for Expert Recruitment", "JICA"),
        ("Support and Coordination Project for University Cooperation in International "
         "Development", "MEXT"),
        ("guest researcher system in the area of peacebuilding", "JICA"),
        ("Post-conflict Reconstruction (Peacebuilding)", "JICA"),
    }
    assert rows(built_store, """
        SELECT ?begin WHERE { x:programme/peace-talk-marathon-2003-2007 pko:beginDate ?begin }
        """) == {("2003-08",)}


def test_the_un_staff_figure_and_its_target(built_store: GraphStore) -> None:
    assert rows(built_store, """
        SELECT ?value ?unit ?as_of WHERE {
            x:figure/japanese-nationals-in-un-organizations-expert-rank-2004-01
                pko:value ?value ; pko:unitOfMeasure ?unit ; pko:asOf ?as_of .
        }""") == {("610", "persons", "2004-01")}
    assert rows(built_store, """
        SELECT ?value ?unit ?begin ?end WHERE {
            x:figure/japanese-nationals-in-un-organizations-expert-rank-target-2009
                pko:value ?value ; pko:unitOfMeasure ?unit ; pko:beginDate ?begin ;
                pko:endDate ?end .
        }""") == {("10", "percent", "2004-01", "2009")}


def test_the_liaison_conference_to_be_established(built_store: GraphStore) -> None:
    found = rows(built_store, """
        SELECT ?by ?instrument WHERE {
            x:organization/hrd-liaison-conference pko:proposedBy ?by ;
                pko:establishedBy ?instrument .
        }""")
    assert {by for by, _ in found} == FOUR_BODIES
    assert {i for _, i in found} == {iri("instrument/hrd-action-plan")}
