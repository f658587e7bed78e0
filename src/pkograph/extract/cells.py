"""Reading the cells of the documents' tables: OCR clean-up, periods, personnel counts, quantities.

The tables were flattened from PDFs, so the same value is printed in several ways ("Sept.
1992-Sept. 1993" with an en dash, "SeptOct. 1992", "Jan. 2012- May. 2017", "09.1992") and OCR
has left its marks ("PKO" in Cyrillic letters, superscript note numbers, "2 nd"). Each function
here applies one generic rule and raises ``CellError`` (a plain message; the extractor adds
file, line and row) when a cell does not follow any of the forms it knows, so nothing
unreadable is silently guessed.

>>> parse_period("SeptOct. 1992")
Period(begin='1992-09', end='1992-10', open=False)
>>> [(p.strength, p.rotations, p.period and p.period.begin)
...  for p in parse_personnel("(2 x 13) (3x4;from Feb. 2009)")]
[(2, 13, None), (3, 4, '2009-02')]
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal


class CellError(ValueError):
    """A cell that does not follow any form the parsers know."""


# --- OCR clean-up ---------------------------------------------------------------------------

#: Cyrillic letters that OCR reads for Latin ones of the same shape (Cyrillic "PKO" for "PKO").
_HOMOGLYPHS = str.maketrans("\u0410\u0412\u0415\u041a\u041c\u041d\u041e\u0420\u0421\u0422\u0425"
                            "\u0430\u0435\u043e\u0440\u0441\u0443\u0445",
                            "ABEKMHOPCTXaeopcyx")
#: Superscript digits of note markers.
SUPERSCRIPTS = {"¹": 1, "²": 2, "³": 3, "⁴": 4, "⁵": 5, "⁶": 6, "⁷": 7, "⁸": 8, "⁹": 9}
_DASHES = re.compile("[\u2013\u2014\u2212]")  # en dash, em dash, minus sign
#: "x" or the multiplication sign between a strength and its rotations ("2 x 13", "2\u00d71").
TIMES = "[x\u00d7]"
_SPACE = re.compile(r"\s+")


def clean(text: str) -> str:
    """Text with Latin letters for their Cyrillic look-alikes, one kind of dash, single spaces."""
    return _SPACE.sub(" ", _DASHES.sub("-", text.translate(_HOMOGLYPHS))).strip()


def split_cells(line: str, width: int) -> list[str]:
    """The tab-separated cells of a table line, padded or cut to ``width``."""
    cells = line.split("\t")
    return (cells + [""] * width)[:width]


def dehyphenate(text: str) -> str:
    """Words broken at a line end and rejoined with a space: "Assign- ments" -> "Assignments"."""
    return re.sub(r"(?<=[a-z])- (?=[a-z])", "", text)


# --- Months, days and periods -----------------------------------------------------------------

_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
           "september", "october", "november", "december")
#: A month as printed: "Sept.", "Jun.", "June", "November", "May." (checked by ``month``).
MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?"


def month(word: str) -> int:
    """The number of a month name or abbreviation; "SeptOct" is two words, not one."""
    key = word.rstrip(".").lower()
    for number, name in enumerate(_MONTHS, start=1):
        if len(key) >= 3 and name.startswith(key):
            return number
    raise CellError(f"'{word}' is not a month")


@dataclass(frozen=True)
class Period:
    """A period as printed: begin and end ("1992-09" or "2009"); ``open`` when it runs on.

    A single date ("Oct. 2001") has no ``end``; ``closed()`` reads it as that whole month.
    """

    begin: str
    end: str | None = None
    open: bool = False

    def closed(self) -> tuple[str, str]:
        """Begin and end, a single date being both (the trailing dash read as noise)."""
        return self.begin, self.end or self.begin


_PERIOD_TOKEN = re.compile(r"\s*(?:(?P<word>from|in)\b|(?P<month>[A-Z][a-z]+\.?)|(?P<year>\d{4})"
                           r"|(?P<dash>-))")


def parse_period(text: str, year: int | None = None) -> Period:
    """A period: "Sept. 1992-Sept. 1993", "Oct.-Nov. 1994", "SeptOct. 1992" (dash lost),
    "Oct. 2001", "November 2011-" (open), "from Feb. 2009", "in 2012", "July-Aug." (the year
    given by the caller). A trailing dash after a closed range is kept as ``open``: whether
    it means anything is the caller's decision.
    """
    tokens: list[tuple[str, str]] = []
    pos, cleaned = 0, clean(text)
    while pos < len(cleaned):
        match = _PERIOD_TOKEN.match(cleaned, pos)
        if match is None or match.end() == pos:
            raise CellError(f"cannot read the period '{text}'")
        kind = match.lastgroup or ""
        tokens.append((kind, match.group(kind)))
        pos = match.end()
    if not tokens:
        raise CellError("empty period")
    prefix = tokens.pop(0)[1] if tokens[0][0] == "word" else None

    def date() -> tuple[int | None, int | None] | None:
        m = y = None
        if tokens and tokens[0][0] == "month":
            m = month(tokens.pop(0)[1])
        if tokens and tokens[0][0] == "year":
            y = int(tokens.pop(0)[1])
        return None if m is None and y is None else (m, y)

    first = date()
    if first is None:
        raise CellError(f"cannot read the period '{text}': no month or year first")
    second, trailing = None, False
    if tokens and tokens[0][0] == "dash":
        tokens.pop(0)
        second = date()
        trailing = second is None
    elif tokens and tokens[0][0] == "month":  # "SeptOct. 1992": the dash was lost
        second = date()
    if second is not None and tokens and tokens[0][0] == "dash":
        tokens.pop(0)
        trailing = True
    if tokens:
        raise CellError(f"cannot read the period '{text}': '{tokens[0][1]}' is left over")

    def fmt(d: tuple[int | None, int | None], y: int | None) -> str:
        m, own = d
        y = own or y
        if y is None:
            raise CellError(f"the period '{text}' gives no year")
        return f"{y}" if m is None else f"{y}-{m:02d}"

    if second is None:
        return Period(fmt(first, year), None, trailing or prefix == "from" or prefix == "in")
    begin = fmt(first, second[1] or year)
    end = fmt(second, first[1] or year)
    if end < begin:
        raise CellError(f"the period '{text}' ends before it begins")
    return Period(begin, end, trailing)


_NUMERIC_MONTH = re.compile(r"^(\d{2})([.-])(\d{4})$")


def numeric_month(text: str) -> tuple[str, bool]:
    """ "09.1992" as "1992-09", and whether it was printed with an unusual "-" ("09-2012")."""
    match = _NUMERIC_MONTH.match(text.strip())
    if match is None or not 1 <= int(match.group(1)) <= 12:
        raise CellError(f"'{text}' is not a month written MM.YYYY")
    return f"{match.group(3)}-{match.group(1)}", match.group(2) != "."


_DAY = re.compile(r"^([A-Z][a-z]+)\.?\s*(\d{1,2})\s*,\s*(\d{4})$")


def parse_day(text: str) -> dt.date:
    """A date such as "Sept. 11, 1992", "May.15,2009" or "Dec.18,2012"."""
    match = _DAY.match(clean(text))
    if match is None:
        raise CellError(f"'{text}' is not a date like 'Sept. 11, 1992'")
    try:
        return dt.date(int(match.group(3)), month(match.group(1)), int(match.group(2)))
    except ValueError as exc:
        raise CellError(f"'{text}' is not a date: {exc}") from None


_ORDINAL = re.compile(r"^(\d+)\s*(?:st|nd|rd|th|ª)$")


def parse_ordinal(text: str) -> int:
    """ "1st", "2 nd", "3ª" (OCR for "3rd") as a number."""
    match = _ORDINAL.match(clean(text))
    if match is None:
        raise CellError(f"'{text}' is not an ordinal like '1st'")
    return int(match.group(1))


# --- Personnel counts ------------------------------------------------------------------------

@dataclass
class PhaseSpec:
    """One size of a unit as printed: "600 x 2", "max. 3", "346x1 Mar. 2010-"."""

    text: str
    strength: int | None = None
    rotations: int | None = None
    max_strength: int | None = None
    period: Period | None = None
    notes: list[str] = field(default_factory=list)


_PERSONNEL_TOKEN = re.compile(
    rf"""[\s;,]*(?:
      (?P<period>(?:(?:from|in)\s+)?(?:{MONTH}(?:\s*{MONTH})?(?:\s*\d{{4}})?
                 (?:\s*-\s*(?:{MONTH})?(?:\s*\d{{4}})?)?
               |(?<=from\s)\d{{4}}|(?<=in\s)\d{{4}}))
     |(?P<max>max[.,]?\s*(?P<max_n>\d+))
     |(?P<count>(?P<n>\d+)(?:\s*{TIMES}\s*(?P<r>\d+))?)(?![\d.])
     |(?P<note>[a-z]{{3,}}\.?(?:[ ]+[^\s;,]+)*)
    )""", re.X)
_YEAR_ONLY = re.compile(r"^(?:from|in)\s+\d{4}$")


def parse_personnel(text: str, *, period_first: bool = False, year: int | None = None,
                    ) -> list[PhaseSpec]:
    """The sizes of one unit: "(8 x 2)", "(max.10 members changed as needed)", "(10; 7; May
    2003-June 2004)", "(283 incl. advance unit [23])", "2x1", "(3x5 4x5)"...

    Each count starts a phase. A period belongs to the count before it (the 2019 table:
    "346x1 Mar. 2010-") or, with ``period_first``, to the count after it (the 2022 list:
    "from 2012 349x3"); ``year`` completes periods printed without one ("8; July-Aug.").
    Words after a count are a note on it.
    """
    body = clean(text).replace("(", ";").replace(")", ";")
    phases: list[PhaseSpec] = []
    pending: Period | None = None
    pos = 0
    while body[pos:].strip(" ;,"):
        match = _PERSONNEL_TOKEN.match(body, pos)
        if match is None or match.end() == pos:
            rest = body[pos:].strip(" ;,")
            raise CellError(f"cannot read '{rest}' in the personnel count '{text}'")
        pos = match.end()
        if match.group("period"):
            period_text = match.group("period")
            if _YEAR_ONLY.match(period_text) is None and not re.search(MONTH, period_text):
                raise CellError(f"cannot read the period '{period_text}' in '{text}'")
            period = parse_period(period_text, year)
            if period_first:
                if pending is not None:
                    raise CellError(f"two periods in a row in '{text}'")
                pending = period
            elif not phases or phases[-1].period is not None:
                raise CellError(f"the period '{period_text}' in '{text}' follows no count")
            else:
                phases[-1].period = period
        elif match.group("max"):
            phases.append(PhaseSpec(match.group("max").strip(), max_strength=int(match["max_n"]),
                                    period=pending))
            pending = None
        elif match.group("count"):
            rotations = match.group("r")
            phases.append(PhaseSpec(match.group("count").strip(), strength=int(match["n"]),
                                    rotations=int(rotations) if rotations else None,
                                    period=pending))
            pending = None
        else:
            if not phases:
                raise CellError(f"the words '{match.group('note')}' in '{text}' follow no count")
            phases[-1].notes.append(match.group("note").strip())
    if pending is not None:
        raise CellError(f"the period at the end of '{text}' belongs to no count")
    if not phases:
        raise CellError(f"no count in the personnel cell '{text}'")
    for phase in phases:
        if 0 in (phase.strength, phase.rotations, phase.max_strength):
            raise CellError(f"a count of zero in '{text}'")
    return phases


# --- Quantities of items -------------------------------------------------------------------

_QUANTITY = re.compile(r"^(\d[\d,]*(?:\.\d+)?)\s*([a-z]+)$")
#: Counting units, singular as printed -> the unit a quantity is counted in.
COUNT_UNITS = {"set": "sets", "sets": "sets", "sheet": "sheets", "sheets": "sheets",
               "unit": "units", "units": "units", "round": "rounds", "rounds": "rounds",
               "building": "buildings", "buildings": "buildings"}


def parse_quantity(text: str) -> tuple[Decimal, str, list[str]]:
    """The quantity inside an item's parentheses: "40,000 sets", "2,000sets", "1 set", and the
    other remarks that may share them ("5.56mm, 10,000 rounds"; "60 sets, including spare
    filters"): (quantity, unit counted in, remarks).
    """
    found: list[tuple[Decimal, str]] = []
    remarks: list[str] = []
    for part in (p.strip() for p in re.split(r",\s+", clean(text))):
        match = _QUANTITY.match(part)
        if match and match.group(2) in COUNT_UNITS:
            found.append((Decimal(match.group(1).replace(",", "")),
                          COUNT_UNITS[match.group(2)]))
        elif part:
            remarks.append(part)
    if len(found) != 1:
        raise CellError(f"cannot read a quantity in '({text})': expected one 'N sets', 'N "
                        f"sheets', 'N units', 'N rounds' or 'N buildings'")
    if found[0][0] <= 0:
        raise CellError(f"the quantity in '({text})' is not positive")
    return found[0][0], found[0][1], remarks
