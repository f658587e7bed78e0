"""``timeline``: Japan's dispatches as bars from begin to end, coloured by operation category.

A dispatch's period, as one document gives it, runs from the earliest begin to the latest end of
the unit deployments that document reports (a unit deployment is one document's row for a unit),
or is the period the document gives the dispatch as a whole. A dispatch that document reports as
still under way runs to the date it was so reported, with an arrow. Where documents disagree on
the period (compared on the precision both give: 1992 agrees with 1992-09), each document's
period is drawn and marked with its number in the sources line. The personnel shown is strength
x rotations summed over the phases of that document's units ("more than", "about" kept); phases
stating only a maximum are left out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from matplotlib import dates as mdates
from matplotlib.artist import Artist
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from rdflib.term import Node

from pkograph.figures.common import (
    DASH,
    GREY,
    PALETTE,
    Drawing,
    FigureSpec,
    NoData,
    date_span,
    document_numbers,
    same_at_precision,
    select,
    shorten,
    sources_line,
    text,
)
from pkograph.store.base import GraphStore

#: One row per unit deployment and phase of every dispatch, with the document reporting it;
#: and one per period a document gives a dispatch as a whole (as the 2022 list does), with the
#: dispatch itself in the place of the unit.
SPARQL = """
SELECT DISTINCT ?dispatch ?dispatch_label ?assignment ?category_label ?document ?document_label
       ?deployment ?begin ?end ?ongoing ?phase ?strength ?rotations ?qualifier_label
WHERE {
  ?dispatch a/rdfs:subClassOf* pko:Dispatch ; rdfs:label ?dispatch_label .
  BIND(EXISTS { ?dispatch a/rdfs:subClassOf* pko:Assignment } AS ?assignment)
  OPTIONAL { ?dispatch pko:category/skos:prefLabel ?category_label }
  {
    ?dispatch pko:hasUnitDeployment ?deployment .
    GRAPH ?citation { ?deployment a pko:UnitDeployment }
    OPTIONAL { ?deployment pko:beginDate ?begin }
    OPTIONAL { ?deployment pko:endDate ?end }
    OPTIONAL { ?deployment pko:ongoingAsOf ?ongoing }
    OPTIONAL {
      ?deployment pko:hasPhase ?phase .
      ?phase pko:strength ?strength .
      OPTIONAL { ?phase pko:rotations ?rotations }
      OPTIONAL { ?phase pko:qualifier/skos:prefLabel ?qualifier_label }
    }
  }
  UNION
  {
    GRAPH ?citation { ?dispatch pko:beginDate ?begin }
    BIND(?dispatch AS ?deployment)
    OPTIONAL { GRAPH ?citation { ?dispatch pko:endDate ?end } }
    OPTIONAL { GRAPH ?citation { ?dispatch pko:ongoingAsOf ?ongoing } }
  }
  ?citation dcterms:isPartOf ?document .
  ?document rdfs:label ?document_label .
}
"""

OTHER = "Other dispatches (not under the International Peace Cooperation Law)"


@dataclass(frozen=True)
class Period:
    """A dispatch's period and personnel as one document gives them."""

    document: str  # the document's label
    begin: str | None  # the earliest begin, at the source's precision
    end: str | None  # the latest end
    ongoing_as_of: str | None  # the latest date a unit was reported under way, when one was
    personnel: int  # strength x rotations over the phases stating a strength
    qualifiers: tuple[str, ...] = ()  # "more than", "approximately"... of those phases

    @property
    def dated(self) -> bool:
        return self.begin is not None

    def agrees_with(self, other: Period) -> bool:
        """The same begin and end on the precision both give (an end left open agrees)."""
        return (self.begin is not None and other.begin is not None
                and same_at_precision(self.begin, other.begin)
                and (self.end is None or other.end is None
                     or same_at_precision(self.end, other.end)))

    @property
    def first_day(self) -> date:
        assert self.begin is not None
        return date_span(self.begin)[0]

    @property
    def last_day(self) -> date:
        """The end's last day; for an ongoing dispatch, the day it was reported under way."""
        days = [date_span(self.begin or "")[1]]
        if self.end:
            days.append(date_span(self.end)[1])
        if self.ongoing_as_of:
            days.append(date_span(self.ongoing_as_of)[0])
        return max(days)

    def personnel_text(self) -> str:
        """The personnel as the documents put it: "1,332", "more than 200", "about 40"."""
        number = f"{self.personnel:,}"
        if "more than" in self.qualifiers:
            return f"more than {number}"
        if {"approximately", "close to"} & set(self.qualifiers):
            return f"about {number}"
        return number


