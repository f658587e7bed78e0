"""The two tables of *Road to Peace* (2019), read from the OCR'd text into records.

"Record of Japan's Contributions in Kind" gives one contribution in kind per cabinet decision,
with its item lines; "Japan's International Peace Cooperation Assignments" gives the 28
assignments, one unit deployment per unit row, and the phases of each unit. The tables are
parsed by generic rules (each stated where it is applied); the few cells no rule can read are
read as ``data/extraction/road-to-peace-2019.yaml`` says, each reading with its reason.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass, field
from functools import partial

from pkograph.extract import cells
from pkograph.extract.cells import CellError, Period, clean, split_cells
from pkograph.extract.common import Emitter, find_line, source_text
from pkograph.extract.readings import Readings, load_readings
from pkograph.extract.resolve import one, organization, places, places_in_text
from pkograph.iri import slugify
from pkograph.names import NameIndex, record_names
from pkograph.paths import Project
from pkograph.records import Record, RecordError, RecordErrors
from pkograph.schema import INSTRUMENT_TYPES

DOC = "road-to-peace-2019"
CONTRIBUTIONS_TITLE = ("Record of Japan's Contributions in Kind based on the International Peace "
                       "Cooperation Law")
ASSIGNMENTS_TITLE = ("Japan's International Peace Cooperation Assignments based on the "
                     "International Peace Cooperation Law")
CONTRIBUTIONS = "Table 'Record of Japan's Contributions in Kind'"
ASSIGNMENTS = "Table 'Japan's International Peace Cooperation Assignments'"
#: Both titles end so: the law the contributions and assignments rest on.
BASED_ON = "based on the International Peace Cooperation Law"
ONGOING_MARK = "★"


def extract(project: Project, names: NameIndex, records: list[Record]) -> list[Record]:
    """The contributions in kind and the assignments of the 2019 booklet."""
    lines, shown = source_text(project, records, DOC)
    return read(lines, shown, names, records, load_readings(project, DOC))


def read(lines: list[str], shown: str, names: NameIndex, records: list[Record],
         readings: Readings) -> list[Record]:
    """The records of both tables of ``lines`` (the booklet's text, shown as ``shown``)."""
    out = Emitter(DOC, shown)
    law = _law(names, out, lines)
    as_of = _as_of(lines, out)
    Contributions(lines, names, records, out, law).read()
    Assignments(lines, names, records, out, law, as_of, readings).read()
    out.raise_errors()
    readings.check_all_used()
    return out.records


def _title_line(lines: list[str], title: str, out: Emitter) -> int:
    number = find_line(lines, 1, lambda text: text.strip() == title)
    if number is None:
        raise RecordErrors([RecordError(None, f"{out.shown}: no line reads '{title}'",
                                        "tables are found")])
    return number


def _law(names: NameIndex, out: Emitter, lines: list[str]) -> str:
    """The id of the law both table titles name."""
    line = _title_line(lines, CONTRIBUTIONS_TITLE, out)
    name = BASED_ON.removeprefix("based on the ")
    law = out.guard(line, "title", "references resolve",
                    lambda: one(names, name, INSTRUMENT_TYPES, "law"))
    out.raise_errors()
    return str(law)


def _as_of(lines: list[str], out: Emitter) -> tuple[str, int]:
    """The date the tables are stated as of ("(As of April 30, 2019)"), and its line."""
    title = _title_line(lines, CONTRIBUTIONS_TITLE, out)
    for number in range(title + 1, min(title + 4, len(lines)) + 1):
        match = re.fullmatch(r"\s*\(As of (.+)\)\s*", lines[number - 1])
        if match:
            day = out.guard(number, CONTRIBUTIONS, "dates are dates",
                            partial(cells.parse_day, match.group(1)))
            out.raise_errors()
            return day.isoformat(), number
    raise RecordErrors([RecordError(None, f"{out.shown}: no '(As of ...)' line after the title "
                                    f"on line {title}", "tables are found")])


def table_rows(lines: list[str], title_line: int, header: str) -> tuple[int, list[int]]:
    """The header line of the table after ``title_line`` and the numbers of its row lines:
    the tab-separated lines after the header, up to the first line of text without a tab.
    Repeated header rows and blank lines are skipped.
    """
    header_line = find_line(lines, title_line + 1,
                            lambda text: "\t" in text and clean(text.split("\t")[0]) == header)
    if header_line is None:
        raise CellError(f"no header row starting '{header}' after line {title_line}")
    rows = []
    for number in range(header_line + 1, len(lines) + 1):
        text = lines[number - 1]
        if "\t" not in text:
            if text.strip():
                break
            continue
        if clean(text.split("\t")[0]) != header:
            rows.append(number)
    return header_line, rows


def activity_names(records: list[Record]) -> dict[str, str]:
    """The operation categories by the folded names the tables print ("PKO", "Humanitarian")."""
    return {" ".join(clean(n).lower().split()): rec.id for rec in records
            if rec.type == "operation-category" for n in record_names(rec)}


def notations(records: list[Record], scheme: str) -> dict[str, str]:
    """The concepts of a scheme by notation (the note numbers of the contributions table)."""
    return {str(rec.values["notation"]): rec.id for rec in records
            if rec.type == scheme and "notation" in rec.values}


# --- Contributions in kind --------------------------------------------------------------------

_DECISION = re.compile(
    r"\s*(?:(?P<ordinal>\d+\s*(?:st|nd|rd|th|ª))\s*:\s*)?"
    r"(?P<date>[A-Z][a-z]+\.?\s*\d{1,2}\s*,\s*\d{4})"
    r"(?:\s*(?P<mark>[¹²³⁴⁵⁶⁷⁸⁹]|\d(?!\d|\s*(?:st|nd|rd|th|ª))))?\s*")
_ITEM = re.compile(r"\s*(?P<name>[^()]*?)\s*\((?P<quantity>[^()]*)\)\s*(?P<mark>[¹²³⁴⁵⁶⁷⁸⁹])?")
_SENTENCE_END = re.compile(r"(?<=\.)\s+(?=[A-Z])")


@dataclass
class Decision:
    """One cabinet decision of a row: its ordinal in a series, date and note markers."""

    ordinal: int | None
    date: dt.date
    marks: list[int]


@dataclass
class GiftRow:
    """One printed row of the contributions table (rows "6 7" hold two decisions)."""

    line: int
    raw: str
    numbers: list[int]
    activity: str
    recipient: str
    decisions: list[Decision]
    items: str
    sentences: list[str]
    purpose_lines: set[int] = field(default_factory=set)

    @property
    def label(self) -> str:
        return f"{CONTRIBUTIONS}, {_nos(self.numbers)}"


def _nos(numbers: list[int]) -> str:
    numbers = sorted(numbers)
    return f"No. {numbers[0]}" if len(numbers) == 1 else f"Nos. {numbers[0]}-{numbers[-1]}"


def parse_decisions(text: str) -> list[Decision]:
    """ "1 st : Apr. 6, 1999 ⁴ 2 nd : Apr. 27, 1999 ⁴", "Oct. 22, 1999 4", "3ª: May. 16, 2017 ⁵":
    a note marker is a superscript, or a plain digit after the year that starts no ordinal.
    """
    found, pos, body = [], 0, clean(text)
    while pos < len(body):
        match = _DECISION.match(body, pos)
        if match is None or match.end() == pos:
            raise CellError(f"cannot read the cabinet decision '{body[pos:]}'")
        ordinal = cells.parse_ordinal(match["ordinal"]) if match["ordinal"] else None
        mark = match["mark"]
        marks = [cells.SUPERSCRIPTS.get(mark) or int(mark)] if mark else []
        found.append(Decision(ordinal, cells.parse_day(match["date"]), marks))
        pos = match.end()
    if not found:
        raise CellError("no cabinet decision")
    return found


@dataclass
class ItemSpec:
    """One item of an item cell: name, quantity (if printed), the raw text and note markers."""

    name: str
    raw: str
    quantity: str | None
    marks: list[int]


def split_items(text: str) -> list[ItemSpec]:
    """ "Televisions (200 sets) Video players (200 sets)": an item is a name and its
    parenthesised quantity; text after the last quantity (or a cell without any) is one more
    item without a quantity ("Other equipments").
    """
    items, pos = [], 0
    while True:
        match = _ITEM.match(text, pos)
        if match is None or match.end() == pos:
            break
        if not match["name"]:
            raise CellError(f"a quantity without an item name in '{text.strip()}'")
        raw = text[match.start("name"): match.end("quantity") + 1]
        marks = [cells.SUPERSCRIPTS[match["mark"]]] if match["mark"] else []
        items.append(ItemSpec(clean(match["name"]), raw, match["quantity"], marks))
        pos = match.end()
    rest = text[pos:].strip()
    if rest:
        if "(" in rest or ")" in rest:
            raise CellError(f"cannot read the items '{rest}'")
        items.append(ItemSpec(clean(rest), rest, None, []))
    if not items:
        raise CellError("no item")
    return items


def sentences(text: str) -> list[str]:
    """The sentences of a purpose cell, with words broken at line ends rejoined."""
    return [s for s in _SENTENCE_END.split(cells.dehyphenate(clean(text))) if s]


def join_purposes(rows: list[GiftRow]) -> list[str]:
    """Sentences split across two rows are joined, and each given to one row.

    A cell starting with a lower-case fragment finishes the unfinished last sentence of the row
    above. The whole sentence stays with the row where it begins when the lower row has a
    sentence of its own (Nos. 1/2: "... their" / "families. Distributed ..."), and goes to the
    lower row when the fragment is all that row prints (Nos. 13/14: "... for Sudanese" /
    "refugees conducted by UNHCR in Chad."). Any other unfinished sentence is an error.
    """
    problems = []
    for above, row in itertools.pairwise(rows):
        if row.sentences and row.sentences[0][:1].islower():
            if not above.sentences or above.sentences[-1].endswith("."):
                problems.append(f"{row.label} (line {row.line}): the purpose starts with "
                                f"'{row.sentences[0]}', which continues no sentence above")
                continue
            joined = f"{above.sentences.pop()} {row.sentences.pop(0)}"
            if row.sentences:
                above.sentences.append(joined)
                above.purpose_lines.add(row.line)
            else:
                row.sentences.append(joined)
                row.purpose_lines.add(above.line)
    for row in rows:
        if row.sentences and not row.sentences[-1].endswith("."):
            problems.append(f"{row.label} (line {row.line}): the purpose '{row.sentences[-1]}' "
                            "is unfinished and the row below does not finish it")
    return problems


class Contributions:
    """Reads the contributions table; see the rules in each method."""

    def __init__(self, lines: list[str], names: NameIndex, records: list[Record], out: Emitter,
                 law: str) -> None:
        self.lines, self.names, self.out, self.law = lines, names, out, law
        self.activities = activity_names(records)
        self.arrangements = notations(records, "supply-arrangement")
        self.line_numbers: dict[int, list[int]] = {}

    def locate(self, first: int, last: int) -> str:
        numbers = [n for line in range(first, last + 1) for n in self.line_numbers.get(line, [])]
        return f"{CONTRIBUTIONS}, {_nos(numbers)}"

    def read(self) -> None:
        out = self.out
        title = _title_line(self.lines, CONTRIBUTIONS_TITLE, out)
        try:
            _, row_lines = table_rows(self.lines, title, "Activities")
        except CellError as exc:
            out.error(title, CONTRIBUTIONS, str(exc), "tables are found")
            return
        rows = [row for number in row_lines if (row := self._row(number)) is not None]
        out.raise_errors()
        for problem in join_purposes(rows):
            out.error(rows[0].line, CONTRIBUTIONS, problem, "purposes are whole sentences")
        self.line_numbers = {row.line: row.numbers for row in rows}
        gifts = [(row, i) for row in rows for i in range(len(row.numbers))]
        serial = [n for row in rows for n in row.numbers]
        if serial != list(range(1, len(serial) + 1)):
            out.error(rows[0].line, CONTRIBUTIONS, f"the rows are numbered {serial}, not "
                      "1, 2, 3...", "rows are numbered in order")
        out.raise_errors()
        self._emit(rows, gifts, self._series(gifts), title)

    def _row(self, number: int) -> GiftRow | None:
        raw = self.lines[number - 1]
        activity, no, recipient, decision, items, purpose = split_cells(raw, 6)
        where = f"{CONTRIBUTIONS}, row on line {number}"
        numbers = no.split()
        if not numbers or not all(n.isdigit() for n in numbers):
            self.out.error(number, where, f"the No. cell '{no}' is not a row number",
                           "rows are numbered")
            return None
        row_label = f"{CONTRIBUTIONS}, {_nos([int(n) for n in numbers])}"
        decisions = self.out.guard(number, row_label, "cabinet decisions are dates",
                                   lambda: parse_decisions(decision))
        if decisions is None:
            return None
        if len(decisions) != len(numbers):
            self.out.error(number, row_label, f"{len(numbers)} row numbers but {len(decisions)} "
                           f"cabinet decisions in '{decision.strip()}'", "one decision per row")
            return None
        return GiftRow(number, raw, [int(n) for n in numbers], clean(activity), clean(recipient),
                       decisions, items, sentences(purpose), {number} if purpose.strip() else set())

    def _series(self, gifts: list[tuple[GiftRow, int]]) -> list[list[int]]:
        """The series of decisions numbered 1st, 2nd, 3rd...: indexes into ``gifts``.

        The cells of a series (recipient, activity, a purpose printed once) are merged cells
        spanning its rows, printed on any one of them (Nos. 26-28 print UNMISS on No. 28's row).
        """
        series: list[list[int]] = []
        for index, (row, i) in enumerate(gifts):
            ordinal = row.decisions[i].ordinal
            if ordinal is None:
                continue
            if ordinal == 1:
                series.append([index])
            elif series and series[-1][-1] == index - 1 and \
                    gifts[index - 1][0].decisions[gifts[index - 1][1]].ordinal == ordinal - 1:
                series[-1].append(index)
            else:
                self.out.error(row.line, row.label, f"decision {ordinal} follows no decision "
                               f"{ordinal - 1}", "series are numbered in order")
        return series

    def _merged(self, rows: list[GiftRow], cell: str) -> tuple[str, set[int]]:
        texts = [(getattr(row, cell), row.line) for row in rows if getattr(row, cell)]
        if cell == "activity" and len({t for t, _ in texts}) == 1:
            texts = texts[:1]
        return " ".join(t for t, _ in texts), {line for _, line in texts}

    def _emit(self, rows: list[GiftRow], gifts: list[tuple[GiftRow, int]],
              series: list[list[int]], title: int) -> None:
        out = self.out
        in_series = {index: group for group in series for index in group}
        previous: tuple[str, str, int] | None = None  # recipient text, id, No.
        items_of_row: dict[int, list[str]] = {}
        seen_ids: set[str] = set()
        for index, (row, i) in enumerate(gifts):
            number, decision = row.numbers[i], row.decisions[i]
            label = f"{CONTRIBUTIONS}, No. {number}"
            group = in_series.get(index, [index])
            group_rows = list({id(gifts[k][0]): gifts[k][0] for k in group}.values())
            notes: list[str] = []
            lines = {row.line}
            # Recipient: the series' merged cell, else the row's own, else the row above's.
            recipient_text, recipient_lines = self._merged(group_rows, "recipient")
            if recipient_text and recipient_lines != {row.line}:
                notes.append(f"The recipient '{recipient_text}' is printed once for "
                             f"{_nos([gifts[k][0].numbers[gifts[k][1]] for k in group])} "
                             "(a merged cell).")
            if not recipient_text:
                if previous is None:
                    out.error(row.line, label, "blank recipient in the first row",
                              "every contribution has a recipient")
                    continue
                recipient_text, recipient_lines = previous[0], set()
                notes.append(f"The recipient cell is blank: it continues the recipient of "
                             f"No. {previous[2]} ('{previous[0]}').")
            lines |= recipient_lines
            recipient = out.guard(row.line, label, "references resolve",
                                  partial(organization, self.names, recipient_text))
            # Activity: the row's own, or the series' merged cell.
            activity, activity_lines = self._merged(group_rows, "activity")
            lines |= activity_lines
            category = self.activities.get(activity.lower())
            if category is None:
                out.error(row.line, label, f"unknown activity '{activity}'",
                          "activities are operation categories")
            # Purpose: the row's sentences, or the one purpose a series prints.
            purpose = " ".join(row.sentences)
            lines |= row.purpose_lines
            if not purpose and len(group_rows) > 1:
                printed = [r for r in group_rows if r.sentences]
                if len(printed) == 1:
                    purpose = " ".join(printed[0].sentences)
                    lines |= printed[0].purpose_lines
                    notes.append(f"The purpose is printed once for "
                                 f"{_nos([n for r in group_rows for n in r.numbers])} "
                                 "(a merged cell).")
            if row.purpose_lines - {row.line}:
                across = [n for ln in row.purpose_lines | {row.line}
                          for n in self.line_numbers[ln]]
                notes.append(f"The purpose is printed across the rows of {_nos(across)}.")
            place, concerns = self._places(row, label, purpose, notes)
            supplied = []
            for mark in decision.marks:
                if str(mark) in self.arrangements:
                    supplied.append(self.arrangements[str(mark)])
                else:
                    out.error(row.line, label, f"note {mark} of the table is no supply "
                              "arrangement", "notes are supply arrangements")
            if recipient is None or category is None:
                continue
            rid = f"{decision.date.isoformat()}-{recipient}"
            if rid in seen_ids:
                out.error(row.line, label, f"a second contribution '{rid}'", "one id per thing")
                continue
            seen_ids.add(rid)
            series_id = None
            if index in in_series:
                group = in_series[index]
                first, last = (gifts[k][0].numbers[gifts[k][1]] for k in (group[0], group[-1]))
                series_id = f"{recipient}-nos-{first}-{last}"
            if i == 0:
                items_of_row[row.line] = self._items(row, rid)
            joint = len(row.numbers) > 1
            if joint:
                notes.append(f"{_nos(row.numbers)} are {len(row.numbers)} cabinet decisions "
                             f"printed in one row with one item cell: the items and quantities "
                             f"are stated jointly for {_nos(row.numbers)}, so they are the "
                             "items of the series, not of either decision.")
            if series_id is not None and index == in_series[index][-1]:
                self._series_record(series_id, [gifts[k] for k in in_series[index]],
                                    items_of_row)
            previous = (recipient_text, recipient, number)
            span = (min(lines), max(lines))
            out.emit("contribution-in-kind", rid, {
                "recipient": recipient,
                "decision_date": decision.date,
                "series_ordinal": decision.ordinal,
                "serial": number,
                "category": category,
                "purpose": purpose,
                "supplied_via": supplied,
                "place": place,
                "concerns": concerns,
                "series": series_id,
                "items": [] if joint else items_of_row.get(row.line, []),
                "source_text": row.raw,
                "note": notes,
            }, span, self.locate(*span))
            out.emit("contribution-in-kind", rid, {"legal_basis": [self.law]}, (title, title),
                     f"{CONTRIBUTIONS}, title", quote=BASED_ON)

    def _series_record(self, series_id: str, members: list[tuple[GiftRow, int]],
                       items_of_row: dict[int, list[str]]) -> None:
        """A series of decisions numbered 1st, 2nd...: it holds the items a row states jointly
        for several of its decisions (Nos. 6-7)."""
        rows = list({row.line: row for row, _ in members}.values())
        joint = [row for row in rows if len(row.numbers) > 1]
        numbers = [row.numbers[i] for row, i in members]
        notes = [f"Cabinet decisions {_nos(numbers)}, numbered 1st to {len(numbers)}"
                 f"{'nd' if len(numbers) == 2 else 'rd' if len(numbers) == 3 else 'th'} in the "
                 "table."]
        values: dict[str, object] = {"note": notes}
        if joint:
            values["items"] = [item for row in joint for item in items_of_row.get(row.line, [])]
            values["source_text"] = " ".join(row.items.strip() for row in joint)
            notes.append(f"The item cell of {_nos(numbers)} states the items of the decisions "
                         "jointly; which decision gave which items is not stated.")
        span = (min(r.line for r in rows), max(r.line for r in rows))
        self.out.emit("contribution-series", series_id, values, span, self.locate(*span))

    def _places(self, row: GiftRow, label: str, purpose: str,
                notes: list[str]) -> tuple[list[str], list[str]]:
        """The places the purpose names: where the supplies were used, and, for a place named
        before "refugees" ("for Kosovo refugees in such countries as Albania"), what it
        concerns. A row naming no place says so in a note.
        """
        found = self.out.guard(row.line, label, "references resolve",
                               lambda: places_in_text(self.names, purpose)) or []
        if not found:
            notes.append("The row names no place: " + ("its purpose cell is blank." if not purpose
                                                        else "its purpose names none."))
        place = [rid for rid, after in found if after.lower() != "refugees"]
        concerns = [rid for rid, after in found if after.lower() == "refugees"]
        return place, concerns

    def _items(self, row: GiftRow, rid: str) -> list[str]:
        """The item lines of a row, under the id of its first contribution."""
        out, label = self.out, row.label
        specs = out.guard(row.line, label, "items are 'name (quantity)'",
                          lambda: split_items(row.items))
        ids = []
        for k, spec in enumerate(specs or [], start=1):
            item = out.guard(row.line, label, "items are item-type concepts",
                             partial(one, self.names, spec.name, ["item-type"], "item type"))
            quantity = None
            if spec.quantity is not None:
                quantity = out.guard(row.line, label, "quantities are counts",
                                     partial(cells.parse_quantity, spec.quantity))
                if quantity is None:
                    continue
            if item is None:
                continue
            notes = [f"Marked with note {m} of the table." for m in spec.marks]
            values: dict[str, object] = {"item": item, "source_text": spec.raw.strip()}
            if quantity is not None:
                amount, unit, remarks = quantity
                values["quantity"] = int(amount) if amount == amount.to_integral_value() else amount
                values["unit"] = unit
                if remarks:
                    notes.append(f"The parentheses also say: {'; '.join(remarks)}.")
            values["note"] = notes
            item_id = f"{rid}/{k}"
            out.emit("item-line", item_id, values, (row.line, row.line),
                     self.locate(row.line, row.line))
            ids.append(item_id)
        return ids


# --- Assignments ------------------------------------------------------------------------------

_NUMBER_FIRST = re.compile(r"^\(?(\d{1,2})\)?\s+(.*)$")
_NUMBER_LAST = re.compile(r"^(.*?)\s+(\d{1,2})$")
_NAME = re.compile(r"^International Peace Cooperation Assignment (?:in|for) (?:the )?"
                   r"(?P<short>.+)$")
_NAME_START = "International Peace"
_UNIT = re.compile(r"(?P<name>[A-Za-z][A-Za-z/&' -]*?)\s*"
                   rf"(?P<count>(?:\([^()]*(?:\)|$)\s*)+|\d+\s*{cells.TIMES}\s*\d+\b)")
_ACRONYM = re.compile(r"\b([A-Z]{3,})(?:'s)?\b")


@dataclass
class Unit:
    """One unit of a block: its name and count as printed, and the lines it spans."""

    name: str
    count: str
    raw: str
    first: int
    last: int
    duty: str = ""


@dataclass
class Block:
    """The lines of one assignment (merged cells make a block span several lines)."""

    lines: list[int] = field(default_factory=list)
    activity: str = ""
    ongoing: bool = False
    numbers: list[tuple[int, int]] = field(default_factory=list)  # (number, line)
    name: list[str] = field(default_factory=list)
    country: list[str] = field(default_factory=list)
    has_name: bool = False
    units: list[Unit] = field(default_factory=list)


class Assignments:
    """Reads the assignments table into assignments, unit deployments and phases."""

    def __init__(self, lines: list[str], names: NameIndex, records: list[Record], out: Emitter,
                 law: str, as_of: tuple[str, int], readings: Readings) -> None:
        self.lines, self.names, self.out, self.law = lines, names, out, law
        self.as_of, self.as_of_line = as_of
        self.readings = readings
        self.activities = activity_names(records)
        self.countries = {rec.id for rec in records if rec.type == "country"}
        self.blocks: list[Block] = []
        self.shorts: list[str] = []
        self.star_note = ONGOING_MARK

    # -- locating ------------------------------------------------------------------------------

    def locate(self, first: int, last: int) -> str:
        """The No. of the block, and the unit rows the lines hold unless they are the block."""
        index = next(i for i, b in enumerate(self.blocks) if first in b.lines)
        block = self.blocks[index]
        units = [u.name for u in block.units if first <= u.first and u.last <= last]
        where = f"{ASSIGNMENTS}, No. {index + 1} ({self.shorts[index]})"
        whole = (first, last) == (block.lines[0], block.lines[-1])
        if units and not (whole and len(units) > 1):
            where += ", row " + ", ".join(f"'{u}'" for u in units)
        return where

    # -- blocks ----------------------------------------------------------------------------------

    def _activity(self, text: str, pending: str) -> tuple[str, str]:
        """What an activity cell is: ("label", text) for a category name or the first words of
        one ("★ Internationally Coordinated"), ("continues", joined) when it completes the
        block's unfinished name ("Operations"), ("", text) otherwise.
        """
        if not text:
            return "", ""
        joined = f"{pending} {text}".lower()
        if pending and pending.lower() not in self.activities and any(
                n == joined or n.startswith(joined + " ") for n in self.activities):
            return "continues", f"{pending} {text}"
        if any(n == text.lower() or n.startswith(text.lower() + " ") for n in self.activities):
            return "label", text
        return "", text

    def _blocks(self, row_lines: list[int]) -> None:
        """Group the lines into blocks, one per assignment.

        A line starts a new block when it prints an activity and the current block has one, or
        when its name cell starts a name ("International Peace...") and the current block has
        one: merged cells are centred vertically, so a block's first lines may carry neither
        (the row number and name come lower). A line the rules cannot place is read as
        ``data/extraction`` says (``cell: block``).
        """
        out, current = self.out, Block()
        for number in row_lines:
            activity, name, country, *_ = split_cells(self.lines[number - 1], 6)
            text = clean(activity)
            ongoing = ONGOING_MARK in text
            text = text.replace(ONGOING_MARK, "").strip()
            row_number = None
            if (match := _NUMBER_LAST.match(text)) and match[1]:
                text, row_number = match[1], int(match[2])
            elif text.isdigit():
                text, row_number = "", int(text)
            if text and (reading := self.readings.take(number, "activity", activity)):
                if reading.reading != "ignore":
                    out.error(number, ASSIGNMENTS, f"unknown reading '{reading.reading}' of an "
                              "activity cell (use 'ignore')", "readings")
                text = ""
            kind, text = self._activity(text, current.activity)
            if text and not kind:
                out.error(number, f"{ASSIGNMENTS}, line {number}", f"unknown activity "
                          f"'{clean(activity)}' (add a reading to data/extraction if the cell is "
                          "damaged)", "activities are operation categories")
            name_text = clean(name)
            if match := _NUMBER_FIRST.match(name_text):
                name_text, row_number = match[2], int(match[1])
            name_start = name_text.startswith(_NAME_START)
            reading = self.readings.take(number, "block")
            if reading is not None and reading.reading != "starts-next-block":
                out.error(number, ASSIGNMENTS, f"unknown block reading '{reading.reading}' (use "
                          "'starts-next-block')", "readings")
            starts = (reading is not None or (kind == "label" and bool(current.activity))
                      or (name_start and current.has_name))
            if starts or not current.lines:
                current = Block()
                self.blocks.append(current)
            current.lines.append(number)
            current.ongoing |= ongoing
            if kind in ("label", "continues"):
                current.activity = text
            if row_number is not None:
                current.numbers.append((row_number, number))
            if name_text:
                current.name.append(name_text)
                current.has_name |= name_start
            if clean(country):
                current.country.append(clean(country))
        for serial, block in enumerate(self.blocks, start=1):
            for printed, line in block.numbers:
                if printed != serial:
                    out.error(line, f"{ASSIGNMENTS}, line {line}", f"the row number {printed} is "
                              f"printed in the block of No. {serial}", "rows are numbered in order")

    # -- units and duties ------------------------------------------------------------------

    def _units(self, block: Block, serial: int) -> None:
        """The units of a block: a unit is a name and its count ("Staff officers (2 x 13) (3x4;
        from Feb. 2009)", "Staff Officers 2x1"); a cell may hold several, and a name left
        without a count at the end of a cell continues on the next line ("Liaison and
        coordination" / "personnel (2)").
        """
        carry, carry_line = "", 0
        for number in block.lines:
            raw = split_cells(self.lines[number - 1], 6)[4].strip()
            text = f"{carry} {raw}".strip() if carry else raw
            first_line = carry_line if carry else number
            pos = 0
            while (match := _UNIT.match(text, pos)) is not None and match.end() > pos:
                block.units.append(Unit(clean(match["name"]), match["count"].strip(),
                                        match.group(0).strip(), first_line, number))
                pos, first_line = match.end(), number
                while pos < len(text) and text[pos] == " ":
                    pos += 1
            carry, carry_line = text[pos:].strip(), first_line
            if carry and not re.fullmatch(r"[A-Za-z][A-Za-z/&' -]*", carry):
                self.out.error(number, f"{ASSIGNMENTS}, No. {serial}", f"cannot read the "
                               f"personnel cell '{raw}' at '{carry}'", "units are 'name (count)'")
                carry = ""
        if carry:
            self.out.error(block.lines[-1], f"{ASSIGNMENTS}, No. {serial}", f"the unit "
                           f"'{carry}' has no count", "units are 'name (count)'")

    def _duties(self, known: set[str]) -> None:
        """Each unit's main duties: the duties cell of the line where the unit ends. A cell
        shared by several units ends with the duties of the later ones, each a whole duties
        cell elsewhere in the table ("Observation of Kosovo assembly elections Liaison and
        coordination with relevant organizations").
        """
        for serial, block in enumerate(self.blocks, start=1):
            for number in block.lines:
                duty = clean(split_cells(self.lines[number - 1], 6)[5])
                units = [u for u in block.units if u.last == number]
                if not units:
                    if duty:
                        self.out.error(number, f"{ASSIGNMENTS}, No. {serial}", f"the duties "
                                       f"'{duty}' belong to no unit", "one duty per unit")
                    continue
                parts: list[str] = []
                while len(parts) < len(units) - 1:
                    tail = next((k for k in known if duty.endswith(" " + k)), None)
                    if tail is None:
                        break
                    parts.insert(0, tail)
                    duty = duty[: -len(tail)].strip()
                parts.insert(0, duty)
                if len(parts) != len(units) or not all(parts):
                    self.out.error(number, f"{ASSIGNMENTS}, No. {serial}", f"cannot share the "
                                   f"duties '{clean(split_cells(self.lines[number - 1], 6)[5])}' "
                                   f"among {len(units)} units", "one duty per unit")
                    continue
                for unit, part in zip(units, parts, strict=True):
                    unit.duty = part

    # -- periods -----------------------------------------------------------------------------

    def _period(self, block: Block, unit: Unit, serial: int) -> tuple[Period | None, str, int]:
        """The period of a unit's row: its own cell, else the block's nearest cell above, else
        the nearest below (merged cells). Returns the period (None if unreadable), the cell
        text and its line.
        """
        def cell(line: int) -> str:
            return split_cells(self.lines[line - 1], 6)[3].strip()

        own = [ln for ln in block.lines if unit.first <= ln <= unit.last and cell(ln)]
        above = [ln for ln in block.lines if ln < unit.first and cell(ln)]
        below = [ln for ln in block.lines if ln > unit.last and cell(ln)]
        line = own[0] if own else above[-1] if above else below[0] if below else None
        if line is None:
            self.out.error(unit.first, f"{ASSIGNMENTS}, No. {serial}", "no period of operation",
                           "periods are given")
            return None, "", unit.first
        text = cell(line)
        reading = self.readings.take(line, "period", text)
        if reading is not None:
            if reading.reading != "unreadable":
                self.out.error(line, ASSIGNMENTS, f"unknown period reading '{reading.reading}' "
                               "(use 'unreadable')", "readings")
            return None, text, line
        period = self.out.guard(line, f"{ASSIGNMENTS}, No. {serial}", "periods are dates",
                                lambda: cells.parse_period(text))
        return period, text, line

    # -- the table ---------------------------------------------------------------------------

    def read(self) -> None:
        out = self.out
        title = _title_line(self.lines, ASSIGNMENTS_TITLE, out)
        try:
            _, row_lines = table_rows(self.lines, title, "Activity")
        except CellError as exc:
            out.error(title, ASSIGNMENTS, str(exc), "tables are found")
            return
        star_line = find_line(self.lines, row_lines[-1],
                              lambda text: f"{ONGOING_MARK} denotes" in text)
        if star_line is not None:
            note = re.match(r"\s*(\d+)\.", self.lines[star_line - 1])
            self.star_note = f"note {note[1]} ({ONGOING_MARK})" if note else ONGOING_MARK
        self._blocks(row_lines)
        out.raise_errors()
        for serial, block in enumerate(self.blocks, start=1):
            self._units(block, serial)
        names = [self._name(block, serial) for serial, block in enumerate(self.blocks, start=1)]
        out.raise_errors()
        self.shorts = [short for _, short in names]
        known = {clean(split_cells(self.lines[u.last - 1], 6)[5]) for b in self.blocks
                 for u in b.units if sum(v.last == u.last for v in b.units) == 1}
        self._duties(known)
        out.raise_errors()
        for serial, block in enumerate(self.blocks, start=1):
            self._assignment(block, serial, names[serial - 1], title, star_line)

    def _name(self, block: Block, serial: int) -> tuple[str, str]:
        """The assignment's name, joined from its fragments or as a reading gives it."""
        printed = " ".join(block.name)
        name = printed
        reading = self.readings.take(block.lines[0], "name", printed)
        if reading is not None:
            name = reading.reading
        match = _NAME.match(name)
        if match is None:
            self.out.error(block.lines[0], f"{ASSIGNMENTS}, No. {serial}", f"cannot read the "
                           f"name '{printed}' (add a reading to data/extraction if the cell is "
                           "damaged)", "names are 'International Peace Cooperation Assignment "
                           "in/for ...'")
            return name, f"line {block.lines[0]}"
        return name, match["short"]

    def _assignment(self, block: Block, serial: int, name: tuple[str, str], title: int,
                    star_line: int | None) -> None:
        out, label = self.out, f"{ASSIGNMENTS}, No. {serial}"
        first = block.lines[0]
        category = self.activities.get(block.activity.lower())
        if category is None:
            out.error(first, label, f"no activity, or an unknown one: '{block.activity}'",
                      "activities are operation categories")
            return
        country = " ".join(block.country)
        listed = out.guard(first, label, "references resolve",
                           lambda: places(self.names, country))
        host = None if listed is None else [p for p in listed if p in self.countries]
        named = self._named_places(block, name, label, listed or [])
        rows = []
        for unit in block.units:
            period, text, line = self._period(block, unit, serial)
            rows.append((unit, period, text, line))
        years = [int(p.begin[:4]) for _, p, _, _ in rows if p is not None]
        if not years or host is None:
            out.error(first, label, "no readable period of operation", "periods are given")
            return
        rid = f"{slugify(name[1])}-{min(years)}"
        span = (first, block.lines[-1])
        notes = []
        if name[0] != " ".join(block.name):
            notes.append(f"The name cell prints '{' '.join(block.name)}'; read as "
                         f"'{name[0]}' (see data/extraction/{DOC}.yaml).")
        out.emit("assignment", rid, {"label": name[0], "serial": serial, "category": category,
                                     "host": host, "place": named[0], "concerns": named[1],
                                     "note": notes}, span, self.locate(*span))
        out.emit("assignment", rid, {"legal_basis": [self.law]}, (title, title),
                 f"{ASSIGNMENTS}, title", quote=BASED_ON)
        if block.ongoing:
            if star_line is None:
                out.error(first, label, f"'{ONGOING_MARK}' but no note says what it means",
                          "marks are explained")
                return
            out.emit("assignment", rid, {
                "ongoing_as_of": self.as_of,
                "note": [f"No. {serial} is marked {ONGOING_MARK} (line {first}); the tables of the "
                         f"booklet are stated as of {self.as_of} (line {self.as_of_line})."],
            }, (star_line, star_line), f"{ASSIGNMENTS}, {self.star_note}",
                quote=f"{ONGOING_MARK} denotes that the assignment is ongoing")
        seen: set[str] = set()
        for unit, period, text, line in rows:
            self._deployment(block, serial, rid, unit, period, text, line, seen)

    def _named_places(self, block: Block, name: tuple[str, str], label: str,
                      listed: list[str]) -> tuple[list[str], list[str]]:
        """The places of a row besides its host countries: the Country cell's regions ("Former
        Yugoslavia") and the places the name names ("in the Golan Heights") are where it
        operated; the places its duties name ("Kosovo assembly elections") are what it
        concerns.
        """
        first = block.lines[0]
        place = [p for p in listed if p not in self.countries]
        in_name = self.out.guard(first, label, "references resolve",
                                 lambda: places_in_text(self.names, name[1])) or []
        place += [p for p, _ in in_name if p not in listed and p not in place]
        concerns: list[str] = []
        for unit in block.units:
            in_duty = self.out.guard(unit.last, label, "references resolve",
                                     partial(places_in_text, self.names, unit.duty)) or []
            concerns += [p for p, _ in in_duty
                         if p not in listed and p not in place and p not in concerns]
        return place, concerns

    def _deployment(self, block: Block, serial: int, assignment: str, unit: Unit,
                    period: Period | None, period_text: str, period_line: int,
                    seen: set[str]) -> None:
        out, label = self.out, f"{ASSIGNMENTS}, No. {serial}, row '{unit.name}'"
        unit_type = out.guard(unit.first, label, "units are unit-type concepts",
                              lambda: one(self.names, unit.name, ["unit-type"], "unit type"))
        if unit_type is None:
            return
        rid = f"{assignment}/{unit_type}/{DOC}"
        if rid in seen:
            out.error(unit.first, label, f"a second row of unit type '{unit_type}'",
                      "one deployment per unit type and source")
            return
        seen.add(rid)
        span = (unit.first, unit.last)
        locator = self.locate(*span)
        values: dict[str, object] = {"dispatch": assignment, "unit_type": unit_type,
                                     "duty": unit.duty, "source_text": unit.raw}
        notes = []
        year = None
        if period is None:
            notes.append(f"The period cell (line {period_line}) is unreadable: "
                         f"'{period_text}'; no dates are read from it.")
        elif period.open and period.end is None and block.ongoing:
            values.update(begin=period.begin, ongoing_as_of=self.as_of)
            notes.append(f"The period '{period_text}' is open and the assignment is marked "
                         f"{ONGOING_MARK} (ongoing) as of {self.as_of}.")
        else:
            begin, end = period.closed()
            values.update(begin=begin, end=end)
            year = int(begin[:4]) if begin[:4] == end[:4] else None
        if period_line not in range(unit.first, unit.last + 1) and period is not None:
            notes.append(f"The period is the block's merged cell on line {period_line}.")
        phases = out.guard(unit.first, label, "personnel counts are numbers",
                           lambda: cells.parse_personnel(unit.count, year=year))
        if phases is None:
            return
        ids = []
        for k, phase in enumerate(phases, start=1):
            phase_id = f"{rid}/{k}"
            ids.append(phase_id)
            out.emit("phase", phase_id, phase_values(phase), span, locator)
        values["phases"] = ids
        values["note"] = notes
        out.emit("unit-deployment", rid, values, span, locator)
        missions = []
        for acronym in _ACRONYM.findall(unit.duty):
            found = self.names.resolve(acronym, ["mission"])
            if len(found) == 1 and found[0] not in missions:
                missions.append(found[0])
        if missions:
            out.emit("assignment", assignment, {"serves": missions}, span, locator)


def phase_values(phase: cells.PhaseSpec) -> dict[str, object]:
    """The fields of a phase record."""
    values: dict[str, object] = {"strength": phase.strength, "rotations": phase.rotations,
                                 "max_strength": phase.max_strength,
                                 "qualifier": "at-most" if phase.max_strength else None,
                                 "note": phase.notes}
    if phase.period is not None:
        if phase.period.open:
            values["begin"] = phase.period.begin
        else:
            values["begin"], values["end"] = phase.period.closed()
    return values
