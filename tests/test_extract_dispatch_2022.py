"""The 2022 seminar's dispatch list, read from the real text: each entry resolved to the 2019
table's assignment, its own sourced unit deployments, and the disagreements that stay visible.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from pkograph.extract import hisajima_dispatch, road_to_peace
from pkograph.extract.cells import CellError
from pkograph.extract.hisajima_dispatch import Candidate, match
from pkograph.extract.readings import load_readings
from pkograph.names import NameIndex
from pkograph.paths import Project
from pkograph.records import Record, RecordErrors

TEXT = "data/sources/hisajima-seminar-2022.txt"
DOC = "hisajima-seminar-2022"




@pytest.fixture(scope="module")
def table(project: Project, names: NameIndex, curated: list[Record]) -> list[Record]:
    """The 2019 table's records, which the list is resolved against."""
    return road_to_peace.extract(project, names, curated)


@pytest.fixture(scope="module")
def lines(project_root: Path) -> list[str]:
    return (project_root / TEXT).read_text(encoding="utf-8").splitlines()


@pytest.fixture(scope="module")
def records(project: Project, names: NameIndex, curated: list[Record],
            table: list[Record]) -> list[Record]:
    return hisajima_dispatch.extract(project, names, curated + table)


def read_with(lines: list[str], project: Project, names: NameIndex, known: list[Record],
              line: int, old: str, new: str) -> list[Record]:
    changed = list(lines)
    assert old in changed[line - 1]
    changed[line - 1] = changed[line - 1].replace(old, new)
    return hisajima_dispatch.read(changed, TEXT, names, known, load_readings(project, DOC))


def deployment(records: list[Record], rid: str) -> Record:
    (rec,) = [r for r in records if r.type == "unit-deployment" and r.id == rid]
    return rec


def phase_rows(records: list[Record], rid: str) -> list[tuple[object, ...]]:
    by_id = {r.id: r.values for r in records if r.type == "phase"}
    return [(by_id[p].get("strength"), by_id[p].get("rotations"), by_id[p].get("max_strength"),
             by_id[p].get("begin")) for p in deployment(records, rid).values["phases"]]


def test_each_entry_resolves_to_the_2019_assignment(records: list[Record]) -> None:
    resolved = {r.source.first_line: (r.id, r.values["serves"]) for r in records
                if r.type == "assignment"}
    assert resolved == {
        49: ("cambodia-1992", ["untac"]),
        50: ("mozambique-1993", ["onumoz"]),
        51: ("golan-heights-1996", ["undof"]),
        52: ("east-timor-1999", ["unamet"]),
        53: ("east-timor-2002", ["unmiset"]),
        54: ("timor-leste-2007", ["unmit"]),
        55: ("nepal-2007", ["unmin"]),
        56: ("sudan-2008", ["unmis"]),
        57: ("haiti-2010", ["minustah"]),
        58: ("timor-leste-2010", ["unmit"]),
        59: ("south-sudan-2011", ["unmiss"]),
        60: ("sinai-peninsula-2019", ["mfo"]),
    }
    assert {r.source.doc for r in records} == {DOC}
    first = next(r for r in records if r.type == "assignment")
    assert first.source.locator == ("List 'Record of Japan's Dispatch to Peace Operations since "
                                    "1992', No. 1 (UNTAC)")
    assert (first.origin.file, first.origin.line) == (TEXT, 49)


def test_one_deployment_per_unit_of_the_list(records: list[Record]) -> None:
    deployments = [r for r in records if r.type == "unit-deployment"]
    assert len(deployments) == 27
    assert len([r for r in records if r.type == "phase"]) == 42
    assert all(r.id.endswith("/hisajima-seminar-2022") for r in deployments)
    cambodia = deployment(records, "cambodia-1992/engineering-units/hisajima-seminar-2022")
    assert cambodia.values["source_text"] == "Engineering Unites (600x2)"
    assert phase_rows(records, cambodia.id) == [(600, 2, None, None)]
    police = deployment(records, "cambodia-1992/civilian-police-officers/hisajima-seminar-2022")
    assert police.values["source_text"] == "Civilian Police (75)"


