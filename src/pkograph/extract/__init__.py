"""Extractors: code that reads the semi-structured parts of the source documents into records.

Tables and lists are parsed from the text under ``data/sources`` rather than retyped, so each
extracted value can be traced to its cell. Every extractor takes the project and an index of
the curated names (to resolve "UNHCR" or "Zaire" to the curated record) and the records made so
far (curated, then those of earlier extractors), and returns records whose origin is the line of
the source text they were read from.
"""

from __future__ import annotations

from collections.abc import Callable

from pkograph.extract import hisajima_dispatch, hrd_members, road_to_peace
from pkograph.names import NameIndex
from pkograph.paths import Project
from pkograph.records import Record

Extractor = Callable[[Project, NameIndex, list[Record]], list[Record]]

#: Every extractor the build runs, in order.
EXTRACTORS: list[Extractor] = []
EXTRACTORS.append(hrd_members.extract)  # the 2004 Action Plan's advisory-group member list
EXTRACTORS.append(road_to_peace.extract)  # the 2019 booklet's contributions and assignments
EXTRACTORS.append(hisajima_dispatch.extract)  # the 2022 dispatch list, after the 2019 table


def extract_all(project: Project, names: NameIndex, curated: list[Record]) -> list[Record]:
    """The records of every extractor."""
    records: list[Record] = []
    for extractor in EXTRACTORS:
        records += extractor(project, names, curated + records)
    return records
