"""The rows each figure draws, checked against the saved queries and the documents.

Expected values come from the saved queries (``personnel-by-assignment``,
``contributions-in-kind``, ``personnel-totals``, ``law-timeline``, ``person-trail``) run on
the same built graph, and from the documents' text where a figure shows a stated fact.
"""

from __future__ import annotations

from collections import Counter, defaultdict

import pytest

from pkograph.figures import data
from pkograph.figures.common import date_span
from pkograph.figures.network import MORE, MOST_SHOWN, link_graph, most_connected_person
from pkograph.figures.personnel import Count
from pkograph.iri import ID
from pkograph.paths import Project
from pkograph.queries import load, run
from pkograph.store.base import GraphStore, Rows

RTP = ID + "document/road-to-peace-2019"
SEMINAR = ID + "document/hisajima-seminar-2022"
MOFA = ID + "document/mofa-peacebuilding-2007"


def _saved(store: GraphStore, project: Project, name: str, **params: str) -> Rows:
    return run(store, load(project, name), params)


def _label(store: GraphStore, iri: str) -> str:
    rows = store.select("SELECT ?x ?l WHERE { ?x rdfs:label ?l }", {"x": _iri(iri)})
    return str(rows.rows[0]["l"])


def _iri(text: str):  # type: ignore[no-untyped-def]
    from rdflib import URIRef

    return URIRef(text)


# --- timeline ----------------------------------------------------------------------------------

def test_the_timeline_has_the_28_assignments_of_the_2019_booklet_with_their_periods(
        built_store: GraphStore, project: Project) -> None:
    booklet = _label(built_store, RTP)
    begins: dict[str, set[str]] = defaultdict(set)
    ends: dict[str, set[str]] = defaultdict(set)
    for row in _saved(built_store, project, "personnel-by-assignment"):
        if str(row["document"]) == RTP:
            dispatch = str(row["dispatch"])
            begins.setdefault(dispatch, set())  # every dispatch it reports, dated or not
            if row["begin"] is not None:
                begins[dispatch].add(str(row["begin"]))
            if row["end"] is not None:
                ends[dispatch].add(str(row["end"]))
    timeline = data(built_store, "timeline")
    drawn = {d.iri: p for d in timeline.dispatches if (p := d.period_of(booklet)) is not None}
    assert len(drawn) == 28
    assert set(drawn) == set(begins)
    for dispatch, period in drawn.items():
        assert period.begin == min(begins[dispatch], key=lambda d: date_span(d)[0]), dispatch
        if period.ongoing_as_of is None:
            assert period.end == max(ends[dispatch], key=lambda d: date_span(d)[1]), dispatch
    # what the booklet's table says ("Jan. 1996-Feb. 2013", "November 2011-", "As of April 30,
    # 2019")
    assert (drawn[ID + "assignment/golan-heights-1996"].begin,
            drawn[ID + "assignment/golan-heights-1996"].end) == ("1996-01", "2013-02")
    assert (drawn[ID + "assignment/east-timor-2002"].begin,
            drawn[ID + "assignment/east-timor-2002"].end) == ("2002-02", "2004-06")
    under_way = {d: p.ongoing_as_of for d, p in drawn.items() if p.ongoing_as_of}
    assert under_way == {ID + "assignment/south-sudan-2011": "2019-04-30",
                         ID + "assignment/sinai-peninsula-2019": "2019-04-30"}
    assert drawn[ID + "assignment/cambodia-1992"].personnel == 1332  # 8x2 + 75 + 41 + 600x2


def test_the_timeline_draws_every_assignment_and_marks_where_documents_disagree(
        built_store: GraphStore) -> None:
    assignments = built_store.select("SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE "
                                     "{ ?a a pko:Assignment }").rows[0]["n"]
    timeline = data(built_store, "timeline")
    assert sum(d.assignment for d in timeline.dispatches) == int(str(assignments)) == 29
    by_iri = {d.iri: d for d in timeline.dispatches}
    # UNAMET: the booklet says July 1999, the seminar list July 1997; both are drawn
    east_timor = by_iri[ID + "assignment/east-timor-1999"]
    assert east_timor.disagreeing
    assert {(b.periods[0].begin, b.documents) for b in east_timor.bars} == {
        ("1999-07", (_label(built_store, RTP),)), ("1997-07", (_label(built_store, SEMINAR),))}
    # Timor-Leste 2007: the 2007 brochure says February 2007, the others January
    assert by_iri[ID + "assignment/timor-leste-2007"].disagreeing
    assert len(by_iri[ID + "assignment/timor-leste-2007"].bars) == 2
    # Cambodia: both documents give Sept. 1992 to Sept. 1993: one bar
    assert not by_iri[ID + "assignment/cambodia-1992"].disagreeing
    # Ukraine 2022 comes from the seminar report only: "more than 200"
    ukraine = by_iri[ID + "assignment/ukraine-evacuees-2022"].periods[0]
    assert (ukraine.begin, ukraine.end, ukraine.personnel_text()) == (
        "2022-05", "2022-06", "more than 200")
    # the dispatches under other laws have no period in any document: named, not drawn
    assert set(timeline.undated) == {
        _label(built_store, ID + "dispatch/sdf-iraq-humanitarian-and-reconstruction-assistance"),
        _label(built_store, ID + "dispatch/msdf-refueling-activity")}


