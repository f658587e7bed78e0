"""``law-timeline``: a law (by default the International Peace Cooperation Law) and its
amendments on a time axis, each with what the documents say it changed.

Every legal event of the instrument (its enactment and each amendment: any subclass of
``pko:LegalEvent``) is placed at the date each document gives it, and labelled with each
document's own description, numbered after the sources line. Where documents give different
dates, each date is marked. An event no document dates is named under the figure.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from matplotlib import dates as mdates
from rdflib.term import Node

from pkograph.figures.common import (
    PALETTE,
    Drawing,
    FigureSpec,
    NoData,
    date_span,
    document_numbers,
    label,
    same_at_precision,
    select,
    sources_line,
    text,
    wrap,
)
from pkograph.queries import KINDS, Param
from pkograph.store.base import GraphStore

#: One row per legal event of the instrument, document, date and description the document gives.
SPARQL = """
SELECT DISTINCT ?instrument ?instrument_label ?event ?kind ?date ?description ?document_label
WHERE {
  ?instrument rdfs:label ?instrument_label .
  ?event pko:instrument ?instrument ; a ?class .
  ?class rdfs:subClassOf+ pko:LegalEvent ; rdfs:label ?kind .
  GRAPH ?citation { ?event a ?class }
  ?citation dcterms:isPartOf/rdfs:label ?document_label .
  OPTIONAL { GRAPH ?citation { ?event pko:date ?date } }
  OPTIONAL { GRAPH ?citation { ?event dcterms:description ?description } }
}
"""


@dataclass(frozen=True)
class LegalEvent:
    """One enactment or amendment with what each document says of it."""

    iri: str
    kind: str  # "enactment", "amendment"
    dates: Mapping[str, tuple[str, ...]]  # date -> the documents giving it
    descriptions: tuple[tuple[str, str], ...]  # (document, description), by document

    @property
    def first_day(self) -> float:
        return min(mdates.date2num(date_span(d)[0]) for d in self.dates)

    @property
    def disagreeing(self) -> bool:
        """Whether documents give it dates that differ on the precision both give."""
        return any(not same_at_precision(a, b) for a in self.dates for b in self.dates)


@dataclass(frozen=True)
class LawTimelineData:
    """The rows the figure draws: the instrument's dated events and those without a date."""

    instrument: str  # its label
    events: tuple[LegalEvent, ...]  # by date
    undated: tuple[LegalEvent, ...]
    documents: tuple[str, ...]


def law_timeline_data(store: GraphStore, values: Mapping[str, Node]) -> LawTimelineData:
    rows = select(store, SPARQL, {"instrument": values["instrument"]})
    if not rows:
        raise NoData("the graph holds no enactment or amendment of the "
                     f"{label(store, values['instrument'])}: there is no legal history to draw")
    kinds: dict[str, str] = {}
    dates: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    descriptions: dict[str, set[tuple[str, str]]] = defaultdict(set)
    documents = set()
    for row in rows:
        event, document = str(row["event"]), str(row["document_label"])
        kinds[event] = str(row["kind"])
        documents.add(document)
        if row.get("date") is not None:
            dates[event][str(row["date"])].add(document)
        if (description := text(row.get("description"))) is not None:
            descriptions[event].add((document, description))
    events = [LegalEvent(e, kinds[e], {d: tuple(sorted(docs)) for d, docs in
                                      sorted(dates[e].items())},
                         tuple(sorted(descriptions[e]))) for e in sorted(kinds)]
    dated = sorted((e for e in events if e.dates), key=lambda e: (e.first_day, e.iri))
    if not dated:
        raise NoData("no document dates an enactment or amendment of the "
                     f"{label(store, values['instrument'])}: nothing can be placed on a time axis")
    return LawTimelineData(str(rows[0]["instrument_label"]), tuple(dated),
                           tuple(e for e in events if not e.dates), tuple(sorted(documents)))