@dataclass(frozen=True)
class Bar:
    """One bar: the period a group of agreeing documents give a dispatch."""

    periods: tuple[Period, ...]  # the agreeing documents' periods, the preferred one first

    @property
    def documents(self) -> tuple[str, ...]:
        return tuple(p.document for p in self.periods)

    @property
    def first_day(self) -> date:
        return min(p.first_day for p in self.periods)

    @property
    def last_day(self) -> date:
        return max(p.last_day for p in self.periods)

    @property
    def ongoing_as_of(self) -> str | None:
        """The latest date a document reports it under way, unless a document gives its end."""
        if any(p.end for p in self.periods):
            return None
        return max((p.ongoing_as_of for p in self.periods if p.ongoing_as_of),
                   key=lambda d: date_span(d)[0], default=None)

    @property
    def span_text(self) -> str:
        first = self.periods[0]
        end = next((p.end for p in self.periods if p.end), None)
        return f"{first.begin}{DASH}{end or 'under way ' + str(self.ongoing_as_of)}"


@dataclass(frozen=True)
class Dispatch:
    """One row of the timeline: a dispatch and the period each document gives it."""

    iri: str
    label: str
    category: str | None
    assignment: bool
    periods: tuple[Period, ...]  # one per document dating it, the preferred document first

    @property
    def bars(self) -> tuple[Bar, ...]:
        """The periods grouped by agreement; more than one bar where documents disagree."""
        groups: list[list[Period]] = []
        for period in self.periods:
            group = next((g for g in groups if all(period.agrees_with(q) for q in g)), None)
            if group is None:
                groups.append([period])
            else:
                group.append(period)
        return tuple(Bar(tuple(g)) for g in groups)

    @property
    def disagreeing(self) -> bool:
        """Whether two documents give it periods that differ."""
        return len(self.bars) > 1

    def period_of(self, document: str) -> Period | None:
        return next((p for p in self.periods if p.document == document), None)


@dataclass(frozen=True)
class TimelineData:
    """The rows the timeline draws: the dated dispatches, and those no document dates."""

    dispatches: tuple[Dispatch, ...]
    undated: tuple[str, ...]  # labels
    documents: tuple[str, ...]  # labels of the documents the periods come from
    preferred: str  # the document reporting the most dispatches, listed first where it does


@dataclass
class _Unit:
    """The dates one document gives one unit deployment."""

    begins: set[str] = field(default_factory=set)
    ends: set[str] = field(default_factory=set)
    ongoing: set[str] = field(default_factory=set)  # dates it was reported under way


