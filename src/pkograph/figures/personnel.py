"""``personnel``: Japan's personnel dispatched per year, stacked by operation category.

Personnel are counted from the units' phases: strength x rotations (rotations 1 when not
stated), in the year the phase begins (the phase's own begin, else its unit's, else the earliest
begin the same document gives the dispatch). All the rotations of a phase fall in its first
year: the documents give how many rotations there were, not when each began (the
``personnel-totals`` saved query, per decade, books such a phase under the span of decades it
ran in instead; a decade here holds that query's decade and the spans starting in it).
Phases stating only a maximum ("at most 6", "members changed as needed") are not counted, and
"more than 200" is drawn as the lower bound it is.

Two documents reporting the same unit would count it twice, so each dispatch is counted from one
document: the one given as ``source``, or by default, for each dispatch, the document that
reports the most dispatches among those reporting it (the 2019 booklet lists every assignment
until 2019; the 2022 seminar report adds the later ones).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from matplotlib.patches import Patch
from matplotlib.ticker import StrMethodFormatter
from rdflib.term import Node

from pkograph.figures.common import (
    DASH,
    GREY,
    PALETTE,
    Drawing,
    FigureSpec,
    NoData,
    ink,
    select,
    sources_line,
    text,
)
from pkograph.queries import KINDS, Param
from pkograph.store.base import GraphStore

#: One row per phase of every unit deployment, with its dispatch, category and document.
SPARQL = """
SELECT DISTINCT ?source ?dispatch ?dispatch_label ?category_label ?document ?document_label
       ?phase ?strength ?max_strength ?rotations ?qualifier_label ?phase_begin
       ?deployment_begin ?dispatch_begin