def draw_law_timeline(data: LawTimelineData) -> Drawing:
    numbers = document_numbers(data.documents)
    colour = {"enactment": PALETTE[0], "amendment": PALETTE[5]}
    fig = Drawing(12, 6.2)
    ax = fig.add_subplot()
    first = min(e.first_day for e in data.events)
    last = max(mdates.date2num(date_span(d)[1]) for e in data.events for d in e.dates)
    ax.axhline(0, color="#666666", linewidth=1)
    for index, event in enumerate(data.events):
        fill = colour.get(event.kind, PALETTE[2])
        for when in event.dates:
            start, stop = (mdates.date2num(d) for d in date_span(when))
            ax.plot([start, stop + 1], [0, 0], color=fill, linewidth=6,
                    solid_capstyle="butt")
            ax.plot([(start + stop) / 2], [0], marker="o", color=fill, markersize=7)
        side = 1 if index % 2 == 0 else -1
        level = side * (1 + (index // 2) % 2 * 0.9)
        dated = " / ".join(f"{d} {_refs(docs, numbers)}" for d, docs in event.dates.items())
        lines = [f"{event.kind.capitalize()}, {dated}"
                 + (" (the documents give different dates)" if event.disagreeing else "")]
        if event.descriptions:
            lines += [wrap(f"{_refs((doc,), numbers)} {desc}", 58)
                      for doc, desc in event.descriptions]
        else:
            lines.append("(no document says what it changed)")
        earliest = date_span(min(event.dates, key=lambda d: date_span(d)[0]))
        x = (mdates.date2num(earliest[0]) + mdates.date2num(earliest[1])) / 2
        box = ax.annotate("\n".join(lines), xy=(x, 0), xytext=(x, level), multialignment="left",
                            ha="center", va="bottom" if side > 0 else "top", fontsize=7.5,
                            bbox={"boxstyle": "round,pad=0.4", "facecolor": "white",
                                  "edgecolor": fill},
                            arrowprops={"arrowstyle": "-", "color": fill, "lw": 0.8})
        fig.tooltip(box, f"law-event-{index}", f"{event.kind}: {dated}")
    span = max(last - first, 365 * 4)
    ax.set_xlim(first - span * 0.25, last + span * 0.25)
    ax.set_ylim(-3.2, 3.2)
    ax.xaxis_date()
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=5, maxticks=14))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.set_yticks([])
    ax.spines["left"].set_visible(False)
    ax.set_xlabel("Date of the enactment or amendment, at the precision the documents give "
                  "(a bar spans a month or a year)")
    ax.set_ylabel("Legal events")
    legend = [ax.plot([], [], marker="o", color=c, linewidth=6, label=k.capitalize())[0]
              for k, c in colour.items() if any(e.kind == k for e in data.events)]
    ax.legend(handles=legend, loc="upper left", fontsize=8)
    title = f"The {data.instrument} and its amendments, as the documents describe them"
    note = "[n]: the document giving the date or the description (sources below)."
    if data.undated:
        note += (" Not placed, since no document dates it: "
                 + "; ".join(f"{e.kind} {e.iri.rsplit('/', 1)[-1]}" for e in data.undated)
                 + ".")
    return fig.finish(title, sources_line(data.documents, numbered=True), note)


def _refs(documents: tuple[str, ...], numbers: Mapping[str, int]) -> str:
    return "[" + ",".join(str(n) for n in sorted(numbers[d] for d in documents)) + "]"


FIGURE = FigureSpec(
    name="law-timeline",
    title="A law and its amendments on a time axis, with what each changed",
    description="The enactment and amendments of a law, agreement or policy (by default the "
                "International Peace Cooperation Law) at the dates the documents give, each "
                "with the documents' own words on what it changed.",
    data=law_timeline_data,
    draw=draw_law_timeline,
    params=(Param("instrument", KINDS["instrument"], "International Peace Cooperation Law",
                  "The law, agreement or policy"),),
    examples=("pkograph plot law-timeline -o law.svg",
              'pkograph plot law-timeline --param instrument="ODA Charter" -o oda.pdf'),
)
