"""The 2004 Action Plan's list of the Study's advisory-group members, read into people and posts.

Each member line, e.g. ``Mr. Ken Inoue (Director, Industry Department, Asian Productivity
Organization)``, gives a person (named without the honorific), a membership in the Study's
advisory group, and a post in the organization named last in the parentheses; what comes
before that last part is the title, as written. Organizations are resolved against the curated
names, never minted from the text: an organization nobody curated is an error naming the line,
so a misread affiliation cannot slip into the graph as a new body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pkograph.iri import slugify
from pkograph.names import NameIndex
from pkograph.paths import Project
from pkograph.records import Origin, Record, RecordError, RecordErrors, Source
from pkograph.schema import ORGANIZATION_TYPES

DOC = "hrd-action-plan-2004"
HEADING = "*Members of the advisory group for the Study"
LOCATOR = "Members of the advisory group for the Study"
GROUP = "hrd-study-advisory-group"
AS_OF = "2004-04-23"  # the date of the Action Plan that lists them
RULE = "member lines of the 2004 advisory group"

_MEMBER = re.compile(r"^(?P<honorific>Mr|Ms|Mrs|Dr)\.\s+(?P<name>[^()]+?)\s*"
                     r"\((?P<affiliation>[^()]+)\)$")


@dataclass(frozen=True)
class Member:
    """One member line as printed, split into its parts."""

    line: int
    text: str
    honorific: str
    name: str
    title: str
    organization: str

    @property
    def locator(self) -> str:
        return f"{LOCATOR} > {self.honorific}. {self.name}"


def parse_member(text: str, origin: Origin) -> Member:
    """One line ``Mr. Name (title, ..., Organization)``; a RecordError at ``origin`` otherwise."""
    stripped = text.strip()
    match = _MEMBER.match(stripped)
    if match is None:
        raise RecordError(origin, f"cannot read member line {stripped!r}: expected "
                          "'Mr. Name (Title, Organization)'", RULE)
    *title, organization = (part.strip() for part in match["affiliation"].split(","))
    if not title or not all(title) or not organization:
        raise RecordError(origin, f"member line {stripped!r} has no title before the "
                          "organization, or an empty part", RULE)
    return Member(origin.line, stripped, match["honorific"], match["name"].strip(),
                  ", ".join(title), organization)


def read_members(lines: list[str], shown_as: str) -> list[Member]:
    """Every member line after the heading, to the end of the document."""
    start = next((i for i, line in enumerate(lines) if line.strip().startswith(HEADING)), None)
    if start is None:
        raise RecordErrors([RecordError(Origin(shown_as, 1), f"no line starting {HEADING!r}",
                                        RULE)])
    members, errors = [], []
    for number, line in enumerate(lines[start + 1:], start=start + 2):
        if not line.strip():
            continue
        try:
            members.append(parse_member(line, Origin(shown_as, number)))
        except RecordError as exc:
            errors.append(exc)
    if errors:
        raise RecordErrors(errors)
    if not members:
        raise RecordErrors([RecordError(Origin(shown_as, start + 1), "no member lines follow "
                                        "the heading", RULE)])
    return members


def _one(found: list[str], what: str, origin: Origin) -> str:
    if len(found) != 1:
        problem = "no curated" if not found else f"several curated ({', '.join(found)})"
        raise RecordError(origin, f"{problem} records are named {what!r}: curate it (with this "
                          "name as label, alt or acronym) before extracting", RULE)
    return found[0]


def member_records(members: list[Member], names: NameIndex, shown_as: str,
                   labels: dict[str, str] | None = None) -> list[Record]:
    """A person, a membership in the group and a post in the organization, per member.

    A member already curated under another form of the name (``labels``: curated person labels
    by id) gets the printed form as an alternative name, so the one label is kept."""
    labels = labels or {}
    records, errors = [], []
    for m in members:
        origin = Origin(shown_as, m.line)
        try:
            org = _one(names.resolve(m.organization, ORGANIZATION_TYPES), m.organization, origin)
        except RecordError as exc:
            errors.append(exc)
            continue
        known = names.resolve(m.name, ["person"])
        if len(known) > 1:
            errors.append(RecordError(origin, f"several curated people are named {m.name!r}: "
                                      f"{', '.join(known)}", RULE))
            continue
        person = known[0] if known else slugify(m.name)
        source = Source(DOC, m.line, m.line, m.locator, m.text)
        person_values = ({"alt": [m.name]} if labels.get(person, m.name) != m.name
                         else {"label": m.name})
        records += [
            Record("person", person, person_values, source, origin),
            Record("membership", f"{person}/{GROUP}", {
                "person": person, "organization": GROUP, "role": ["member"], "as_of": AS_OF,
            }, source, origin),
            Record("membership", f"{person}/{org}", {
                "person": person, "organization": org, "title": m.title, "as_of": AS_OF,
            }, source, origin),
        ]
    if errors:
        raise RecordErrors(errors)
    return records


def _text_file(project: Project, records: list[Record]) -> Path:
    for rec in records:
        if rec.type == "document" and rec.id == DOC and "file" in rec.values:
            return project.root / str(rec.values["file"])
    raise RecordErrors([RecordError(None, f"no document record '{DOC}' names its text file",
                                    RULE)])


def extract(project: Project, names: NameIndex, records: list[Record]) -> list[Record]:
    """The extractor the build runs (see ``pkograph.extract``)."""
    path = _text_file(project, records)
    shown_as = project.relative(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise RecordErrors([RecordError(Origin(shown_as, 1), f"cannot read: {exc}",
                                        "readable input")]) from None
    labels = {rec.id: str(rec.values["label"]) for rec in records
              if rec.type == "person" and "label" in rec.values}
    return member_records(read_members(lines, shown_as), names, shown_as, labels)