# --- supplies ----------------------------------------------------------------------------------

@pytest.mark.parametrize("by, column", [("recipient", "recipient_label"), ("item", "item_label")])
def test_yearly_supply_counts_are_those_of_the_contributions_in_kind_query(
        built_store: GraphStore, project: Project, by: str, column: str) -> None:
    pairs, per_year, undated = set(), defaultdict(set), set()
    for row in _saved(built_store, project, "contributions-in-kind"):
        # a row of a series (Nos. 6 and 7, stated jointly) stands for each of its decisions
        serials = str(row["serials"]).split(", ") if row.get("serials") is not None else []
        decisions = ([f"{row['contribution']}#{n}" for n in serials] if len(serials) > 1
                     else [str(row["contribution"])])
        if row["decision_date"] is None:
            undated.update(decisions)
            continue
        year = int(str(row["decision_date"])[:4])
        pairs.update((year, str(row[column]), d) for d in decisions)
        per_year[year].update(decisions)
    expected = Counter((year, key) for year, key, _ in pairs)
    supplies = data(built_store, "supplies", {"by": by})
    assert dict(supplies.counts) == dict(expected)
    assert dict(supplies.contributions) == {y: len(c) for y, c in per_year.items()}
    assert sum(supplies.contributions.values()) == 28
    assert len(supplies.undated) == len(undated) == 1  # UNHCR, Ukraine 2022: no decision date
    if by == "recipient":
        assert supplies.counts[1999, _label(built_store, ID + "organization/unhcr")] == 3
        assert supplies.names[_label(built_store, ID + "organization/unhcr")] == "UNHCR"


# --- personnel ---------------------------------------------------------------------------------

def test_personnel_per_year_adds_up_to_the_personnel_totals_query(
        built_store: GraphStore, project: Project) -> None:
    personnel = data(built_store, "personnel", {"source": "Road to Peace (2019)"})
    totals = _saved(built_store, project, "personnel-totals")
    assert len(totals) > 0
    # The query books a phase in the decade it ran, or under a span of decades ("1990s-2010s")
    # when its rotations are not dated; the figure books it in the year it began: so a decade
    # of the figure holds the query's rows for that decade and for the spans starting there.
    by_start: dict[tuple[str, str], int] = defaultdict(int)
    for row in totals:
        category, decade = str(row["category_label"]), str(row["decade"])
        expected = int(float(str(row["total"])))
        if decade == "all":
            assert personnel.total(category).total == expected, category
        else:
            by_start[category, decade[:5]] += expected
    assert any("-" in str(row["decade"]) for row in totals)  # spans are there to check
    for (category, decade), expected in by_start.items():
        years = range(int(decade[:4]), int(decade[:4]) + 10)
        got = sum(n.total for (y, c), n in personnel.counts.items()
                  if c == category and y in years)
        assert got == expected, (category, decade)
    assert personnel.source == _label(built_store, RTP)


def test_personnel_counts_each_dispatch_from_one_document_and_marks_lower_bounds(
        built_store: GraphStore, project: Project) -> None:
    rows = _saved(built_store, project, "personnel-by-assignment")
    in_booklet = {str(r["dispatch"]) for r in rows if str(r["document"]) == RTP}
    others: dict[str, set[tuple]] = defaultdict(set)  # dispatch -> distinct phases elsewhere
    for r in rows:
        if str(r["dispatch"]) not in in_booklet and r["personnel"] is not None:
            others[str(r["dispatch"])].add(tuple(str(r[k]) for k in (
                "unit_type", "begin", "strength", "rotations", "phase_begin", "personnel")))
    assert set(others) == {ID + "assignment/ukraine-evacuees-2022"}
    extra = sum(int(float(p[-1])) for phases in others.values() for p in phases)
    booklet_only = data(built_store, "personnel", {"source": "Road to Peace (2019)"})
    personnel = data(built_store, "personnel")
    assert personnel.total().total == booklet_only.total().total + extra
    assert personnel.counts[2022, "International Humanitarian Relief Operations"] == Count(
        200, lower_bound=200)
    assert personnel.total().text().startswith("more than ")
    # "max. 6 members changed as needed": phases giving only a maximum are not counted
    maxima = {(str(r["dispatch"]), str(r["unit_type"])) for r in rows
              if str(r["document"]) == RTP and r["max_strength"] is not None
              and r["strength"] is None}
    assert personnel.maxima == len(maxima) == 10


