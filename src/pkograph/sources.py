"""The source documents' text files, and the citations that point into them.

The text files under ``data/sources`` are kept exactly as published in the corpus; a citation
names one of them, a span of its lines and a locator. Quotes are compared with white space
folded, since the extracted text breaks lines and cells where the PDF did.

Each file's SHA-256 is pinned in ``data/sources/SHA256SUMS`` (the format of ``sha256sum``, so
``sha256sum -c SHA256SUMS`` in that folder checks them too). The build refuses a file that
differs from its pin, or has none: an edit of a document would otherwise change published facts
(a quantity, a date) with nothing to show for it but a new ``pko:sha256``. A deliberate change
(a corrected copy of the published document) is made by updating the file's line there.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from rdflib import URIRef

from pkograph.iri import mint
from pkograph.records import Origin, RecordError, RecordErrors, Source

#: The file of ``data/sources`` that pins the SHA-256 of every other file there.
PINS = "SHA256SUMS"
_PIN = re.compile(r"([0-9a-f]{64}) [ *](\S.*)")

_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """Text with every run of white space made one space."""
    return _SPACE.sub(" ", text).strip()


@dataclass(frozen=True)
class SourceFile:
    """One document's text file."""

    doc: str
    path: Path

    @cached_property
    def lines(self) -> list[str]:
        return self.path.read_text(encoding="utf-8").splitlines()

    @cached_property
    def sha256(self) -> str:
        return hashlib.sha256(self.path.read_bytes()).hexdigest()

    def span(self, first: int, last: int) -> str:
        return "\n".join(self.lines[first - 1 : last])

    def has_quote(self, first: int, last: int, quote: str) -> bool:
        return fold(quote) in fold(self.span(first, last))


def citation_iri(source: Source) -> URIRef:
    """The IRI of a citation, which also names the graph of the facts it supports."""
    lines = (f"l{source.first_line}" if source.first_line == source.last_line
             else f"l{source.first_line}-{source.last_line}")
    return mint("citation", source.doc, lines)


def document_iri(doc: str) -> URIRef:
    return mint("document", doc)


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_pins(folder: Path, shown: str) -> dict[str, str]:
    """The pinned digest of each file name; raises RecordErrors for a malformed line."""
    pins_file = folder / PINS
    if not pins_file.is_file():
        raise RecordErrors([RecordError(Origin(shown, 1), "the SHA-256 pins of the source "
                                        "documents are missing", "pinned sources")])
    pins: dict[str, str] = {}
    errors = []
    for number, line in enumerate(pins_file.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        match = _PIN.fullmatch(line)
        if match is None:
            errors.append(RecordError(Origin(shown, number), "a pin is '<64 hex digits>  <file "
                                      "name>', as sha256sum writes it", "pinned sources"))
        else:
            pins[match.group(2)] = match.group(1)
    if errors:
        raise RecordErrors(errors)
    return pins


def check_pins(sources_dir: Path, cited: list[Path], shown: Callable[[Path], str]) -> None:
    """Raise RecordErrors unless every file of ``sources_dir`` and every ``cited`` file is
    pinned in ``SHA256SUMS`` and has exactly the pinned digest (see the module docstring)."""
    pins_shown = shown(sources_dir / PINS)
    pins = read_pins(sources_dir, pins_shown)
    present = {p for p in sources_dir.iterdir() if p.is_file() and p.name != PINS
               and not p.name.startswith(".")}
    how = (f"if the change is deliberate, put the file's new digest in {pins_shown} "
           f"(sha256sum {{name}} in {shown(sources_dir)})")
    errors = []
    for path in sorted(present | set(cited)):
        where = Origin(shown(path), 1)
        if path.parent.resolve() != sources_dir.resolve():
            errors.append(RecordError(where, f"a source document is kept in {shown(sources_dir)}",
                                      "pinned sources"))
        elif path.name not in pins:
            errors.append(RecordError(where, f"not pinned in {pins_shown}: "
                                      + how.format(name=path.name), "pinned sources"))
        elif sha256_of(path) != pins[path.name]:
            errors.append(RecordError(
                where, f"changed: its SHA-256 is {sha256_of(path)[:12]}..., {pins_shown} pins "
                f"{pins[path.name][:12]}...; the source documents are kept byte for byte, and a "
                "change would alter the facts read from them; " + how.format(name=path.name),
                "pinned sources"))
    for name in sorted(set(pins) - {p.name for p in present}):
        errors.append(RecordError(Origin(pins_shown, 1), f"pins {name}, which is not in "
                                  f"{shown(sources_dir)}", "pinned sources"))
    if errors:
        raise RecordErrors(errors)