def timeline_data(store: GraphStore, values: Mapping[str, Node]) -> TimelineData:
    """Every dispatch with the period each document gives it, in order of their begin."""
    rows = select(store, SPARQL)
    about: dict[str, tuple[str, str | None, bool]] = {}  # dispatch -> label, category, assignment
    units: dict[tuple[str, str], dict[str, _Unit]] = defaultdict(dict)  # (dispatch, document)
    phases: dict[tuple[str, str], dict[str, tuple[int, str | None]]] = defaultdict(dict)
    for row in rows:
        dispatch, document = str(row["dispatch"]), str(row["document_label"])
        about.setdefault(dispatch, (str(row["dispatch_label"]), text(row.get("category_label")),
                                    str(row["assignment"]) == "true"))
        unit = units[dispatch, document].setdefault(str(row["deployment"]), _Unit())
        for dates, key in ((unit.begins, "begin"), (unit.ends, "end"), (unit.ongoing, "ongoing")):
            if row.get(key) is not None:
                dates.add(str(row[key]))
        if row.get("phase") is not None and row.get("strength") is not None:
            rotations = int(str(row["rotations"])) if row.get("rotations") is not None else 1
            phases[dispatch, document][str(row["phase"])] = (
                int(float(str(row["strength"]))) * rotations, text(row.get("qualifier_label")))
    if not about:
        raise NoData("the graph holds no dispatch with a unit deployment: there is no period "
                     "to draw on a timeline")
    reported: dict[str, set[str]] = defaultdict(set)
    for dispatch, document in units:
        reported[document].add(dispatch)
    # The document that reports the most dispatches is drawn first where it reports one.
    order = sorted(reported, key=lambda d: (-len(reported[d]), d))
    dispatches, undated = [], []
    for iri, (label, category, assignment) in about.items():
        periods = tuple(p for document in order if (iri, document) in units
                        if (p := _period(document, units[iri, document].values(),
                                         phases[iri, document])).dated)
        if periods:
            dispatches.append(Dispatch(iri, label, category, assignment, periods))
        else:
            undated.append(label)
    if not dispatches:
        raise NoData("no document gives a begin date for any unit deployment of the graph's "
                     f"{len(about)} dispatch(es): there is no period to draw")
    dispatches.sort(key=lambda d: (d.periods[0].first_day, d.label))
    documents = sorted({p.document for d in dispatches for p in d.periods})
    return TimelineData(tuple(dispatches), tuple(sorted(undated)), tuple(documents), order[0])


def _period(document: str, units: Iterable[_Unit],
            phases: Mapping[str, tuple[int, str | None]]) -> Period:
    """One document's period of a dispatch: from the earliest begin of its units to the latest
    end, or under way when a unit without an end was reported under way."""
    begins: list[str] = []
    ends: list[str] = []
    ongoing: list[str] = []
    for unit in units:
        begins += unit.begins
        ends += unit.ends
        if unit.ongoing and not unit.ends:
            ongoing += unit.ongoing
    begin = min(begins, key=lambda d: date_span(d)[0], default=None)
    end = max(ends, key=lambda d: date_span(d)[1], default=None)
    as_of = max(ongoing, key=lambda d: date_span(d)[0], default=None)
    qualifiers = tuple(sorted({q for _, q in phases.values() if q}))
    return Period(document, begin, None if as_of else end, as_of,
                  sum(n for n, _ in phases.values()), qualifiers)


def short_label(dispatch: Dispatch) -> str:
    """A row's name: an assignment's label without the words every assignment's label starts
    with, and its first year (the graph has three assignments in East Timor)."""
    label = dispatch.label
    for prefix in ("International Peace Cooperation Assignment in ",
                   "International Peace Cooperation Assignment for "):
        if label.startswith(prefix):
            label = label[len(prefix):]
            label = label[:1].upper() + label[1:]
    return f"{shorten(label, 60)} ({dispatch.periods[0].first_day.year})"


