"""What the extractors share: the source text of a document and the records they emit.

Every record an extractor makes cites the document, the exact line span it was read from and a
locator; its origin is the first of those lines in the source text, so a problem found later
(by the mapper or the shapes) points at the line to look at. A line span always gets the same
locator, whichever record cites it (the mapper checks that a citation has one locator).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pkograph.extract.cells import CellError
from pkograph.paths import Project
from pkograph.records import Origin, Record, RecordError, RecordErrors, Source


def source_text(project: Project, records: list[Record], doc: str) -> tuple[list[str], str]:
    """The lines of a document's text file and the path to show in errors."""
    for rec in records:
        if rec.type == "document" and rec.id == doc and "file" in rec.values:
            path = project.root / str(rec.values["file"])
            try:
                return path.read_text(encoding="utf-8").splitlines(), project.relative(path)
            except (OSError, UnicodeDecodeError) as exc:
                raise RecordErrors([RecordError(rec.where("file"), f"cannot read the text of "
                                                f"'{doc}': {exc}", "readable input")]) from None
    raise RecordErrors([RecordError(None, f"no document record '{doc}' names its text file",
                                    "documents exist")])


def find_line(lines: list[str], start: int, test: Callable[[str], bool]) -> int | None:
    """The 1-based number of the first line from ``start`` (1-based) that passes ``test``."""
    for number in range(start, len(lines) + 1):
        if test(lines[number - 1]):
            return number
    return None


@dataclass
class Emitter:
    """Collects the records of one document and the errors found on its lines."""

    doc: str
    shown: str
    records: list[Record] = field(default_factory=list)
    errors: list[RecordError] = field(default_factory=list)

    def emit(self, rtype: str, rid: str, values: dict[str, Any], lines: tuple[int, int],
             locator: str, quote: str | None = None) -> None:
        """A record citing ``lines`` (first, last); empty values are left out."""
        first, last = lines
        kept = {k: v for k, v in values.items() if v is not None and v != [] and v != ""}
        source = Source(self.doc, first, last, locator, quote)
        self.records.append(Record(rtype, rid, kept, source, Origin(self.shown, first)))

    def error(self, line: int, row: str, message: str, rule: str) -> None:
        """A problem of the cell on ``line``, in table row ``row``."""
        self.errors.append(RecordError(Origin(self.shown, line), f"{row}: {message}", rule))

    def guard(self, line: int, row: str, rule: str, action: Callable[[], Any]) -> Any:
        """The result of ``action``, or None with the CellError it raised recorded."""
        try:
            return action()
        except CellError as exc:
            self.error(line, row, str(exc), rule)
            return None

    def raise_errors(self) -> None:
        if self.errors:
            raise RecordErrors(self.errors)