# --- law timeline ------------------------------------------------------------------------------

def test_the_law_timeline_has_the_dates_and_descriptions_of_the_law_timeline_query(
        built_store: GraphStore, project: Project) -> None:
    rows = _saved(built_store, project, "law-timeline")
    label = {doc: _label(built_store, doc) for doc in {str(r["document"]) for r in rows}}
    dates = {(str(r["event"]), str(r["date"]), label[str(r["document"])]) for r in rows
             if r["date"] is not None}
    said = {(str(r["event"]), label[str(r["document"])], str(r["description"])) for r in rows
            if r["description"] is not None}
    law = data(built_store, "law-timeline")
    assert {(e.iri, d, doc) for e in law.events for d, docs in e.dates.items()
            for doc in docs} == dates
    assert {(e.iri, doc, text) for e in law.events for doc, text in e.descriptions} == said
    assert [(e.kind, list(e.dates)) for e in law.events] == [
        ("enactment", ["1992-06"]), ("amendment", ["1998"]), ("amendment", ["2015"])]
    assert law.instrument == "International Peace Cooperation Law"
    assert law.undated == ()


def test_the_oda_charter_has_its_2003_revision(built_store: GraphStore) -> None:
    law = data(built_store, "law-timeline", {"instrument": "ODA Charter"})
    assert [(e.kind, list(e.dates)) for e in law.events] == [("amendment", ["2003-08"])]


# --- network -----------------------------------------------------------------------------------

def test_akashis_network_links_his_posts_and_what_they_concern(
        built_store: GraphStore, project: Project) -> None:
    trail = _saved(built_store, project, "person-trail", person="Akashi")
    posts = {str(r["with"]) for r in trail if str(r["link"]) == "post" and r["with"]}
    concerned = {c for r in trail if r["concerns_label"] is not None
                 for c in str(r["concerns_label"]).split(", ")}
    roles = {str(r["role"] or r["title"]) for r in trail
             if str(r["with"]) == ID + "mission/untac" and (r["role"] or r["title"])}
    network = data(built_store, "network", {"person": "Akashi"})
    assert network.person.label == "Yasushi Akashi"
    first = network.at(1)
    assert {t.iri for t in first} - posts == {t.iri for t in first if t.label in concerned}
    assert posts <= {t.iri for t in first}
    assert {t.label for t in first if t.iri not in posts} == concerned == {
        "Sri Lanka", "Sri Lanka peace process"}
    assert network.within[1] == len(first) == 6
    untac = next(link for link in network.links if ID + "mission/untac" in (link.a, link.b)
                 and network.person.iri in (link.a, link.b))
    assert set(untac.links) == roles == {"Head of Mission",
                                         "Special Representative of the Secretary-General"}
    _readable(network)


def _readable(network) -> None:  # type: ignore[no-untyped-def]
    """Every step-2 thing is drawn or counted, and each step-1 thing shows at most a few."""
    shown = [t for t in network.at(2) if t.kind != MORE]
    counted = sum(n for t in network.at(2) if t.kind == MORE for n in t.hidden.values())
    assert len(shown) + counted == network.within[2]
    assert len(shown) <= MOST_SHOWN * len(network.at(1))
    assert len(network.things) <= 1 + len(network.at(1)) * (MOST_SHOWN + 2)


def test_the_most_connected_person_is_found_and_drawn_readably(
        built_store: GraphStore) -> None:
    iri, label, degree = most_connected_person(built_store)
    graph, things = link_graph(built_store)
    people = sorted((graph.degree[p], p) for p, t in things.items()
                    if t.kind == "person" and p in graph)
    assert len(people) > 40 and people[-1][0] == degree  # no one is linked to more things
    for count, person in people[-3:]:  # each figure counts what the link graph links
        assert data(built_store, "network", {"person": person}).within[1] == count
    network = data(built_store, "network", {"person": iri})
    assert network.person.label == label
    assert len(network.at(1)) == degree
    _readable(network)