def draw_timeline(data: TimelineData) -> Drawing:
    numbers = document_numbers(data.documents)
    categories = sorted({d.category for d in data.dispatches if d.category})
    colour = {c: PALETTE[i % len(PALETTE)] for i, c in enumerate(categories)}
    rows = len(data.dispatches)
    fig = Drawing(12, 2.4 + 0.3 * rows)
    ax = fig.add_subplot()
    for y, dispatch in enumerate(data.dispatches):
        fill = colour.get(dispatch.category or "", GREY)
        bars = dispatch.bars
        height = 0.72 / len(bars)
        for k, bar in enumerate(bars):
            middle = y - 0.36 + (k + 0.5) * height
            start = mdates.date2num(bar.first_day)
            width = max(mdates.date2num(bar.last_day) - start + 1, 20)  # a day stays visible
            drawn = ax.barh(middle, width, left=start, height=height * 0.9, color=fill,
                            hatch="////" if k else None, edgecolor="white" if k else fill,
                            linewidth=0)
            first = bar.periods[0]
            where = "[" + ",".join(str(numbers[d]) for d in sorted(
                bar.documents, key=numbers.__getitem__)) + "]"
            label = first.personnel_text() if first.personnel else ""
            if dispatch.disagreeing:
                label = f"{where} {bar.span_text}" + (f", {label}" if label else "")
            end_x = start + width
            if bar.ongoing_as_of:
                ax.annotate("", xy=(end_x + 110, middle), xytext=(end_x, middle),
                            arrowprops={"arrowstyle": "-|>", "color": fill, "lw": 1.2})
                end_x += 110
                if not dispatch.disagreeing:
                    label += f" (under way as of {bar.ongoing_as_of})"
            ax.text(end_x + 40, middle, label.strip(), va="center",
                    fontsize=7 if len(bars) > 1 else 7.5, color="#222222")
            fig.tooltip(drawn.patches[0], f"timeline-{y}-{k}",
                        f"{dispatch.label}: {bar.span_text}; personnel "
                        f"{first.personnel_text()} ({'; '.join(bar.documents)})")
    ax.set_yticks(range(rows), [("≠ " if d.disagreeing else "") + short_label(d)
                               for d in data.dispatches])
    ax.set_ylim(rows - 0.4, -0.6)
    ax.xaxis_date()
    ax.xaxis.set_major_locator(mdates.YearLocator(2))
    ax.xaxis.set_minor_locator(mdates.YearLocator(1))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    first_year = min(d.bars[0].first_day for d in data.dispatches).year
    last_year = max(b.last_day for d in data.dispatches for b in d.bars).year
    ax.set_xlim(mdates.date2num(date(first_year, 1, 1)),
                mdates.date2num(date(last_year + 3, 12, 31)))
    ax.grid(axis="x", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    ax.set_xlabel("Period of the dispatch: from the earliest begin to the latest end of its "
                  "units, as the documents give them")
    ax.set_ylabel("Dispatch (first year)")
    handles: list[Artist] = [Patch(color=colour[c], label=c) for c in categories]
    if any(not d.category for d in data.dispatches):
        handles.append(Patch(color=GREY, label=OTHER))
    if any(d.disagreeing for d in data.dispatches):
        handles.append(Patch(facecolor="#bbbbbb", hatch="////", edgecolor="white",
                             label="≠ documents disagree: each one's period, with the "
                                   "numbers [n] of the documents giving it"))
    if any(b.ongoing_as_of for d in data.dispatches for b in d.bars):
        handles.append(Line2D([], [], color="#555555", marker=">", markersize=5,
                              label="under way when the document was written"))
    handles.append(Patch(color="none", label="number beside a bar: personnel dispatched "
                                             "(strength x rotations of its units)"))
    ax.legend(handles=handles, loc="upper right", fontsize=8, title="Operation category",
              title_fontsize=8, alignment="left")
    assignments = sum(d.assignment for d in data.dispatches)
    title = (f"Japan's International Peace Cooperation Assignments since {first_year} "
             f"({assignments}), by operation category")
    if rows > assignments:
        title += f", and {rows - assignments} other dispatch(es)"
    note = (f"Personnel as {data.preferred} gives it where it reports the dispatch, else as the "
            "other document does; units given only a maximum strength are not counted.")
    if data.undated:
        note += (" Not drawn, since no document gives their period: "
                 + "; ".join(data.undated) + ".")
    return fig.finish(title, sources_line(data.documents, numbered=True), note)


FIGURE = FigureSpec(
    name="timeline",
    title="Japan's dispatches on a time axis, by operation category, with their personnel",
    description="Every dispatch (the International Peace Cooperation Assignments and the "
                "dispatches under other laws) as a bar from the earliest begin to the latest end "
                "of its units, coloured by operation category, with the personnel the documents "
                "give. Where documents disagree on a period, each document's period is drawn "
                "and marked.",
    data=timeline_data,
    draw=draw_timeline,
    examples=("pkograph plot timeline -o timeline.svg",),
)
