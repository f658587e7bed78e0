"""The 2022 seminar's "Record of Japan's Dispatch to Peace Operations since 1992", read into
records of the same assignments as the 2019 table.

Each of the list's twelve entries ("3. UNDOF Israel, Syria and Lebanon 01.1996-02.2013: Staff
Officers (2x3, in 2009 3x4), ...") is resolved to the one assignment of the 2019 table it
reports. The entry's period is the period of the dispatch to that mission, so it is stated of
the assignment, sourced to the 2022 line ("present" as ongoing at the seminar), never of its
units; each unit becomes a unit deployment of the assignment sourced to the 2022 line, with the
sub-periods the list gives it ("in 2009 3x4"), beside the 2019 table's own: where the two
documents disagree (periods, rotations, unit names), both claims stay in the graph, each with
its source.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass

from pkograph.extract import cells
from pkograph.extract.cells import CellError
from pkograph.extract.common import Emitter, find_line, source_text
from pkograph.extract.readings import Readings, load_readings
from pkograph.extract.resolve import one, places
from pkograph.extract.road_to_peace import DOC as TABLE_DOC
from pkograph.extract.road_to_peace import phase_values
from pkograph.names import NameIndex
from pkograph.paths import Project
from pkograph.records import Record, RecordError, RecordErrors

DOC = "hisajima-seminar-2022"
TITLE = "Record of Japan's Dispatch to Peace Operations since 1992:"
LIST = "List 'Record of Japan's Dispatch to Peace Operations since 1992'"
#: "Peace Operations": UN peacekeeping and internationally coordinated operations (the list
#: includes the MFO); humanitarian relief and election observation are not in it.
PEACE_OPERATIONS = ("un-peacekeeping-operations", "internationally-coordinated-operations")

_ENTRY = re.compile(r"^- (?P<no>\d+)\. (?P<acronym>[A-Z]+),? (?P<place>.+?) "
                    r"(?P<begin>\d{2}\.\d{4})-(?P<end>\d{2}[.-]\d{4}|present): "
                    r"(?P<units>.+?)[;.]$")
_UNIT = re.compile(r"\s*(?P<name>[A-Za-z][A-Za-z&' -]*?)\s*\((?P<count>[^()]*)\)\s*(?:,|$)")
_DAY = re.compile(rf"\b(\d{{1,2}}) ({cells.MONTH}) (\d{{4}})\b")
_NAME = re.compile(r"^International Peace Cooperation Assignment (?:in|for) (?:the )?"
                   r"(?P<short>.+)$")


@dataclass
class Candidate:
    """An assignment of the 2019 table: what an entry of the list is matched on."""

    id: str
    category: str
    places: set[str]
    first_year: int
    #: the unit types of its 2019 rows, with each row's text
    rows: dict[str, str]
    #: the ids of the country records (the other places are regions and settlements)
    countries: frozenset[str] = frozenset()


def candidates(records: list[Record], names: NameIndex) -> list[Candidate]:
    """The 2019 table's assignments with their category, places (hosts and the place the name
    names, "in Sinai Peninsula") and first year of operation.
    """
    years: dict[str, int] = {}
    rows: dict[str, dict[str, str]] = {}
    for rec in records:
        if rec.type != "unit-deployment" or rec.source.doc != TABLE_DOC:
            continue
        dispatch = str(rec.values["dispatch"])
        rows.setdefault(dispatch, {})[str(rec.values["unit_type"])] = str(
            rec.values.get("source_text", ""))
        if "begin" in rec.values:
            year = int(str(rec.values["begin"])[:4])
            years[dispatch] = min(year, years.get(dispatch, year))
    countries = frozenset(rec.id for rec in records if rec.type == "country")
    found = []
    for rec in records:
        if rec.type != "assignment" or rec.source.doc != TABLE_DOC or "serial" not in rec.values:
            continue
        where = set(map(str, [*rec.values.get("host", []), *rec.values.get("place", [])]))
        match = _NAME.match(str(rec.values.get("label", "")))
        if match:
            with contextlib.suppress(CellError):  # "Rwandan Refugees" names no place
                where |= set(places(names, match["short"]))
        if rec.id in years:
            found.append(Candidate(rec.id, str(rec.values["category"]), where, years[rec.id],
                                   rows.get(rec.id, {}), countries))
    return found


def match(entry_places: list[str], year: int, pool: list[Candidate]) -> Candidate:
    """The one peace operation of the 2019 table in the entry's places nearest its first year."""
    fits = [c for c in pool if c.category in PEACE_OPERATIONS and set(entry_places) <= c.places]
    if not fits:
        raise CellError(f"no assignment of the 2019 table in {', '.join(entry_places)}")
    fits.sort(key=lambda c: abs(c.first_year - year))
    if len(fits) > 1 and abs(fits[1].first_year - year) == abs(fits[0].first_year - year):
        raise CellError(f"the entry matches {fits[0].id} and {fits[1].id} equally")
    return fits[0]


def extract(project: Project, names: NameIndex, records: list[Record]) -> list[Record]:
    """The unit deployments of the 2022 list, and the missions each assignment served."""
    lines, shown = source_text(project, records, DOC)
    return read(lines, shown, names, records, load_readings(project, DOC))