def assignment(records: list[Record], rid: str) -> Record:
    (rec,) = [r for r in records if r.type == "assignment" and r.id == rid]
    return rec


def test_the_period_of_an_entry_is_the_period_of_the_assignment(records: list[Record]) -> None:
    """The list gives one period per mission: it is stated of the assignment, and no unit of
    the list gets a begin, an end or an ongoing date the list does not give it."""
    cambodia = assignment(records, "cambodia-1992")
    assert (cambodia.values["begin"], cambodia.values["end"]) == ("1992-09", "1993-09")
    assert cambodia.source.first_line == 49
    periods = {r.id: (r.values.get("begin"), r.values.get("end"), r.values.get("ongoing_as_of"))
               for r in records if r.type == "assignment"}
    assert len(periods) == 12 and all(begin for begin, _, _ in periods.values())
    dated = [r.id for r in records if r.type == "unit-deployment"
             and {"begin", "end", "ongoing_as_of"} & set(r.values)]
    assert dated == []


def test_ongoing_as_of_the_seminar(records: list[Record]) -> None:
    for rid in ("south-sudan-2011", "sinai-peninsula-2019"):
        values = assignment(records, rid).values
        assert values["ongoing_as_of"] == "2022-07-27" and "end" not in values
        assert "ongoing as of the seminar, 2022-07-27 (line 16)" in str(values["note"])
    assert "'09-2012'" in str(assignment(records, "timor-leste-2010").values["note"])


# --- the disagreements with the 2019 table, each kept with its source -------------------------

def test_unamet_period(records: list[Record], table: list[Record]) -> None:
    listed = assignment(records, "east-timor-1999")
    printed = deployment(table, "east-timor-1999/civilian-police-officers/road-to-peace-2019")
    assert (listed.values["begin"], listed.values["end"]) == ("1997-07", "1999-09")
    assert (printed.values["begin"], printed.values["end"]) == ("1999-07", "1999-09")
    assert (listed.source.doc, printed.source.doc) == (DOC, "road-to-peace-2019")


def test_undof_staff_officer_rotations(records: list[Record], table: list[Record]) -> None:
    assert phase_rows(records, "golan-heights-1996/staff-officers/hisajima-seminar-2022") == [
        (2, 3, None, None), (3, 4, None, "2009")]
    assert phase_rows(table, "golan-heights-1996/staff-officers/road-to-peace-2019") == [
        (2, 13, None, None), (3, 4, None, "2009-02")]


def test_unmiss_staff_officers(records: list[Record], table: list[Record]) -> None:
    listed = deployment(records, "south-sudan-2011/staff-officers/hisajima-seminar-2022")
    assert listed.values["source_text"] == "Officers (3x5, 4x8)"
    assert "read as unit type 'staff-officers'" in " ".join(listed.values["note"])
    assert phase_rows(records, listed.id) == [(3, 5, None, None), (4, 8, None, None)]
    assert phase_rows(table, "south-sudan-2011/staff-officers/road-to-peace-2019") == [
        (3, 5, None, None), (4, 5, None, None)]


def test_unmiss_engineering_2016_rotation(records: list[Record], table: list[Record]) -> None:
    listed = phase_rows(records, "south-sudan-2011/engineering-units/hisajima-seminar-2022")
    printed = phase_rows(table, "south-sudan-2011/engineering-units/road-to-peace-2019")
    assert listed[4] == (351, 1, None, "2016")
    assert printed[4] == (354, 1, None, "2016-12")
    assert [p[0] for p in listed] == [239, 349, 401, 353, 351, 58]


def test_minustah_engineering_omits_a_rotation(records: list[Record],
                                               table: list[Record]) -> None:
    listed = phase_rows(records, "haiti-2010/engineering-units/hisajima-seminar-2022")
    printed = phase_rows(table, "haiti-2010/engineering-units/road-to-peace-2019")
    assert [(s, r) for s, r, _, _ in listed] == [(203, 1), (346, 1), (317, 2), (297, 1), (44, 1)]
    assert [(s, r) for s, r, _, _ in printed] == [(203, 1), (346, 1), (330, 2), (317, 2),
                                                  (297, 1), (44, 1)]


