"""Contributions on the built graph: items a row states jointly for two decisions belong to
their series and are counted once, numbers stated as "at least" say so, and pledged amounts
are told apart from given ones."""

from __future__ import annotations

from decimal import Decimal

from graph_rows import iri, rows
from test_queries import QUERY_FILES

from pkograph.queries import load_file, run
from pkograph.store.base import GraphStore


def _query(name: str):  # type: ignore[no-untyped-def]
    return load_file(next(p for p in QUERY_FILES if p.stem == name))


def test_no_item_line_belongs_to_two_decisions(built_store: GraphStore) -> None:
    assert rows(built_store, """
        SELECT DISTINCT ?line WHERE {
          ?a pko:hasItemLine ?line . ?b pko:hasItemLine ?line . FILTER(?a != ?b) }""") == set()
    assert rows(built_store, """
        SELECT ?line ?gift WHERE {
          x:contribution-series/unhcr-nos-6-7 pko:hasItemLine ?line .
          ?gift pko:inSeries x:contribution-series/unhcr-nos-6-7 }""") == {
        (iri(f"item-line/1999-04-06-unhcr/{k}"), iri(gift))
        for k in (1, 2, 3) for gift in ("contribution/1999-04-06-unhcr",
                                        "contribution/1999-04-27-unhcr")}


def test_summing_the_rows_by_decision_counts_each_item_once(built_store: GraphStore) -> None:
    """The rows of contributions-in-kind summed per decision give the same total as
    item-totals, which counts each line once: the 10,000 blankets of Nos. 6-7 are not
    counted for each decision."""
    listed = run(built_store, _query("contributions-in-kind"), {"item": "blanket"})
    by_decision: dict[str, Decimal] = {}
    for row in listed:
        key = str(row["contribution"])
        by_decision[key] = by_decision.get(key, Decimal(0)) + Decimal(str(row["quantity"]))
    totals = run(built_store, _query("item-totals"), {"item": "blanket"})
    # 97,950 blankets in the 2019 table, 5,000 for Ukraine evacuees in the 2022 report.
    assert [int(r["total"]) for r in totals] == [int(sum(by_decision.values()))] == [  # type: ignore[arg-type]
        97950 + 5000]
    assert by_decision[iri("contribution-series/unhcr-nos-6-7")] == 10000


def test_at_least_is_a_qualifier(built_store: GraphStore) -> None:
    assert rows(built_store, """
        SELECT ?value ?qualifier WHERE {
          x:figure/japanese-nationals-in-un-organizations-expert-rank-target-2009
            pko:value ?value ; pko:qualifier/skos:prefLabel ?qualifier }""") == {
        ("10", "at least")}


def test_pledged_amounts_are_told_apart_from_given_ones(built_store: GraphStore) -> None:
    found = rows(built_store, """
        SELECT ?contribution ?status WHERE {
          ?contribution a pko:FinancialContribution ; pko:amountStatus/skos:prefLabel ?status }""")
    assert len(found) == 14 and {s for _, s in found} == {"pledged", "given"}
    assert {c for c, s in found if s == "pledged"} == {
        iri("contribution/iraq-reconstruction-assistance-pledge"),
        iri("contribution/sudan-consolidation-of-peace-2005"),
        iri("contribution/arms-collection-sierra-leone-liberia-pledge")}