def read(lines: list[str], shown: str, names: NameIndex, records: list[Record],
         readings: Readings) -> list[Record]:
    """The records of the list in ``lines`` (the seminar report's text, shown as ``shown``),
    resolved against the 2019 table's records among ``records``.
    """
    out = Emitter(DOC, shown)
    title = find_line(lines, 1, lambda text: text.strip() == TITLE)
    if title is None:
        raise RecordErrors([RecordError(None, f"{shown}: no line reads '{TITLE}'",
                                        "tables are found")])
    day_line = find_line(lines, 1, lambda text: _DAY.search(text) is not None)
    if day_line is None or day_line > title:
        raise RecordErrors([RecordError(None, f"{shown}: no date of the seminar before line "
                                        f"{title}", "tables are found")])
    day = _DAY.search(lines[day_line - 1])
    assert day is not None
    held = f"{day[3]}-{cells.month(day[2]):02d}-{int(day[1]):02d}"
    pool = candidates(records, names)
    resolved: dict[str, int] = {}
    number = title + 1
    while number <= len(lines) and not lines[number - 1].startswith("- "):
        number += 1
    while number <= len(lines) and lines[number - 1].startswith("- "):
        entry(out, names, readings, pool, resolved, number, lines[number - 1], held, day_line)
        number += 1
    out.raise_errors()
    readings.check_all_used()
    return out.records


def entry(out: Emitter, names: NameIndex, readings: Readings, pool: list[Candidate],
          resolved: dict[str, int], line: int, text: str, held: str, day_line: int) -> None:
    """The records of one entry of the list."""
    parsed = _ENTRY.match(text.strip())
    if parsed is None:
        out.error(line, LIST, f"cannot read the entry '{text.strip()}'", "entries are "
                  "'N. MISSION Place MM.YYYY-MM.YYYY: units'")
        return
    label = f"{LIST}, No. {parsed['no']}"
    locator = f"{label} ({parsed['acronym']})"
    mission = out.guard(line, label, "references resolve",
                        lambda: one(names, parsed["acronym"], ["mission"], "mission"))
    where = out.guard(line, label, "references resolve", lambda: places(names, parsed["place"]))
    period = out.guard(line, label, "periods are dates", lambda: (
        cells.numeric_month(parsed["begin"]),
        None if parsed["end"] == "present" else cells.numeric_month(parsed["end"])))
    if mission is None or where is None or period is None:
        return
    begin, end = period[0][0], period[1] and period[1][0]
    notes = []
    if period[1] and period[1][1]:
        notes.append(f"The end of the period is printed '{parsed['end']}'.")
    candidate = out.guard(line, label, "entries resolve to one assignment",
                          lambda: match(where, int(begin[:4]), pool))
    if candidate is None:
        return
    assignment = candidate.id
    if assignment in resolved:
        out.error(line, label, f"resolves to {assignment}, as the entry on line "
                  f"{resolved[assignment]} does", "entries resolve to one assignment")
        return
    resolved[assignment] = line
    if end is None:
        notes.append(f"The period ends 'present': ongoing as of the seminar, {held} "
                     f"(line {day_line}).")
    out.emit("assignment", assignment, {
        "serves": [mission],
        "host": [p for p in where if p in candidate.countries],
        "place": [p for p in where if p not in candidate.countries],
        "begin": begin,
        "end": end,
        "ongoing_as_of": held if end is None else None,
        "note": notes,
    }, (line, line), locator)
    pos, units = 0, parsed["units"]
    seen: set[str] = set()
    while pos < len(units):
        unit = _UNIT.match(units, pos)
        if unit is None or unit.end() == pos:
            out.error(line, label, f"cannot read the units '{units[pos:].strip()}'",
                      "units are 'name (count)'")
            return
        pos = unit.end()
        deployment(out, names, readings, line, label, locator, candidate, unit, seen)


def deployment(out: Emitter, names: NameIndex, readings: Readings, line: int, label: str,
               locator: str, candidate: Candidate, unit: re.Match[str], seen: set[str]) -> None:
    """One unit of an entry: its deployment and phases, without the entry's period (the list
    gives a unit no period of its own, only the sub-periods of its phases)."""
    name = cells.clean(unit["name"])
    notes: list[str] = []
    reading = readings.take(line, f"unit:{name}", name)
    if reading is not None:
        unit_type = reading.reading
        notes.append(f"The list says '{name}'; read as unit type '{unit_type}': "
                     f"{reading.reason}")
    else:
        unit_type = out.guard(line, f"{label}, unit '{name}'", "units are unit-type concepts",
                              lambda: one(names, name, ["unit-type"], "unit type"))
    phases = out.guard(line, f"{label}, unit '{name}'", "personnel counts are numbers",
                       lambda: cells.parse_personnel(unit["count"], period_first=True))
    if unit_type is None or phases is None:
        return
    assignment = candidate.id
    if unit_type not in candidate.rows:
        printed = ", ".join(f"'{text}'" for text in candidate.rows.values())
        notes.append(f"The 2019 table lists no unit of this type for this assignment; its rows "
                     f"read {printed}.")
    rid = f"{assignment}/{unit_type}/{DOC}"
    if rid in seen:
        out.error(line, label, f"a second unit of type '{unit_type}'",
                  "one deployment per unit type and source")
        return
    seen.add(rid)
    ids = []
    for k, phase in enumerate(phases, start=1):
        ids.append(f"{rid}/{k}")
        out.emit("phase", ids[-1], phase_values(phase), (line, line), locator)
    out.emit("unit-deployment", rid, {
        "dispatch": assignment,
        "unit_type": unit_type,
        "source_text": unit.group(0).strip().rstrip(",").strip(),
        "phases": ids,
        "note": notes,
    }, (line, line), locator)
