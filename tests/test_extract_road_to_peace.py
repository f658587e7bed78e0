"""The two tables of Road to Peace (2019), read from the real text: the generic cell rules,
the records they give, the reviewed readings, and the errors a damaged row raises.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from decimal import Decimal
from pathlib import Path

import pytest

from pkograph.extract import EXTRACTORS, cells, hisajima_dispatch, road_to_peace
from pkograph.extract.cells import CellError, Period, parse_period, parse_personnel
from pkograph.extract.readings import Readings, load_readings
from pkograph.names import NameIndex
from pkograph.paths import Project
from pkograph.records import Record, RecordErrors
from pkograph.store.base import GraphStore

TEXT = "data/sources/road-to-peace-2019.txt"
DOC = "road-to-peace-2019"

ASSIGNMENT_IDS = [
    "angola-1992", "cambodia-1992", "mozambique-1993", "el-salvador-1994",
    "rwandan-refugees-1994", "golan-heights-1996", "bosnia-and-herzegovina-1998",
    "east-timor-1999", "east-timorese-displaced-persons-1999", "bosnia-and-herzegovina-2000",
    "east-timor-2001", "afghan-refugees-2001", "kosovo-2001", "east-timor-2002",
    "east-timorese-election-observation-2002", "iraqi-refugees-2003",
    "iraqi-afflicted-persons-2003", "democratic-republic-of-congo-2006", "timor-leste-2007",
    "timor-leste-election-observation-2007", "nepal-2007", "nepal-election-observation-2008",
    "sudan-2008", "haiti-2010", "timor-leste-2010", "sudan-referendum-observation-2010",
    "south-sudan-2011", "sinai-peninsula-2019",
]


# --- fixtures ---------------------------------------------------------------------------------



@pytest.fixture(scope="module")
def lines(project_root: Path) -> list[str]:
    return (project_root / TEXT).read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="module")
def records(project: Project, names: NameIndex, curated: list[Record]) -> list[Record]:
    return road_to_peace.extract(project, names, curated)


def merged(records: list[Record], rtype: str, rid: str) -> dict[str, object]:
    """Every value the records of one thing state (lists joined)."""
    values: dict[str, object] = {}
    found = [r for r in records if r.type == rtype and r.id == rid]
    assert found, f"no {rtype} {rid}"
    for rec in found:
        for key, value in rec.values.items():
            if isinstance(value, list):
                values[key] = [*values.get(key, []), *value]  # type: ignore[misc]
            else:
                values[key] = value
    return values


def of_type(records: list[Record], rtype: str) -> list[Record]:
    return [r for r in records if r.type == rtype]


def phases(records: list[Record], deployment: str) -> list[dict[str, object]]:
    ids = merged(records, "unit-deployment", deployment)["phases"]
    return [merged(records, "phase", pid) for pid in ids]  # type: ignore[attr-defined]


def read_with(lines: list[str], project: Project, names: NameIndex, curated: list[Record],
              line: int, old: str, new: str) -> list[Record]:
    """The tables read from the text with ``old`` replaced by ``new`` on one line."""
    changed = list(lines)
    assert old in changed[line - 1]
    changed[line - 1] = changed[line - 1].replace(old, new)
    return road_to_peace.read(changed, TEXT, names, curated, load_readings(project, DOC))


# --- generic cell rules --------------------------------------------------------------------

@pytest.mark.parametrize(("text", "expected"), [
    ("SeptOct. 1992", Period("1992-09", "1992-10")),
    ("Sept. 1992\u2013Sept. 1993 -", Period("1992-09", "1993-09", open=True)),
    ("Oct.\u2013Nov. 1994", Period("1994-10", "1994-11")),
    ("AugSept. 1998", Period("1998-08", "1998-09")),
    ("Oct. 2001", Period("2001-10")),
    ("November 2011-", Period("2011-11", None, open=True)),
    ("Dec. 2010- Jan. 2011", Period("2010-12", "2011-01")),
    ("Jan. 2012- May. 2017", Period("2012-01", "2017-05")),
    ("from Feb. 2009", Period("2009-02", None, open=True)),
    ("in 2012", Period("2012", None, open=True)),
])
def test_periods_as_printed(text: str, expected: Period) -> None:
    assert parse_period(text) == expected


def test_a_period_without_a_year_takes_the_rows_year() -> None:
    assert parse_period("July\u2013Aug.", year=2006) == Period("2006-07", "2006-08")
    with pytest.raises(CellError, match="no year"):
        parse_period("July\u2013Aug.")


@pytest.mark.parametrize("text", ["19101. Apr. 2000", "ouly / logi 2000", "Sept. 2000-Mar. 1999"])
def test_unreadable_periods_are_errors(text: str) -> None:
    with pytest.raises(CellError):
        parse_period(text)


def test_single_dates_close_on_themselves() -> None:
    assert parse_period("Sept. 1998 -").closed() == ("1998-09", "1998-09")


@pytest.mark.parametrize(("text", "expected"), [
    ("(8 x 2)", [(8, 2, None, None)]),
    ("(2 x 13) (3x4;from Feb. 2009)", [(2, 13, None, None), (3, 4, None, "2009-02")]),
    ("(max.10 members changed as needed)", [(None, None, 10, None)]),
    ("(max, 3; members changed as needed)", [(None, None, 3, None)]),
    ("(10; 7; May 2003-June 2004)", [(10, None, None, None), (7, None, None, "2003-05")]),
    ("(680 x 2 522; MarSept. 2003 405; Oct. 2003-June 2004)",
     [(680, 2, None, None), (522, None, None, "2003-03"), (405, None, None, "2003-10")]),
    ("(3x5 4x5)", [(3, 5, None, None), (4, 5, None, None)]),
    ("2\u00d71", [(2, 1, None, None)]),
    ("(203x1; 346x1 Mar. 2010-; 330x2 Aug. 2010-;",
     [(203, 1, None, None), (346, 1, None, "2010-03"), (330, 2, None, "2010-08")]),
])
def test_personnel_counts(text: str, expected: list[tuple[object, ...]]) -> None:
    got = parse_personnel(text)
    assert [(p.strength, p.rotations, p.max_strength, p.period and p.period.begin)
            for p in got] == expected


def test_personnel_notes_and_years() -> None:
    (advance,) = parse_personnel("(283 incl. advance unit [23])")
    assert (advance.strength, advance.notes) == (283, ["incl. advance unit [23]"])
    first, second = parse_personnel("(8; July\u2013Aug.) (5; Oct.\u2013Nov.)", year=2006)
    assert (first.period, second.period) == (Period("2006-07", "2006-08"),
                                              Period("2006-10", "2006-11"))


@pytest.mark.parametrize("text", ["(three)", "(12x)", "(0)", "(5 x 2) June"])
def test_unreadable_counts_are_errors(text: str) -> None:
    with pytest.raises(CellError):
        parse_personnel(text)


def test_quantities_and_decisions() -> None:
    assert cells.parse_quantity("2,000sets") == (Decimal(2000), "sets", [])
    assert cells.parse_quantity("5.56mm, 10,000 rounds") == (Decimal(10000), "rounds", ["5.56mm"])
    assert cells.parse_quantity("1 units")[1] == "units"
    with pytest.raises(CellError):
        cells.parse_quantity("many sets")
    decisions = road_to_peace.parse_decisions("1 st : Apr. 6, 1999 ⁴ 2 nd : Apr. 27, 1999 ⁴")
    assert [(d.ordinal, d.date, d.marks) for d in decisions] == [
        (1, dt.date(1999, 4, 6), [4]), (2, dt.date(1999, 4, 27), [4])]
    (plain,) = road_to_peace.parse_decisions("Oct. 22, 1999 4")
    assert (plain.date, plain.marks) == (dt.date(1999, 10, 22), [4])
    (third,) = road_to_peace.parse_decisions("3ª: May. 16, 2017 ⁵")
    assert (third.ordinal, third.date, third.marks) == (3, dt.date(2017, 5, 16), [5])


def test_cyrillic_look_alikes_are_read_as_latin(lines: list[str]) -> None:
    assert lines[152].split("\t")[0] != "PKO"
    assert cells.clean(lines[152].split("\t")[0]) == "PKO"


def test_purposes_split_across_rows_are_joined() -> None:
    def row(line: int, text: str) -> road_to_peace.GiftRow:
        return road_to_peace.GiftRow(line, "", [line], "", "", [], "",
                                     road_to_peace.sentences(text), {line})
    above, below = row(1, "First. Second part and their"), row(2, "families. Own sentence.")
    assert road_to_peace.join_purposes([above, below]) == []
    assert above.sentences == ["First.", "Second part and their families."]
    assert below.sentences == ["Own sentence."]
    above, below = row(1, "First. Used for the"), row(2, "refugees in Chad.")
    assert road_to_peace.join_purposes([above, below]) == []
    assert (above.sentences, below.sentences) == (["First."], ["Used for the refugees in Chad."])
    assert road_to_peace.join_purposes([row(1, "Unfinished"), row(2, "Other.")])


# --- the assignments table -------------------------------------------------------------------

def test_28_assignments_numbered_as_printed(records: list[Record]) -> None:
    labelled = [r for r in of_type(records, "assignment") if "serial" in r.values]
    assert [r.values["serial"] for r in labelled] == list(range(1, 29))
    assert [r.id for r in labelled] == ASSIGNMENT_IDS
    assert labelled[1].values["label"] == "International Peace Cooperation Assignment in Cambodia"
    assert labelled[1].source.first_line == 199 and labelled[1].source.last_line == 202


def test_categories_from_the_activity_column(records: list[Record]) -> None:
    by_category: dict[str, list[int]] = {}
    for rec in of_type(records, "assignment"):
        if "category" in rec.values:
            by_category.setdefault(str(rec.values["category"]), []).append(
                int(rec.values["serial"]))  # type: ignore[call-overload]
    assert by_category == {
        "un-peacekeeping-operations": [1, 2, 3, 4, 6, 8, 14, 19, 21, 23, 24, 25, 27],
        "international-humanitarian-relief-operations": [5, 9, 12, 16, 17],
        "international-election-observation-operations": [7, 10, 11, 13, 15, 18, 20, 22, 26],
        "internationally-coordinated-operations": [28],
    }


def test_hosts_from_the_country_column(records: list[Record]) -> None:
    def host(rid: str) -> object:
        return merged(records, "assignment", rid).get("host")
    assert host("rwandan-refugees-1994") == ["democratic-republic-of-the-congo", "kenya"]
    assert host("golan-heights-1996") == ["israel", "syria", "lebanon"]
    assert host("bosnia-and-herzegovina-2000") == ["bosnia-and-herzegovina"]
    assert host("east-timor-1999") == ["indonesia"]
    assert host("east-timor-2001") == ["timor-leste"]
    assert host("democratic-republic-of-congo-2006") == ["democratic-republic-of-the-congo"]
    assert host("sinai-peninsula-2019") == ["egypt", "israel"]
    # "Former Yugoslavia" is a region, not a country: no host country.
    assert host("kosovo-2001") is None


def test_places_of_operation_from_the_country_and_name_columns(records: list[Record]) -> None:
    """A region of the Country column, and the places the name names beside the host
    countries, are where the assignment operated; the places its duties name, what it concerns.
    """
    places = {r.id: (r.values.get("place"), r.values.get("concerns"))
              for r in of_type(records, "assignment") if "serial" in r.values}
    assert {rid: v for rid, v in places.items() if v != (None, None)} == {
        "golan-heights-1996": (["golan-heights"], None),
        "east-timor-1999": (["timor-leste"], None),
        "kosovo-2001": (["former-yugoslavia", "kosovo"], None),
        "sudan-referendum-observation-2010": (None, ["south-sudan"]),
        "sinai-peninsula-2019": (["sinai-peninsula"], None),
    }


def test_places_of_contributions_from_the_purpose_column(records: list[Record]) -> None:
    """Every place a purpose names is a place of operation, except one that qualifies
    refugees ("Kosovo refugees"), which the contribution concerns; a row naming none says so.
    """
    gifts = {int(r.values["serial"]): r.values  # type: ignore[call-overload]
             for r in of_type(records, "contribution-in-kind") if "serial" in r.values}
    assert gifts[4]["place"] == ["democratic-republic-of-the-congo"]
    assert gifts[6]["place"] == gifts[7]["place"] == ["albania"]
    assert gifts[6]["concerns"] == gifts[7]["concerns"] == ["kosovo"]
    assert gifts[9]["place"] == ["indonesia", "timor-leste"]
    assert gifts[14]["place"] == ["chad"]
    assert gifts[17]["place"] == ["darfur", "sudan"]
    assert gifts[20]["place"] == ["gaza"]
    assert gifts[24]["place"] == ["golan-heights"]
    assert gifts[25]["place"] == ["turkey", "syria"]
    unplaced = sorted(n for n, v in gifts.items() if "place" not in v)
    assert unplaced == [5, 21, 22]
    assert "The row names no place: its purpose names none." in gifts[5]["note"]  # type: ignore[operator]
    assert "The row names no place: its purpose cell is blank." in gifts[21]["note"]  # type: ignore[operator]


def test_legal_basis_cites_the_title(records: list[Record]) -> None:
    cited = [r for r in of_type(records, "assignment") if "legal_basis" in r.values]
    assert len(cited) == 28
    assert {(r.source.first_line, r.source.quote) for r in cited} == {
        (193, "based on the International Peace Cooperation Law")}


def test_names_read_from_the_extraction_file(records: list[Record]) -> None:
    bosnia = merged(records, "assignment", "bosnia-and-herzegovina-2000")
    assert bosnia["label"] == ("International Peace Cooperation Assignment in Bosnia and "
                               "Herzegovina")
    assert "'International Peace Cooperation Assignment Herzegovina'" in str(bosnia["note"])
    iraq = merged(records, "assignment", "iraqi-afflicted-persons-2003")
    assert iraq["label"] == ("International Peace Cooperation Assignment for Iraqi Afflicted "
                             "Persons")


def test_unit_deployment_counts(records: list[Record]) -> None:
    deployments = of_type(records, "unit-deployment")
    assert len(deployments) == 56
    assert len(of_type(records, "phase")) == 75
    assert all(r.id.endswith("/road-to-peace-2019") for r in deployments)
    per_assignment = {rid: sum(r.values["dispatch"] == rid for r in deployments)
                      for rid in ASSIGNMENT_IDS}
    assert per_assignment["cambodia-1992"] == 4
    assert per_assignment["haiti-2010"] == 3
    assert per_assignment["kosovo-2001"] == 2


def test_cambodia_engineering_units(records: list[Record]) -> None:
    rid = "cambodia-1992/engineering-units/road-to-peace-2019"
    unit = merged(records, "unit-deployment", rid)
    assert (unit["begin"], unit["end"]) == ("1992-09", "1993-09")  # the block's merged cell
    assert unit["source_text"] == "Engineering units (600 x 2)"
    assert unit["duty"] == ("Reconstruction of roads and bridges, supply of fuel and water to "
                            "UNTAC components")
    assert phases(records, rid) == [{"strength": 600, "rotations": 2}]
    rec = next(r for r in records if r.id == rid)
    assert (rec.origin.file, rec.origin.line) == (TEXT, 200)
    assert rec.source.locator == ("Table 'Japan's International Peace Cooperation Assignments', "
                                  "No. 2 (Cambodia), row 'Engineering units'")
    assert merged(records, "unit-deployment",
                  "cambodia-1992/civilian-police-officers/road-to-peace-2019")["end"] == "1993-07"


def test_undof_phases(records: list[Record]) -> None:
    staff = phases(records, "golan-heights-1996/staff-officers/road-to-peace-2019")
    assert staff == [{"strength": 2, "rotations": 13},
                     {"strength": 3, "rotations": 4, "begin": "2009-02"}]
    transport = phases(records, "golan-heights-1996/transport-units/road-to-peace-2019")
    assert transport == [{"strength": 43, "rotations": 33},
                         {"strength": 44, "rotations": 1, "begin": "2012-08"}]
    (liaison,) = phases(records,
                        "golan-heights-1996/liaison-and-coordination-personnel/road-to-peace-2019")
    assert liaison == {"max_strength": 6, "qualifier": "at-most",
                       "note": ["members changed as needed"]}
    unit = merged(records, "unit-deployment",
                  "golan-heights-1996/liaison-and-coordination-personnel/road-to-peace-2019")
    assert (unit["begin"], unit["end"]) == ("1996-01", "2013-02")


def test_haiti_engineering_phases(records: list[Record]) -> None:
    got = phases(records, "haiti-2010/engineering-units/road-to-peace-2019")
    assert [(p["strength"], p["rotations"], p.get("begin")) for p in got] == [
        (203, 1, None), (346, 1, "2010-03"), (330, 2, "2010-08"), (317, 2, "2011-08"),
        (297, 1, "2012-08"), (44, 1, "2012-10")]


def test_ongoing_assignments(records: list[Record]) -> None:
    for rid, star in (("south-sudan-2011", 249), ("sinai-peninsula-2019", 252)):
        (rec,) = [r for r in records if r.id == rid and "ongoing_as_of" in r.values]
        assert rec.values["ongoing_as_of"] == "2019-04-30"
        assert rec.source.first_line == 262
        assert f"line {star}" in str(rec.values["note"])
    assert not any("ongoing_as_of" in r.values for r in of_type(records, "assignment")
                   if r.id not in ("south-sudan-2011", "sinai-peninsula-2019"))
    staff = merged(records, "unit-deployment", "south-sudan-2011/staff-officers/road-to-peace-2019")
    assert (staff["begin"], staff.get("end"), staff["ongoing_as_of"]) == ("2011-11", None,
                                                                           "2019-04-30")
    engineers = merged(records, "unit-deployment",
                       "south-sudan-2011/engineering-units/road-to-peace-2019")
    assert (engineers["begin"], engineers["end"], engineers.get("ongoing_as_of")) == (
        "2012-01", "2017-05", None)
    assert [(p["strength"], p["rotations"], p["begin"]) for p in
            phases(records, "south-sudan-2011/engineering-units/road-to-peace-2019")] == [
        (239, 1, "2012-01"), (349, 3, "2012-06"), (401, 2, "2013-12"), (353, 4, "2014-12"),
        (354, 1, "2016-12"), (58, 1, "2017-04")]


def test_lines_printed_above_their_block(records: list[Record]) -> None:
    """Lines 228 and 244 (by reading), 237 and 240 (a name cell starting a name)."""
    def on_line(line: int) -> set[object]:
        return {r.values["dispatch"] for r in of_type(records, "unit-deployment")
                if r.source.first_line == line}
    assert on_line(228) == {"east-timor-2002"}
    assert on_line(244) == {"haiti-2010"}
    assert on_line(237) == {"timor-leste-2007"}
    assert on_line(240) == {"nepal-2007"}
    assert on_line(223) == {"bosnia-and-herzegovina-2000"}
    nepal = merged(records, "unit-deployment", "nepal-2007/military-observers/road-to-peace-2019")
    assert (nepal["begin"], nepal["end"]) == ("2007-03", "2011-01")  # the cell below (241)


def test_unreadable_periods_give_no_dates(records: list[Record]) -> None:
    for rid, text in (
            ("bosnia-and-herzegovina-2000/liaison-and-coordination-personnel", "19101. Apr. 2000"),
            ("iraqi-afflicted-persons-2003/liaison-and-coordination-personnel",
             "ouly / logi 2000")):
        unit = merged(records, "unit-deployment", f"{rid}/road-to-peace-2019")
        assert "begin" not in unit and "end" not in unit
        assert f"'{text}'" in str(unit["note"]) and "unreadable" in str(unit["note"])


def test_units_sharing_or_splitting_cells(records: list[Record]) -> None:
    kosovo = {r.id.split("/")[1]: r for r in of_type(records, "unit-deployment")
              if r.values["dispatch"] == "kosovo-2001"}
    assert kosovo["election-observers"].values["duty"] == "Observation of Kosovo assembly elections"
    assert kosovo["liaison-and-coordination-personnel"].values["duty"] == (
        "Liaison and coordination with relevant organizations")
    assert kosovo["election-observers"].values["source_text"] == "Election observers (6)"
    rid = "afghan-refugees-2001/liaison-and-coordination-personnel/road-to-peace-2019"
    split = next(r for r in records if r.id == rid)
    assert split.values["source_text"] == "Liaison and coordination personnel (2)"
    assert (split.source.first_line, split.source.last_line) == (225, 226)
    assert (split.values["begin"], split.values["end"]) == ("2001-10", "2001-10")


def test_sub_periods_and_notes(records: list[Record]) -> None:
    staff = phases(records, "east-timor-2002/staff-officers/road-to-peace-2019")
    assert staff == [{"strength": 10}, {"strength": 7, "begin": "2003-05", "end": "2004-06"}]
    engineers = phases(records, "east-timor-2002/engineering-units/road-to-peace-2019")
    assert [(p["strength"], p.get("begin"), p.get("end")) for p in engineers] == [
        (680, None, None), (522, "2003-03", "2003-09"), (405, "2003-10", "2004-06")]
    drc = phases(records, "democratic-republic-of-congo-2006/election-observers/road-to-peace-2019")
    assert [(p["strength"], p["begin"], p["end"]) for p in drc] == [
        (8, "2006-07", "2006-08"), (5, "2006-10", "2006-11")]
    timor = phases(records,
                   "timor-leste-election-observation-2007/election-observers/road-to-peace-2019")
    assert [(p["strength"], p["begin"], p["end"]) for p in timor] == [
        (14, "2007-03", "2007-04"), (8, "2007-05", "2007-05"), (14, "2007-06", "2007-07")]
    (relief,) = phases(records, "rwandan-refugees-1994/refugees-relief-units/road-to-peace-2019")
    assert relief == {"strength": 283, "note": ["incl. advance unit [23]"]}


def test_missions_named_in_the_duties(records: list[Record]) -> None:
    serves = {(r.id, r.source.first_line): r.values["serves"]
              for r in of_type(records, "assignment") if "serves" in r.values}
    assert serves == {
        ("cambodia-1992", 200): ["untac"], ("mozambique-1993", 203): ["onumoz"],
        ("golan-heights-1996", 210): ["undof"], ("east-timor-2002", 228): ["unmiset", "untaet"],
        ("timor-leste-2007", 237): ["unmit"], ("haiti-2010", 244): ["minustah"],
        ("sinai-peninsula-2019", 252): ["mfo"],
    }


# --- the contributions table -----------------------------------------------------------------

def contributions(records: list[Record]) -> dict[int, dict[str, object]]:
    """The contributions by No., with every value their records state."""
    main = [r for r in of_type(records, "contribution-in-kind") if "serial" in r.values]
    return {int(r.values["serial"]): merged(records, "contribution-in-kind", r.id)  # type: ignore[call-overload]
            for r in main}


def items(records: list[Record], contribution: dict[str, object]) -> list[tuple[object, ...]]:
    return [(v["item"], v.get("quantity"), v.get("unit"))
            for v in (merged(records, "item-line", i)
                      for i in contribution["items"])]  # type: ignore[attr-defined]


def test_28_contributions(records: list[Record]) -> None:
    rows = contributions(records)
    assert sorted(rows) == list(range(1, 29))
    assert len(of_type(records, "item-line")) == 92
    categories = [rows[n]["category"] for n in rows]
    assert categories.count("un-peacekeeping-operations") == 11  # as line 149 states
    assert categories.count("international-humanitarian-relief-operations") == 17
    ids = [r.id for r in of_type(records, "contribution-in-kind") if "serial" in r.values]
    assert ids[:5] == ["1992-09-11-untac", "1993-01-22-untac", "1994-07-26-onumoz",
                       "1994-08-12-unhcr", "1995-12-15-undof"]
    assert ids[-3:] == ["2013-12-23-unmiss", "2014-03-11-unmiss", "2017-05-16-unmiss"]
    assert all(rows[n]["legal_basis"] == ["international-peace-cooperation-law"] for n in rows)


def test_no_4_items(records: list[Record]) -> None:
    no4 = contributions(records)[4]
    assert (no4["recipient"], no4["decision_date"]) == ("unhcr", dt.date(1994, 8, 12))
    assert items(records, no4) == [
        ("medical-and-pharmaceutical-supplies", 1, "sets"), ("emergency-health-set", 5, "units"),
        ("large-tent", 43, "sets"), ("sleeping-mat", 2600, "sheets"), ("blanket", 3550, "sheets"),
        ("simple-water-tank", 213, "sets"), ("shovel", 1000, "sets")]


def test_no_23_quantities_as_printed(records: list[Record]) -> None:
    assert items(records, contributions(records)[23]) == [
        ("tent", 1000, "sets"), ("blanket", 25000, "sheets"), ("water-container", 27500, "sets"),
        ("plastic-sheet", 10000, "sets"), ("sleeping-mat", 35000, "sets")]


def test_items_without_quantity_or_with_remarks(records: list[Record]) -> None:
    rows = contributions(records)
    assert items(records, rows[5]) == [
        ("complete-set-of-materials-and-equipment-for-prefabricated-buildings", None, None)]
    assert items(records, rows[22])[-1] == ("other-equipment", None, None)
    ammunition = merged(records, "item-line", "2013-12-23-unmiss/1")
    assert ammunition["source_text"] == "Ammunition (5.56mm, 10,000 rounds)"
    assert (ammunition["quantity"], ammunition["unit"]) == (10000, "rounds")
    radios = merged(records, "item-line", "1999-06-22-unamet/1")
    assert radios["source_text"] == "Radios (2,000sets)"
    assert "note 1" in str(merged(records, "item-line", "1992-09-11-untac/4")["note"])


def test_recipients_of_merged_and_blank_cells(records: list[Record]) -> None:
    rows = contributions(records)
    assert {n: rows[n]["recipient"] for n in (1, 2, 12, 14, 19, 26, 27, 28)} == {
        1: "untac", 2: "untac", 12: "unhcr", 14: "unhcr", 19: "unhcr",
        26: "unmiss", 27: "unmiss", 28: "unmiss"}
    assert rows[26]["category"] == rows[27]["category"] == "un-peacekeeping-operations"
    assert rows[12]["category"] == "international-humanitarian-relief-operations"
    assert "printed once for Nos. 26-28" in str(rows[26]["note"])
    assert "continues the recipient of No. 13" in str(rows[14]["note"])


def test_purposes(records: list[Record]) -> None:
    rows = contributions(records)
    assert rows[1]["purpose"] == (
        "Used to enhance publicity and education for the people of Cambodia on such matters as "
        "free and fair elections. Used to maintain health of disarmed soldiers and their "
        "families.")
    assert rows[2]["purpose"] == ("Distributed to the people of Cambodia to enhance publicity "
                                  "and educational efforts of UNTAC through radio broadcasts.")
    assert rows[13]["purpose"] == ("Used for Humanitarian Relief Operations for Iraqi refugees "
                                   "conducted by UNHCR in Jordan and Syria.")
    assert rows[14]["purpose"] == ("Used for Humanitarian Relief Operations for Sudanese "
                                   "refugees conducted by UNHCR in Chad.")
    assert rows[12]["purpose"] == rows[11]["purpose"]
    assert "purpose" not in rows[21] and "purpose" not in rows[22]
    assert "Assignments in Golan Heights" in str(rows[24]["purpose"])


def test_nos_6_and_7_share_their_items(records: list[Record]) -> None:
    """One item cell for two decisions: the items belong to their series, not to either
    decision, so that no sum by decision counts them twice."""
    rows = contributions(records)
    assert (rows[6]["decision_date"], rows[7]["decision_date"]) == (
        dt.date(1999, 4, 6), dt.date(1999, 4, 27))
    assert (rows[6]["series_ordinal"], rows[7]["series_ordinal"]) == (1, 2)
    assert rows[6]["series"] == rows[7]["series"] == "unhcr-nos-6-7"
    assert "items" not in rows[6] and "items" not in rows[7]
    (series,) = [r for r in of_type(records, "contribution-series") if r.id == "unhcr-nos-6-7"]
    assert series.values["items"] == [
        "1999-04-06-unhcr/1", "1999-04-06-unhcr/2", "1999-04-06-unhcr/3"]
    assert items(records, series.values) == [
        ("tent", 1000, "sets"), ("blanket", 10000, "sheets"), ("sleeping-mat", 5000, "sheets")]
    assert "which decision gave which items is not stated" in str(series.values["note"])
    assert "stated jointly for Nos. 6-7" in str(rows[6]["note"])
    assert "stated jointly for Nos. 6-7" in str(rows[7]["note"])
    assert sum(r.id.startswith("1999-04-27") for r in of_type(records, "item-line")) == 0


def test_series_of_decisions(records: list[Record]) -> None:
    in_series = {int(r.values["serial"]): r.values["series"]  # type: ignore[call-overload]
                 for r in of_type(records, "contribution-in-kind") if "series" in r.values}
    assert in_series == {1: "untac-nos-1-2", 2: "untac-nos-1-2", 6: "unhcr-nos-6-7",
                         7: "unhcr-nos-6-7", 11: "unhcr-nos-11-12", 12: "unhcr-nos-11-12",
                         26: "unmiss-nos-26-28", 27: "unmiss-nos-26-28", 28: "unmiss-nos-26-28"}
    # Only the joint row gives its series items; the others keep their own.
    with_items = [r.id for r in of_type(records, "contribution-series") if "items" in r.values]
    assert with_items == ["unhcr-nos-6-7"]


def test_total_blankets(records: list[Record]) -> None:
    blankets = [r.values["quantity"] for r in of_type(records, "item-line")
                if r.values["item"] == "blanket"]
    assert sum(blankets) == 97950  # type: ignore[arg-type]
    assert len(blankets) == 9


def test_supply_arrangements_and_ordinals(records: list[Record]) -> None:
    rows = contributions(records)
    names = {"stockpiled-supplies-from-jica": 2,
             "transfer-of-management-from-the-japan-defense-agency": 3,
             "stockpiled-supplies": 4, "transfer-of-management-from-the-ministry-of-defense": 5}
    notes = {n: [names[s] for s in rows[n].get("supplied_via", [])]  # type: ignore[attr-defined]
             for n in rows}
    assert notes == {1: [], 2: [], 3: [], 4: [2], 5: [3], 6: [4], 7: [4], 8: [], 9: [4],
                     10: [4], 11: [4], 12: [4], 13: [4], 14: [4], 15: [], 16: [4], 17: [4],
                     18: [4], 19: [4], 20: [4], 21: [4], 22: [4], 23: [5], 24: [5], 25: [4],
                     26: [5], 27: [4], 28: [5]}
    ordinals = {n: rows[n]["series_ordinal"] for n in rows if "series_ordinal" in rows[n]}
    assert ordinals == {1: 1, 2: 2, 6: 1, 7: 2, 11: 1, 12: 2, 26: 1, 27: 2, 28: 3}


# --- errors -------------------------------------------------------------------------------------

def test_an_unknown_item_type_is_an_error(lines: list[str], project: Project, names: NameIndex,
                                          curated: list[Record]) -> None:
    with pytest.raises(RecordErrors) as caught:
        read_with(lines, project, names, curated, 174, "Tents (1,000 sets)", "Tenets (1,000 sets)")
    message = str(caught.value)
    assert f"{TEXT}:174:" in message
    assert "No. 23" in message and "unknown item type 'Tenets'" in message


def test_an_unreadable_quantity_is_an_error(lines: list[str], project: Project, names: NameIndex,
                                            curated: list[Record]) -> None:
    with pytest.raises(RecordErrors) as caught:
        read_with(lines, project, names, curated, 160, "(500 sets)", "(five hundred sets)")
    assert f"{TEXT}:160:" in str(caught.value) and "No. 9" in str(caught.value)


def test_an_unreadable_personnel_count_is_an_error(lines: list[str], project: Project,
                                                   names: NameIndex,
                                                   curated: list[Record]) -> None:
    with pytest.raises(RecordErrors) as caught:
        read_with(lines, project, names, curated, 211, "(43 x 33)", "(43 x)")
    message = str(caught.value)
    assert f"{TEXT}:211:" in message and "No. 6, row 'Transport units'" in message


def test_an_unknown_unit_type_and_activity_are_errors(lines: list[str], project: Project,
                                                      names: NameIndex,
                                                      curated: list[Record]) -> None:
    with pytest.raises(RecordErrors, match="unknown unit type 'Balloon units'"):
        read_with(lines, project, names, curated, 208, "Air transport unit", "Balloon units")
    with pytest.raises(RecordErrors, match=f"{TEXT}:231: .*unknown activity 'Elektion'"):
        read_with(lines, project, names, curated, 231, "Election", "Elektion")


def test_a_reading_that_no_longer_matches_is_an_error(lines: list[str], project: Project,
                                                      names: NameIndex,
                                                      curated: list[Record]) -> None:
    with pytest.raises(RecordErrors, match=re.escape("expects the text '19101. Apr. 2000'")):
        read_with(lines, project, names, curated, 223, "19101. Apr. 2000", "Mar.\u2013Apr. 2000")
    empty = Readings("none.yaml")
    with pytest.raises(RecordErrors, match="unknown activity 'LIGGUOT'"):
        road_to_peace.read(lines, TEXT, names, curated, empty)


def test_a_reading_no_cell_uses_is_an_error(lines: list[str], names: NameIndex,
                                            curated: list[Record], project: Project) -> None:
    readings = load_readings(project, DOC)
    stale = dataclasses.replace(readings.by_cell[(223, "period")], line=100)
    readings.by_cell[(100, "period")] = stale
    with pytest.raises(RecordErrors, match="line 100, cell 'period' applies to no cell"):
        road_to_peace.read(lines, TEXT, names, curated, readings)


def test_the_blocks_need_the_readings(lines: list[str], names: NameIndex,
                                      curated: list[Record], project: Project) -> None:
    """Without its reading, line 244 falls into No. 23 (Sudan), which then has two rows of staff
    officers; line 228 falls silently into No. 13 (Kosovo): the readings decide both."""
    readings = load_readings(project, DOC)
    del readings.by_cell[(244, "block")]
    with pytest.raises(RecordErrors, match=f"{TEXT}:244: .*No. 23.*a second row of unit type"):
        road_to_peace.read(lines, TEXT, names, curated, readings)
    readings = load_readings(project, DOC)
    del readings.by_cell[(228, "block")]
    wrong = road_to_peace.read(lines, TEXT, names, curated, readings)
    assert any(r.id == "kosovo-2001/staff-officers/road-to-peace-2019" for r in wrong)


def test_the_extractors_are_registered_in_order() -> None:
    assert EXTRACTORS.index(road_to_peace.extract) < EXTRACTORS.index(hisajima_dispatch.extract)


# --- in the built graph ------------------------------------------------------------------------

def test_all_tents_are_counted_through_broader(built_store: GraphStore) -> None:
    rows = built_store.select("""
        PREFIX pko: <https://w3id.org/pkograph/ontology#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        PREFIX dcterms: <http://purl.org/dc/terms/>
        SELECT (SUM(?q) AS ?total) WHERE {
          SELECT DISTINCT ?line ?q WHERE {
            ?line pko:itemType/skos:broader* <https://w3id.org/pkograph/id/item-type/tent> ;
                  pko:quantity ?q ;
                  prov:wasDerivedFrom/dcterms:isPartOf
                      <https://w3id.org/pkograph/id/document/road-to-peace-2019> .
          }
        }""")
    assert int(rows.rows[0]["total"]) == 7025  # type: ignore[arg-type]


def test_a_former_name_does_not_give_a_second_iso_code(built_store: GraphStore) -> None:
    """Timor-Leste is also "East Timor" (the table's Country column), the name of ISO's
    withdrawn code TP; the current code wins."""
    rows = built_store.select("""
        PREFIX pko: <https://w3id.org/pkograph/ontology#>
        SELECT ?code WHERE {
          <https://w3id.org/pkograph/id/place/timor-leste> pko:iso3166Alpha2 ?code
        }
        """)
    assert [str(r["code"]) for r in rows] == ["TL"]
