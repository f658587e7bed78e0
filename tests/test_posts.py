"""Posts on the built graph: a period the source gives a post is an OWL-Time interval
(org:memberDuring), a date alone stays an as-of date, and a post held ex officio by the holder
of a role is an org:Post, not a membership without a member."""

from __future__ import annotations

from graph_rows import iri, rows

from pkograph.store.base import GraphStore


def test_a_known_period_is_an_owl_time_interval(built_store: GraphStore) -> None:
    found = rows(built_store, """
        SELECT ?interval ?begin ?document WHERE {
          GRAPH ?c { x:membership/motoo-noguchi/eccc-supreme-court-chamber
                       org:memberDuring ?interval .
                     ?interval a time:ProperInterval ; time:hasBeginning ?instant .
                     ?instant a time:Instant ; time:inXSDgYearMonth ?begin }
          ?c dcterms:isPartOf ?document
          FILTER NOT EXISTS { ?interval time:hasEnd [] }
        }""")
    assert found == {(iri("period/motoo-noguchi/eccc-supreme-court-chamber/"
                          "mofa-peacebuilding-2007"), "2006-05",
                      iri("document/mofa-peacebuilding-2007"))}
    assert rows(built_store, """
        SELECT ?d WHERE { x:membership/motoo-noguchi/eccc-supreme-court-chamber pko:asOf ?d }
        """) == set()


def test_posts_carry_no_bare_dates(built_store: GraphStore) -> None:
    assert rows(built_store, """
        SELECT DISTINCT ?post WHERE { ?post a org:Membership ; pko:beginDate|pko:endDate [] }
        """) == set()
    # Dates that are not a period stay as they are.
    assert len(rows(built_store, "SELECT DISTINCT ?post WHERE { ?post pko:asOf [] }")) > 40
    assert len(rows(built_store, "SELECT DISTINCT ?post WHERE { ?post pko:formerAsOf [] }")) > 10


def test_an_ex_officio_post_is_an_org_post(built_store: GraphStore) -> None:
    assert rows(built_store, """
        SELECT ?in ?holder ?title WHERE {
          x:post/ipc-headquarters/chief a org:Post ; org:postIn ?in ; pko:holderRole ?holder ;
                                      pko:title ?title }""") == {
        (iri("organization/ipc-headquarters"), iri("role/prime-minister"), "Chief")}
    assert rows(built_store, """
        SELECT DISTINCT ?post WHERE {
          ?post a org:Membership FILTER NOT EXISTS { ?post org:member [] } }""") == set()
