"""The 2004 advisory-group member list: parsing its lines, resolving organizations, and errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from pkograph.build import load_records
from pkograph.extract import EXTRACTORS
from pkograph.extract.hrd_members import extract, member_records, parse_member, read_members
from pkograph.names import NameIndex
from pkograph.paths import Project
from pkograph.records import Origin, Record, RecordError, RecordErrors, Source

TEXT = "data/sources/hrd-action-plan-2004.txt"


@pytest.fixture(scope="module")
def lines(project_root: Path) -> list[str]:
    return (project_root / TEXT).read_text(encoding="utf-8").splitlines()


def at(line: int) -> Origin:
    return Origin(TEXT, line)


def test_parses_a_real_line_with_a_comma_in_the_title(lines: list[str]) -> None:
    member = parse_member(lines[131], at(132))
    assert lines[131] == ("Mr. Ken Inoue (Director, Industry Department, Asian Productivity "
                          "Organization)")
    assert (member.honorific, member.name) == ("Mr", "Ken Inoue")
    assert member.title == "Director, Industry Department"
    assert member.organization == "Asian Productivity Organization"
    assert member.locator == "Members of the advisory group for the Study > Mr. Ken Inoue"


def test_parses_a_real_line_with_a_single_part_title(lines: list[str]) -> None:
    member = parse_member(lines[143], at(144))
    assert (member.honorific, member.name, member.title, member.organization) == (
        "Ms", "Akiko Yuge", "Director", "UNDP Tokyo Office")


def test_reads_the_nine_members_in_order(lines: list[str]) -> None:
    members = read_members(lines, TEXT)
    assert [m.line for m in members] == [128, 130, 132, 134, 136, 138, 140, 142, 144]
    assert [m.name for m in members] == [
        "Shunichiro Asaba", "Mitsutoyo Ikeda", "Ken Inoue", "Chimaki Kurokawa", "Atsushi Kusano",
        "Akihiko Tanaka", "Akiko Yamanaka", "Yozo Yokota", "Akiko Yuge"]
    tanaka = members[5]
    assert tanaka.title == ("Director, Professor of International Politics, Institute of "
                            "Oriental Culture")
    assert tanaka.organization == "University of Tokyo"


@pytest.mark.parametrize("broken", [
    "Mr. Shunichiro Asaba (Deputy Representative, UNHCR Regional Representation in Japan",
    "Shunichiro Asaba (Deputy Representative, UNHCR Regional Representation in Japan)",
    "Mr. Chimaki Kurokawa (Japan Platform)",
    "Mr. Chimaki Kurokawa (Advisor, )",
])
def test_a_broken_line_is_an_error_naming_file_and_line(broken: str) -> None:
    with pytest.raises(RecordError) as caught:
        parse_member(broken, at(134))
    assert str(caught.value.origin) == f"{TEXT}:134"
    assert broken.strip() in caught.value.message


def test_every_broken_line_of_the_list_is_reported(lines: list[str]) -> None:
    damaged = list(lines)
    damaged[129] = "Mr. Mitsutoyo Ikeda Manager, World Vision Japan"
    damaged[139] = "Ms. Akiko Yamanaka (United Nations University)"
    with pytest.raises(RecordErrors) as caught:
        read_members(damaged, TEXT)
    assert [str(e.origin) for e in caught.value.errors] == [f"{TEXT}:130", f"{TEXT}:140"]


def test_a_list_without_its_heading_is_an_error() -> None:
    with pytest.raises(RecordErrors) as caught:
        read_members(["Mr. Ken Inoue (Director, Asian Productivity Organization)"], TEXT)
    assert "Members of the advisory group" in str(caught.value)


def _org(rid: str, label: str) -> Record:
    return Record("organization", rid, {"label": label}, Source("d", 1, 1, "x"), Origin("f", 1))


def test_an_organization_nobody_curated_is_an_error_naming_the_line() -> None:
    member = parse_member("Mr. Ken Inoue (Director, Industry Department, Asian Productivity "
                          "Organization)", at(132))
    with pytest.raises(RecordErrors) as caught:
        member_records([member], NameIndex([_org("japan-platform", "Japan Platform")]), TEXT)
    (error,) = caught.value.errors
    assert str(error.origin) == f"{TEXT}:132"
    assert "Asian Productivity Organization" in error.message


def test_records_of_one_member() -> None:
    member = parse_member("Mr. Chimaki Kurokawa (Advisor, Japan Platform)", at(134))
    names = NameIndex([_org("japan-platform", "Japan Platform")])
    person, group, post = member_records([member], names, TEXT)
    assert (person.type, person.id, person.values) == (
        "person", "chimaki-kurokawa", {"label": "Chimaki Kurokawa"})
    assert (group.id, group.values) == ("chimaki-kurokawa/hrd-study-advisory-group", {
        "person": "chimaki-kurokawa", "organization": "hrd-study-advisory-group",
        "role": ["member"], "as_of": "2004-04-23"})
    assert (post.id, post.values) == ("chimaki-kurokawa/japan-platform", {
        "person": "chimaki-kurokawa", "organization": "japan-platform", "title": "Advisor",
        "as_of": "2004-04-23"})
    locator = "Members of the advisory group for the Study > Mr. Chimaki Kurokawa"
    assert post.source == Source("hrd-action-plan-2004", 134, 134, locator,
                                 "Mr. Chimaki Kurokawa (Advisor, Japan Platform)")
    assert str(post.origin) == f"{TEXT}:134"


def test_a_curated_person_keeps_the_curated_id_and_label() -> None:
    member = parse_member("Mr. Ken Inoue (Director, Industry Department, Asian Productivity "
                          "Organization)", at(132))
    curated = [_org("apo", "Asian Productivity Organization"),
               Record("person", "ken-inoue", {"label": "Inoue Ken"}, Source("d", 1, 1, "x"),
                      Origin("f", 1))]
    person, _, post = member_records([member], NameIndex(curated), TEXT, {"ken-inoue": "Inoue Ken"})
    assert (person.id, person.values) == ("ken-inoue", {"alt": ["Ken Inoue"]})
    assert post.values["organization"] == "apo"


def test_the_build_runs_the_extractor_over_the_curated_names(project_root: Path) -> None:
    assert extract in EXTRACTORS
    project = Project(project_root, project_root / "build", writable=False)
    curated = load_records(project)
    records = extract(project, NameIndex(curated), curated)
    posts = {r.values["person"]: r.values["organization"] for r in records
             if r.type == "membership" and r.values["organization"] != "hrd-study-advisory-group"}
    assert posts == {
        "shunichiro-asaba": "unhcr-regional-representation-in-japan",
        "mitsutoyo-ikeda": "world-vision-japan",
        "ken-inoue": "asian-productivity-organization",
        "chimaki-kurokawa": "japan-platform",
        "atsushi-kusano": "keio-university",
        "akihiko-tanaka": "university-of-tokyo",
        "akiko-yamanaka": "unu",
        "yozo-yokota": "chuo-university-law-school",
        "akiko-yuge": "undp-tokyo-office",
    }
