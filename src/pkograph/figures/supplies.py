"""``supplies``: Japan's contributions in kind per year, stacked by recipient or by item type.

A contribution counts in the year of its Cabinet decision. Stacked by recipient (the
default), each contribution counts once under each recipient it names; stacked by item type
(``by=item``), once under each item type it gives, so a year's bar then counts contributions
per item type, not contributions. A decision whose items are stated jointly with another's
(a series, such as Nos. 6 and 7 to UNHCR) gives the series' item types. These are the counts
the ``contributions-in-kind`` saved query gives (its rows, distinct per decision, counting a
series row once for each decision it is for, and recipient or item). Contributions without a
decision date are named under the figure, not drawn.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from matplotlib.patches import Patch
from matplotlib.ticker import MaxNLocator
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
    wrap,
)
from pkograph.queries import KINDS, Param
from pkograph.store.base import GraphStore

#: One row per contribution in kind, recipient and item type, with the documents stating it.
SPARQL = """
SELECT DISTINCT ?contribution ?contribution_label ?decision_date ?recipient ?recipient_label
       ?recipient_acronym ?item ?item_label ?document_label
WHERE {
  ?contribution a pko:ContributionInKind .
  GRAPH ?citation { ?contribution a pko:ContributionInKind }
  ?citation dcterms:isPartOf/rdfs:label ?document_label .
  OPTIONAL { ?contribution rdfs:label ?contribution_label }
  OPTIONAL { ?contribution pko:decisionDate ?decision_date }
  OPTIONAL {
    ?contribution pko:recipient ?recipient .
    ?recipient rdfs:label ?recipient_label .
    OPTIONAL {
      SELECT ?recipient (MIN(?acronym) AS ?recipient_acronym) WHERE {
        ?recipient pko:acronym ?acronym .
      }
      GROUP BY ?recipient
    }
  }
  OPTIONAL {
    # its own item lines, or those of the series of decisions its items are stated for
    ?contribution pko:inSeries?/pko:hasItemLine/pko:itemType ?item .
    ?item skos:prefLabel ?item_label
  }
}
"""

BY = ("recipient", "item")
#: At most this many item types get their own colour; the others are stacked as one.
MOST_ITEMS = 10


@dataclass(frozen=True)
class SuppliesData:
    """The rows the figure draws: how many contributions per year and recipient (or item)."""

    by: str  # "recipient" or "item"
    counts: Mapping[tuple[int, str], int]  # (year, recipient or item label) -> contributions
    contributions: Mapping[int, int]  # year -> contributions decided that year
    names: Mapping[str, str]  # label -> the short name shown (an acronym where there is one)
    undated: tuple[str, ...]  # contributions without a decision date
    documents: tuple[str, ...]

    @property
    def years(self) -> range:
        return range(min(self.contributions), max(self.contributions) + 1)

    def totals(self) -> Counter[str]:
        out: Counter[str] = Counter()
        for (_, key), n in self.counts.items():
            out[key] += n
        return out


def supplies_data(store: GraphStore, values: Mapping[str, Node]) -> SuppliesData:
    by = str(values.get("by", "recipient"))
    members: dict[tuple[int, str], set[str]] = defaultdict(set)
    per_year: dict[int, set[str]] = defaultdict(set)
    names: dict[str, str] = {}
    undated: dict[str, str] = {}
    documents: set[str] = set()
    seen = False
    for row in select(store, SPARQL):
        seen = True
        contribution = str(row["contribution"])
        name = text(row.get("contribution_label")) or contribution
        if row.get("decision_date") is None:
            undated[contribution] = name
            continue
        year = int(str(row["decision_date"])[:4])
        documents.add(str(row["document_label"]))
        per_year[year].add(contribution)
        if by == "recipient":
            key = text(row.get("recipient_label")) or "(recipient not stated)"
            names[key] = text(row.get("recipient_acronym")) or key
        else:
            key = text(row.get("item_label")) or "(items not stated)"
            names[key] = key
        members[year, key].add(contribution)
    if not seen:
        raise NoData("the graph holds no contribution in kind: there are no supplies to count")
    if not per_year:
        raise NoData(f"none of the graph's {len(undated)} contributions in kind has a decision "
                     "date: they cannot be placed in a year")
    return SuppliesData(by, {k: len(v) for k, v in sorted(members.items())},
                        {y: len(v) for y, v in sorted(per_year.items())}, names,
                        tuple(sorted(undated.values())), tuple(sorted(documents)))


def draw_supplies(data: SuppliesData) -> Drawing:
    totals = data.totals()
    keys = sorted(totals, key=lambda k: (-totals[k], k))
    shown = keys if data.by == "recipient" else keys[:MOST_ITEMS]
    rest = [k for k in keys if k not in shown]
    colour = {k: PALETTE[i % len(PALETTE)] for i, k in enumerate(shown)}
    years = list(data.years)
    fig = Drawing(12, 6.5)
    ax = fig.add_subplot()
    bottom = dict.fromkeys(years, 0)
    stacks = [(k, [k]) for k in shown] + ([("other", rest)] if rest else [])
    for stack, members in stacks:
        heights = [sum(data.counts.get((y, k), 0) for k in members) for y in years]
        bars = ax.bar(years, heights, bottom=[bottom[y] for y in years], width=0.8,
                      color=colour.get(stack, GREY), edgecolor="white", linewidth=0.6)
        for year, height, patch in zip(years, heights, bars.patches, strict=True):
            if not height:
                continue
            if height >= 1:
                ax.text(year, bottom[year] + height / 2, str(height), ha="center",
                        va="center", fontsize=7, color=ink(colour.get(stack, GREY)))
            what = (", ".join(f"{data.names[k]} {data.counts[year, k]}" for k in members
                              if (year, k) in data.counts) if stack == "other"
                    else data.names[stack])
            fig.tooltip(patch, f"supplies-{year}-{keys.index(members[0])}",
                        f"{year}: {what}: {height} contribution(s) in kind")
            bottom[year] += height
    for year in years:
        if data.contributions.get(year):
            ax.text(year, bottom[year] + 0.08, f"{data.contributions[year]}", ha="center",
                    va="bottom", fontsize=7.5, fontweight="bold")
    ax.set_xticks(years, [str(y) if y % 2 == 0 else "" for y in years])
    ax.set_xticks(years, minor=True)
    ax.set_xlim(years[0] - 0.7, years[-1] + 0.7)
    ax.set_ylim(0, max(bottom.values()) * 1.12 + 0.5)
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("Year of the Cabinet decision")
    if data.by == "recipient":
        ax.set_ylabel("Contributions in kind (by recipient)")
        legend_title = "Recipient"
        labels = {k: wrap(k if data.names[k] == k else f"{data.names[k]}: {k}", 48)
                  for k in shown}
    else:
        ax.set_ylabel("Contributions in kind giving the item type\n(a contribution counts "
                      "once per item type)")
        legend_title = "Item type"
        labels = {k: k for k in shown}
    handles = [Patch(color=colour[k], label=labels[k]) for k in shown]
    if rest:
        handles.append(Patch(color=GREY, label=f"{len(rest)} other item types"))
    ax.legend(handles=handles, title=legend_title, loc="upper left", bbox_to_anchor=(1.01, 1),
              fontsize=7.5, title_fontsize=8, alignment="left")
    ax.grid(axis="y", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    total = sum(data.contributions.values())
    stacked = "recipient" if data.by == "recipient" else "item type"
    title = (f"Japan's contributions in kind per year, by {stacked} ({total} contributions, "
             f"{years[0]}{DASH}{years[-1]})")
    note = "The bold number above each bar is the number of contributions decided that year."
    if data.undated:
        note += (" Not drawn, since the documents give no decision date: "
                 + "; ".join(data.undated) + ".")
    return fig.finish(title, sources_line(data.documents), note)


FIGURE = FigureSpec(
    name="supplies",
    title="Contributions in kind per year, stacked by recipient or item type",
    description="Japan's contributions in kind counted per year of their Cabinet decision, "
                "stacked by recipient (by=recipient) or by item type (by=item, a contribution "
                "counting once under each item type it gives); the counts are those of the "
                "contributions-in-kind saved query.",
    data=supplies_data,
    draw=draw_supplies,
    params=(Param("by", KINDS["string"], "recipient",
                  "Stack by recipient or by item type: recipient or item"),),
    choices={"by": BY},
    examples=("pkograph plot supplies -o supplies.svg",
              "pkograph plot supplies --param by=item -o supplies-by-item.png"),
)
