"""Names printed in table cells resolved to the curated records they denote.

A cell may name one thing ("UNHCR"), one thing twice ("United Nations Operation in Mozambique
(ONUMOZ)", "Zaire (Currently Democratic Republic of the Congo)") or several things ("Israel,
Syria and Lebanon" — but "Bosnia and Herzegovina" is one country). Every name must resolve to
exactly one record; anything else is a ``CellError``, never a guess.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from unidecode import unidecode

from pkograph.extract.cells import CellError
from pkograph.names import NameIndex
from pkograph.schema import ORGANIZATION_TYPES, PLACE_TYPES

_PARENTHESIS = re.compile(r"^(?P<main>.*?)\s*\((?P<inner>[^()]*)\)\s*$")
_CURRENTLY = re.compile(r"^(?:currently|now)\s+(?:the\s+)?", re.I)
_LIST_SEPARATOR = re.compile(r"(,\s*|\s+and\s+)")


def one(names: NameIndex, name: str, types: Iterable[str], what: str) -> str:
    """The id of the one record of ``types`` known by ``name``."""
    found = names.resolve(name, types)
    if len(found) != 1:
        raise CellError(f"unknown {what} '{name}'" if not found else
                        f"the {what} '{name}' is ambiguous: {', '.join(found)}")
    return found[0]


def _either(names: NameIndex, main: str, inner: str, types: Iterable[str], what: str) -> str:
    """A name and its parenthesised other name (acronym, current name): the same record."""
    types = list(types)
    found = {rid for text in (main, inner) for rid in names.resolve(text, types)}
    if len(found) != 1:
        raise CellError(f"unknown {what} '{main} ({inner})'" if not found else
                        f"'{main}' and '{inner}' name different records: "
                        f"{', '.join(sorted(found))}")
    return found.pop()


def organization(names: NameIndex, text: str) -> str:
    """ "United Nations Mission in Sudan (UNMIS)", "IOM", "The Office of ... (UNHCR)"."""
    match = _PARENTHESIS.match(text)
    if match:
        return _either(names, match["main"], match["inner"], ORGANIZATION_TYPES, "organization")
    return one(names, text, ORGANIZATION_TYPES, "organization")


def place(names: NameIndex, text: str) -> str:
    """One place; "Zaire (Currently Democratic Republic of the Congo)" is one place."""
    match = _PARENTHESIS.match(text)
    if match:
        return _either(names, match["main"], _CURRENTLY.sub("", match["inner"]), PLACE_TYPES,
                       "place")
    return one(names, text, PLACE_TYPES, "place")


def places(names: NameIndex, text: str) -> list[str]:
    """The places of a list such as "Israel, Syria and Lebanon", longest names first, so that
    "Bosnia and Herzegovina" stays one country.
    """
    parts = _LIST_SEPARATOR.split(text.strip())
    words, found, start = parts[::2], [], 0
    while start < len(words):
        for end in range(len(words), start, -1):
            candidate = "".join(parts[2 * start: 2 * end - 1])
            try:
                rid = place(names, candidate)
            except CellError:
                if end == start + 1:
                    raise
                continue
            if rid not in found:
                found.append(rid)
            start = end
            break
    return found


_WORD = re.compile(r"[A-Za-z0-9]+")
#: The most words a place name has ("Democratic Republic of the Congo").
_LONGEST_NAME = 6


def places_in_text(names: NameIndex, text: str) -> list[tuple[str, str]]:
    """The places a sentence names, in order, each with the word that follows its name.

    Capitalised runs of words are looked up, longest first, so "South Sudan" is not also
    "Sudan" and "East Timorese" names no place; a name of several places is an error.
    """
    tokens = [m.group(0) for m in _WORD.finditer(unidecode(text))]
    found: list[tuple[str, str]] = []
    start = 0
    while start < len(tokens):
        size = next((n for n in range(min(_LONGEST_NAME, len(tokens) - start), 0, -1)
                     if tokens[start][0].isupper()
                     and names.resolve(" ".join(tokens[start:start + n]), PLACE_TYPES)), 0)
        if not size:
            start += 1
            continue
        name = " ".join(tokens[start:start + size])
        ids = names.resolve(name, PLACE_TYPES)
        if len(ids) > 1:
            raise CellError(f"the place '{name}' is ambiguous: {', '.join(ids)}")
        after = tokens[start + size] if start + size < len(tokens) else ""
        if ids[0] not in [rid for rid, _ in found]:
            found.append((ids[0], after))
        start += size
    return found
