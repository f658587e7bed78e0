"""The text of a source document, line by line, for its page and the cited lines.

A document names its text file by ``pko:localPath``, relative to the project; only a file
inside the project's ``data/sources`` folder is ever read, whatever the graph says (a path
such as ``../../etc/passwd`` or a link leading out of the folder is refused).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from rdflib import Literal

from pkograph.paths import Project

_LINES = re.compile(r"^([1-9][0-9]{0,6})(?:-([1-9][0-9]{0,6}))?$")


def text_file(project: Project, local_path: object) -> Path | None:
    """The file of a document's ``pko:localPath`` if it lies in the sources folder."""
    if not isinstance(local_path, Literal | str):
        return None
    folder = project.sources_dir.resolve()
    try:
        path = (project.root / str(local_path)).resolve()
    except (OSError, RuntimeError, ValueError):
        return None
    if path.parent != folder or not path.is_file():
        return None
    return path


def read_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8", errors="replace").splitlines()


@dataclass(frozen=True)
class Span:
    """Lines of a text, first to last, both included."""

    first: int
    last: int

    def __contains__(self, number: object) -> bool:
        return isinstance(number, int) and self.first <= number <= self.last


def parse_lines(text: str | None) -> Span | None:
    """The span of ``?lines=120-124`` (or ``120``); None if absent or malformed."""
    match = _LINES.match(text or "")
    if match is None:
        return None
    first = int(match.group(1))
    last = int(match.group(2) or first)
    return Span(first, last) if last >= first else None