WHERE {
  ?dispatch pko:hasUnitDeployment ?deployment ; rdfs:label ?dispatch_label .
  GRAPH ?citation { ?deployment a pko:UnitDeployment }
  ?citation dcterms:isPartOf ?document .
  FILTER(sameTerm(COALESCE(?source, "*"), "*") || ?document = ?source)
  ?document rdfs:label ?document_label .
  ?deployment pko:hasPhase ?phase .
  OPTIONAL { ?dispatch pko:category/skos:prefLabel ?category_label }
  OPTIONAL { ?phase pko:strength ?strength }
  OPTIONAL { ?phase pko:maxStrength ?max_strength }
  OPTIONAL { ?phase pko:rotations ?rotations }
  OPTIONAL { ?phase pko:qualifier/skos:prefLabel ?qualifier_label }
  OPTIONAL { ?phase pko:beginDate ?phase_begin }
  OPTIONAL { ?deployment pko:beginDate ?deployment_begin }
  OPTIONAL {
    SELECT ?dispatch ?document (MIN(STR(?other_begin)) AS ?dispatch_begin) WHERE {
      ?dispatch pko:hasUnitDeployment ?other .
      GRAPH ?other_citation { ?other a pko:UnitDeployment }
      ?other_citation dcterms:isPartOf ?document .
      ?other pko:beginDate ?other_begin .
    }
    GROUP BY ?dispatch ?document
  }
}
"""

NO_CATEGORY = "(no operation category)"
LOWER_BOUND = "more than"
APPROXIMATE = ("approximately", "close to")


@dataclass(frozen=True)
class Count:
    """Personnel of one year and category: the total and how much of it is not exact."""

    total: int = 0
    lower_bound: int = 0  # from "more than N": at least this many
    approximate: int = 0  # from "approximately N", "close to N"

    def __add__(self, other: Count) -> Count:
        return Count(self.total + other.total, self.lower_bound + other.lower_bound,
                     self.approximate + other.approximate)

    def text(self) -> str:
        prefix = "more than " if self.lower_bound else "about " if self.approximate else ""
        return f"{prefix}{self.total:,}"


@dataclass(frozen=True)
class PersonnelData:
    """The rows the figure draws: personnel per year and operation category."""

    counts: Mapping[tuple[int, str], Count]  # (year, category) -> personnel
    source: str | None  # the one document counted, when one was given
    maxima: int  # phases given only as a maximum, not counted
    undated: int  # phases with no date at all, not counted
    documents: tuple[str, ...]  # the documents counted

    @property
    def years(self) -> range:
        found = [y for y, _ in self.counts]
        return range(min(found), max(found) + 1)

    def total(self, category: str | None = None) -> Count:
        out = Count()
        for (_, c), n in self.counts.items():
            if category is None or c == category:
                out += n
        return out


def personnel_data(store: GraphStore, values: Mapping[str, Node]) -> PersonnelData:
    bound = {"source": values["source"]} if values.get("source") is not None else {}
    rows = select(store, SPARQL, bound)
    if not rows:
        where = "" if not bound else " in the given source"
        raise NoData(f"the graph holds no phase of a unit deployment{where}: there are no "
                     "unit sizes to count personnel from")
    reported: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        reported[str(row["document"])].add(str(row["dispatch"]))
    chosen: dict[str, str] = {}
    for row in rows:  # per dispatch, the document reporting the most dispatches
        dispatch, document = str(row["dispatch"]), str(row["document"])
        best = chosen.get(dispatch)
        if best is None or (-len(reported[document]), document) < (-len(reported[best]), best):
            chosen[dispatch] = document
    phases: dict[str, tuple[int, str, Count]] = {}
    maxima, undated, documents = set(), set(), set()
    for row in rows:
        if chosen[str(row["dispatch"])] != str(row["document"]):
            continue
        phase = str(row["phase"])
        if row.get("strength") is None:
            maxima.add(phase)
            continue
        begin = next((str(row[k]) for k in ("phase_begin", "deployment_begin", "dispatch_begin")
                      if row.get(k) is not None), None)
        if begin is None:
            undated.add(phase)
            continue
        rotations = int(str(row["rotations"])) if row.get("rotations") is not None else 1
        people = int(float(str(row["strength"]))) * rotations
        qualifier = text(row.get("qualifier_label"))
        count = Count(people, people if qualifier == LOWER_BOUND else 0,
                      people if qualifier in APPROXIMATE else 0)
        phases[phase] = (int(begin[:4]), text(row.get("category_label")) or NO_CATEGORY, count)
        documents.add(str(row["document_label"]))
    if not phases:
        raise NoData("no phase of a unit deployment states a strength with a date: there is no "
                     "personnel to count per year")
    counts: dict[tuple[int, str], Count] = defaultdict(Count)
    for year, category, count in phases.values():
        counts[year, category] += count
    source = next(iter(documents)) if bound else None
    return PersonnelData(dict(sorted(counts.items())), source, len(maxima), len(undated),
                         tuple(sorted(documents)))


def draw_personnel(data: PersonnelData) -> Drawing:
    categories = sorted({c for _, c in data.counts})
    colour = {c: GREY if c == NO_CATEGORY else PALETTE[i % len(PALETTE)]
              for i, c in enumerate(categories)}
    years = list(data.years)
    fig = Drawing(12, 6.5)
    ax = fig.add_subplot()
    bottom = dict.fromkeys(years, 0)
    inexact = dict.fromkeys(years, Count())
    for index, category in enumerate(categories):
        counts = [data.counts.get((y, category), Count()) for y in years]
        bars = ax.bar(years, [c.total for c in counts], bottom=[bottom[y] for y in years],
                      width=0.8, color=colour[category], edgecolor="white", linewidth=0.5)
        for year, count, patch in zip(years, counts, bars.patches, strict=True):
            if not count.total:
                continue
            if count.lower_bound or count.approximate:
                patch.set_hatch("////" if count.lower_bound else "....")
                patch.set_edgecolor(ink(colour[category]))
            fig.tooltip(patch, f"personnel-{year}-{index}",
                        f"{year}, {category}: {count.text()} personnel")
            bottom[year] += count.total
            inexact[year] += count
    top = max(bottom.values())
    for year in years:
        if bottom[year]:
            ax.text(year, bottom[year] + top * 0.01, inexact[year].text().replace(
                "more than ", ">").replace("about ", "~"), ha="center", va="bottom",
                fontsize=6.5, rotation=90)
    ax.set_xticks(years, [str(y) if y % 2 == 0 else "" for y in years])
    ax.set_xticks(years, minor=True)
    ax.set_xlim(years[0] - 0.7, years[-1] + 0.7)
    ax.set_ylim(0, top * 1.15)
    ax.yaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
    ax.set_xlabel("Year the unit's phase began (all its rotations counted in that year)")
    ax.set_ylabel("Personnel dispatched (strength x rotations)")
    handles = [Patch(color=colour[c], label=c) for c in categories]
    if any(c.lower_bound for c in data.counts.values()):
        handles.append(Patch(facecolor="white", edgecolor="#333333", hatch="////",
                             label="lower bound (\"more than N\"): at least this many; "
                                   "total marked >"))
    if any(c.approximate for c in data.counts.values()):
        handles.append(Patch(facecolor="white", edgecolor="#333333", hatch="....",
                             label="approximate (\"about N\"); total marked ~"))
    ax.legend(handles=handles, title="Operation category", loc="upper right", fontsize=7.5,
              title_fontsize=8, alignment="left")
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    total = data.total()
    title = (f"Japan's personnel dispatched per year, by operation category "
             f"({total.text()} in all, {years[0]}{DASH}{years[-1]})")
    if data.source:
        note = f"Counted from one document's units only: {data.source}."
    else:
        note = ("Each dispatch counted from one document, the one reporting the most dispatches "
                "among those reporting it, so no unit is counted twice.")
    if data.maxima:
        note += (f" Not counted: {data.maxima} unit phase(s) given only as a maximum strength "
                 "(\"at most N\", members changed as needed).")
    if data.undated:
        note += f" Not counted: {data.undated} phase(s) no document dates."
    return fig.finish(title, sources_line(data.documents), note)


FIGURE = FigureSpec(
    name="personnel",
    title="Personnel dispatched per year, by operation category",
    description="Japan's personnel per year (strength x rotations of the units' phases, in "
                "the year each phase began) stacked by operation category; lower bounds "
                "(\"more than N\") and approximations are marked. Each dispatch is counted from "
                "one document: source, or the one reporting the most dispatches.",
    data=personnel_data,
    draw=draw_personnel,
    params=(Param("source", KINDS["document"], None,
                  "Count one document's units only (default: per dispatch, the document "
                  "reporting the most dispatches)"),),
    examples=("pkograph plot personnel -o personnel.svg",
              'pkograph plot personnel --param source="seminar report" -o personnel-2022.png'),
)
