"""The source documents' text files, and the citations that point into them.

The text files under ``data/sources`` are kept exactly as published in the corpus; a citation
names one of them, a span of its lines and a locator. Quotes are compared with white space
folded, since the extracted text breaks lines and cells where the PDF did.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from rdflib import URIRef

from pkograph.iri import mint
from pkograph.records import Source

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
