"""Names of things, folded so that word order, case, accents and punctuation do not matter.

Used by extractors to resolve a name printed in a table ("UNHCR", "Zaire (currently Democratic
Republic of the Congo)") to the curated record of that thing, and by ``pkograph find``.

>>> fold_name("Hasegawa  Sukehiro") == fold_name("Sukehiro Hasegawa")
True
>>> fold_name("Côte d'Ivoire")
'cote d ivoire'
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable

from unidecode import unidecode

from pkograph.records import Record

NAME_KEYS = ("label", "alt", "acronym", "former_name")
_NON_WORD = re.compile(r"[^a-z0-9]+")


def words(text: str) -> list[str]:
    return [w for w in _NON_WORD.split(unidecode(text).lower()) if w]


def fold_name(text: str) -> str:
    """Lower-case ASCII words in sorted order: the key two spellings of a name share."""
    return " ".join(sorted(words(text)))


def record_names(rec: Record) -> list[str]:
    names: list[str] = []
    for key in NAME_KEYS:
        value = rec.values.get(key)
        names += [str(v) for v in (value if isinstance(value, list) else [value]) if v]
    return names


class NameIndex:
    """Record ids by folded name, per record type."""

    def __init__(self, records: Iterable[Record]) -> None:
        self._by_name: dict[str, set[tuple[str, str]]] = defaultdict(set)
        for rec in records:
            for name in record_names(rec):
                self._by_name[fold_name(name)].add((rec.type, rec.id))

    def resolve(self, name: str, types: Iterable[str]) -> list[str]:
        """The ids of records of the given types known by this name."""
        allowed = set(types)
        found = self._by_name.get(fold_name(name), ())
        return sorted({rid for rtype, rid in found if rtype in allowed})
