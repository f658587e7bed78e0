"""Reviewed readings of damaged table cells (``data/extraction/<document>.yaml``).

Where OCR damaged a cell beyond what a generic rule can read, a curator writes down how the cell
reads and why. Each reading names the line and cell it applies to and the text found there,
so a reading cannot silently apply to a changed source; a reading that no cell uses is an
error too, so the file stays small and every entry in it is in force::

    document: road-to-peace-2019
    readings:
      - {line: 228, cell: block, reading: starts-next-block, reason: "..."}
      - {line: 223, cell: period, text: "19101. Apr. 2000", reading: unreadable, reason: "..."}
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from pkograph.paths import Project
from pkograph.records import Origin, RecordError, RecordErrors, read_yaml

_KEYS = {"line", "cell", "text", "reading", "reason"}


@dataclass(frozen=True)
class Reading:
    """How one damaged cell reads, and why."""

    line: int
    cell: str
    text: str | None
    reading: str
    reason: str
    origin: Origin


@dataclass
class Readings:
    """The readings of one document's cells; ``take`` marks a reading as used."""

    shown_as: str
    by_cell: dict[tuple[int, str], Reading] = field(default_factory=dict)
    used: set[tuple[int, str]] = field(default_factory=set)

    def take(self, line: int, cell: str, found: str | None = None) -> Reading | None:
        """The reading of a cell, checked against the text found there."""
        reading = self.by_cell.get((line, cell))
        if reading is None:
            return None
        if reading.text is not None and found is not None and reading.text != found.strip():
            raise RecordErrors([RecordError(reading.origin, f"the reading of line {line}, cell "
                                            f"'{cell}' expects the text {reading.text!r} but the "
                                            f"source has {found.strip()!r}", "readings match")])
        self.used.add((line, cell))
        return reading

    def check_all_used(self) -> None:
        """Raise for readings no cell used: the source or the parser changed under them."""
        stale = [r for key, r in self.by_cell.items() if key not in self.used]
        if stale:
            raise RecordErrors([RecordError(r.origin, f"the reading of line {r.line}, cell "
                                            f"'{r.cell}' applies to no cell", "readings match")
                                for r in stale])


def load_readings(project: Project, doc: str) -> Readings:
    """The readings of ``doc``; no file means no readings."""
    path: Path = project.extraction_dir / f"{doc}.yaml"
    shown = project.relative(path)
    readings = Readings(shown)
    if not path.is_file():
        return readings
    tree = read_yaml(path, shown)
    if not isinstance(tree, CommentedMap) or not isinstance(tree.get("readings"), CommentedSeq):
        raise RecordErrors([RecordError(Origin(shown, 1), "a readings file is a mapping with a "
                                        "'readings' list", "file layout")])
    errors = []
    for item in tree["readings"]:
        origin = Origin(shown, item.lc.line + 1 if hasattr(item, "lc") else 1)
        if not isinstance(item, CommentedMap):
            errors.append(RecordError(origin, "a reading is a mapping", "file layout"))
            continue
        unknown = set(map(str, item)) - _KEYS
        missing = {"line", "cell", "reading", "reason"} - set(map(str, item))
        if unknown or missing or not str(item.get("reason") or "").strip():
            errors.append(RecordError(origin, f"a reading has line, cell, reading, a non-empty "
                                      f"reason and optionally text (unknown {sorted(unknown)}, "
                                      f"missing {sorted(missing)})", "reading layout"))
            continue
        key = (int(item["line"]), str(item["cell"]))
        if key in readings.by_cell:
            errors.append(RecordError(origin, f"a second reading of line {key[0]}, cell "
                                      f"'{key[1]}'", "reading layout"))
            continue
        text = item.get("text")
        readings.by_cell[key] = Reading(key[0], key[1], None if text is None else str(text),
                                        str(item["reading"]), str(item["reason"]).strip(), origin)
    if errors:
        raise RecordErrors(errors)
    return readings