def test_unmit_2010_unit_type(records: list[Record], table: list[Record]) -> None:
    listed = deployment(records, "timor-leste-2010/military-observers/hisajima-seminar-2022")
    assert "lists no unit of this type" in str(listed.values["note"])
    assert "'Military Liaison Officers (2x4)'" in str(listed.values["note"])
    printed = deployment(table, "timor-leste-2010/military-liaison-officers/road-to-peace-2019")
    assert printed.values["source_text"] == "Military Liaison Officers (2x4)"
    flagged = [r.id for r in records if r.type == "unit-deployment"
               and "lists no unit of this type" in str(r.values.get("note"))]
    assert flagged == [listed.id]


def test_mfo_staff_officers(records: list[Record], table: list[Record]) -> None:
    assert phase_rows(records, "sinai-peninsula-2019/staff-officers/hisajima-seminar-2022") == [
        (2, None, None, None)]
    assert phase_rows(table, "sinai-peninsula-2019/staff-officers/road-to-peace-2019") == [
        (2, 1, None, None)]


def test_other_2022_forms(records: list[Record]) -> None:
    assert phase_rows(records, "east-timor-2002/staff-officers/hisajima-seminar-2022") == [
        (10, None, None, None), (7, None, None, "2003")]
    assert phase_rows(records, "east-timor-2002/engineering-units/hisajima-seminar-2022") == [
        (680, 2, None, None), (522, None, None, "2003-03"), (405, None, None, "2003-10")]
    assert phase_rows(
        records, "golan-heights-1996/liaison-and-coordination-personnel/hisajima-seminar-2022",
    ) == [(None, None, 6, None)]


# --- resolution rules and errors ------------------------------------------------------------

def test_matching_is_unique_or_an_error() -> None:
    pool = [Candidate("a-2005", "un-peacekeeping-operations", {"x"}, 2005, {}),
            Candidate("b-2009", "un-peacekeeping-operations", {"x"}, 2009, {}),
            Candidate("c-2007", "international-election-observation-operations", {"x"}, 2007,
                      {})]
    assert match(["x"], 2006, pool).id == "a-2005"
    with pytest.raises(CellError, match="equally"):
        match(["x"], 2007, pool)
    with pytest.raises(CellError, match="no assignment"):
        match(["y"], 2007, pool)


def test_an_entry_without_an_assignment_is_an_error(lines: list[str], project: Project,
                                                    names: NameIndex, curated: list[Record],
                                                    table: list[Record]) -> None:
    with pytest.raises(RecordErrors) as caught:
        read_with(lines, project, names, curated + table, 55, "UNMIN Nepal", "UNMIN Kenya")
    assert f"{TEXT}:55:" in str(caught.value) and "no assignment of the 2019 table in kenya" in str(
        caught.value)


def test_two_entries_on_one_assignment_are_an_error(lines: list[str], project: Project,
                                                    names: NameIndex, curated: list[Record],
                                                    table: list[Record]) -> None:
    with pytest.raises(RecordErrors, match=re.escape("resolves to timor-leste-2007")):
        read_with(lines, project, names, curated + table, 58, "09.2010-09-2012", "01.2007-09-2012")


def test_unknown_missions_and_units_are_errors(lines: list[str], project: Project,
                                               names: NameIndex, curated: list[Record],
                                               table: list[Record]) -> None:
    known = curated + table
    with pytest.raises(RecordErrors, match=f"{TEXT}:56: .*unknown mission 'UNMOS'"):
        read_with(lines, project, names, known, 56, "UNMIS Sudan", "UNMOS Sudan")
    with pytest.raises(RecordErrors, match=f"{TEXT}:56: .*unknown unit type 'Staff Jugglers'"):
        read_with(lines, project, names, known, 56, "Staff Officers", "Staff Jugglers")
    with pytest.raises(RecordErrors, match=f"{TEXT}:56: .*personnel count"):
        read_with(lines, project, names, known, 56, "(2x6)", "(2x)")
