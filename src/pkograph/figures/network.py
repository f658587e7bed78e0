"""``network``: a person and what the graph links to them within two steps.

The things drawn are people, organizations, missions, events, programmes, peace processes,
places, dispatches, laws and documents. Two things are linked by a post (the holder and the
organization, the link named by the post's role, else its title as the source words it; and
"post concerning" the peace process or place a post concerns) or by a statement of an object
property between them (a speaker of an event, the proposer of a programme...), the link
named by the property. Step 1 is what is linked to the person, step 2 what is linked to those.

A large organization brings many things at step 2 (the Government of Japan is linked to
dozens), so each step-1 thing shows at most :data:`MOST_SHOWN` of its step-2 things, those
linked to more of the person's neighbours and people first, and gathers the rest in one node
that says how many of each kind it stands for. The layout is radial: the person in the centre,
step 1 around, step 2 outside, each step-1 thing's sector sized by what it shows; networkx
then relaxes the outer ring with a fixed seed, so the same graph gives the same picture.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field

import networkx as nx
from matplotlib.lines import Line2D
from rdflib.term import Node

from pkograph.figures.common import (
    GREY,
    PALETTE,
    Drawing,
    FigureSpec,
    NoData,
    select,
    shorten,
    sources_line,
    text,
    wrap,
)
from pkograph.queries import KINDS, Param
from pkograph.store.base import GraphStore

#: The kinds of things drawn, most specific first (a mission is also an organization).
NODE_KINDS = ("person", "mission", "organization", "event", "programme", "peace process",
              "place", "dispatch", "law or agreement", "document")

#: Every thing of a kind drawn, with its label and acronym.
NODES = """
SELECT DISTINCT ?thing ?kind ?label ?acronym WHERE {
  VALUES (?class ?kind) {
    (foaf:Person "person") (pko:Mission "mission") (org:Organization "organization")
    (pko:Event "event") (pko:Programme "programme") (pko:PeaceProcess "peace process")
    (pko:Place "place") (pko:Dispatch "dispatch") (pko:Instrument "law or agreement")
    (pko:SourceDocument "document")
  }
  ?thing a/rdfs:subClassOf* ?class ; rdfs:label ?label .
  OPTIONAL { ?thing pko:acronym ?acronym }
}
"""

#: Every link between two things, named, with the documents that state it.
LINKS = """
SELECT DISTINCT ?a ?b ?link ?document_label WHERE {
  {
    ?post org:member ?a ; org:organization ?b .
    GRAPH ?citation { ?post a org:Membership }
    OPTIONAL { GRAPH ?citation { ?post org:role ?role } ?role skos:prefLabel ?role_label }
    OPTIONAL { GRAPH ?citation { ?post pko:title ?title } }
    BIND(COALESCE(STR(?role_label), STR(?title), "post") AS ?link)  # see UNNAMED_POST
  }
  UNION
  {
    ?post org:member ?a .
    GRAPH ?citation { ?post pko:concerns ?b }
    BIND("post concerning" AS ?link)
  }
  UNION
  {
    GRAPH ?citation { ?a ?property ?b }
    FILTER(isIRI(?b) && ?property NOT IN (prov:wasDerivedFrom, dcterms:isPartOf, rdf:type))
    ?property a owl:ObjectProperty ; rdfs:label ?property_label .
    BIND(STR(?property_label) AS ?link)
  }
  ?citation dcterms:isPartOf/rdfs:label ?document_label .
}
"""

#: The most step-2 things drawn for one step-1 thing; the others are counted in one node.
MOST_SHOWN = 6
MORE = "more"
UNNAMED_POST = "post"  # the name of a post whose source gives neither role nor title
SEED = 1992
COLOURS = dict(zip(NODE_KINDS, PALETTE, strict=False)) | {MORE: GREY}


@dataclass(frozen=True)
class Thing:
    """A node: a thing of the graph (or the count of those not drawn), at its step."""

    iri: str
    label: str
    kind: str
    step: int
    short: str = ""  # the acronym, where it has one
    hidden: Mapping[str, int] = field(default_factory=dict)  # for a MORE node: kind -> count

    @property
    def name(self) -> str:
        """The name drawn: an acronym for a long organization name, else the label."""
        if self.kind == MORE:
            return self.label
        if self.short and len(self.label) > 28:
            return self.short
        return self.label


@dataclass(frozen=True)
class Link:
    """An edge: two things, what links them, and the documents that say so."""

    a: str
    b: str
    links: tuple[str, ...]
    documents: tuple[str, ...]


@dataclass(frozen=True)
class NetworkData:
    """The rows the figure draws: the person, the things and links shown, and the counts."""

    person: Thing
    things: tuple[Thing, ...]  # the person first, then step 1, then step 2
    links: tuple[Link, ...]
    within: Mapping[int, int]  # step -> how many things the graph links at that step
    documents: tuple[str, ...]

    def at(self, step: int) -> list[Thing]:
        return [t for t in self.things if t.step == step]


def link_graph(store: GraphStore) -> tuple[nx.Graph, dict[str, Thing]]:
    """The graph of things and their links, as asked of the store."""
    things: dict[str, Thing] = {}
    for row in select(store, NODES):  # in order: the first label and acronym of each thing
        iri, kind = str(row["thing"]), str(row["kind"])
        known = things.get(iri)
        if known is None:
            things[iri] = Thing(iri, str(row["label"]), kind, -1, text(row.get("acronym")) or "")
        elif NODE_KINDS.index(kind) < NODE_KINDS.index(known.kind):
            things[iri] = Thing(iri, known.label, kind, -1, known.short)
    graph = nx.Graph()
    for row in select(store, LINKS):
        a, b = str(row["a"]), str(row["b"])
        if a == b or a not in things or b not in things:
            continue
        if not graph.has_edge(a, b):
            graph.add_edge(a, b, links=set(), documents=set())
        graph.edges[a, b]["links"].add(str(row["link"]))
        if len(graph.edges[a, b]["links"]) > 1:  # a named post needs no "post"
            graph.edges[a, b]["links"].discard(UNNAMED_POST)
        graph.edges[a, b]["documents"].add(str(row["document_label"]))
    return graph, things


def most_connected_person(store: GraphStore) -> tuple[str, str, int]:
    """The person linked to the most things (then reaching the most in two steps, then by
    label): their IRI, label and number of linked things."""
    graph, things = link_graph(store)
    people = [t for t in things.values() if t.kind == "person" and t.iri in graph]
    if not people:
        raise NoData("the graph links no person to anything")
    best = min(people, key=lambda t: (-graph.degree[t.iri],
                                      -len(nx.ego_graph(graph, t.iri, radius=2)), t.label))
    return best.iri, best.label, graph.degree[best.iri]


def network_data(store: GraphStore, values: Mapping[str, Node]) -> NetworkData:
    graph, things = link_graph(store)
    person = str(values["person"])
    label = things[person].label if person in things else person
    if person not in graph:
        raise NoData(f"the graph links {label} to nothing (no post, event or other statement "
                     "naming them): there is no network to draw")
    steps = nx.single_source_shortest_path_length(graph, person, cutoff=2)
    first = sorted((t for t, s in steps.items() if s == 1), key=lambda t: _order(things[t]))
    shown_first = set(first)
    placed: dict[str, Thing] = {person: _at(things[person], 0)}
    placed |= {t: _at(things[t], 1) for t in first}
    children = {parent: sorted((c for c in graph[parent] if steps.get(c) == 2),
                               key=lambda c: (-len(set(graph[c]) & shown_first),
                                              things[c].kind != "person", _order(things[c])))
                for parent in first}
    for parent in first:
        shown = [c for c in children[parent] if c in placed][:MOST_SHOWN]
        for child in children[parent]:
            if child not in placed and len(shown) < MOST_SHOWN:
                placed[child] = _at(things[child], 2)
                shown.append(child)
    hidden_by: dict[str, Counter[str]] = {}
    counted: set[str] = set()
    for parent in first:  # each thing not drawn is counted once, by the first of its parents
        rest = [c for c in children[parent] if c not in placed and c not in counted]
        counted.update(rest)
        if rest:
            hidden_by[parent] = Counter(things[c].kind for c in rest)
    drawn: list[Link] = []
    for a, b, data in graph.edges(data=True):
        if a in placed and b in placed and {placed[a].step, placed[b].step} != {2}:
            x, y = sorted((a, b), key=lambda n: (placed[n].step, n))
            drawn.append(Link(x, y, tuple(sorted(data["links"])),
                              tuple(sorted(data["documents"]))))
    for parent, counts in hidden_by.items():
        more = Thing(f"{MORE}:{parent}", _more_label(counts), MORE, 2,
                     hidden=dict(sorted(counts.items())))
        placed[more.iri] = more
        drawn.append(Link(parent, more.iri, (), ()))
    within = Counter(steps.values())
    ordered = sorted(placed.values(), key=lambda t: (t.step, _order(t)))
    return NetworkData(placed[person], tuple(ordered), tuple(sorted(drawn, key=_link_order)),
                       {1: within[1], 2: within[2]},
                       tuple(sorted({d for link in drawn for d in link.documents})))


def _at(thing: Thing, step: int) -> Thing:
    return Thing(thing.iri, thing.label, thing.kind, step, thing.short)


def _order(thing: Thing) -> tuple[int, str, str]:
    kind = NODE_KINDS.index(thing.kind) if thing.kind in NODE_KINDS else len(NODE_KINDS)
    return kind, thing.label.lower(), thing.iri


def _link_order(link: Link) -> tuple[str, str]:
    return link.a, link.b


def _more_label(counts: Mapping[str, int]) -> str:
    total = sum(counts.values())
    parts = ", ".join(f"{n} {_plural(kind, n)}" for kind, n in
                      sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    return f"+{total} more: {parts}"


def _plural(kind: str, n: int) -> str:
    if n == 1:
        return kind
    return {"person": "people", "peace process": "peace processes",
            "law or agreement": "laws or agreements"}.get(kind, kind + "s")


# --- drawing -----------------------------------------------------------------------------------

def layout(data: NetworkData) -> tuple[dict[str, tuple[float, float]], dict[str, str]]:
    """Radial positions, and the step-1 thing each step-2 thing is drawn beside.

    A spring layout of the drawn graph (networkx, fixed seed) decides the order around the
    person, so that step-1 things sharing step-2 things sit side by side; then each step-1
    thing gets a sector sized by the step-2 things drawn beside it, on an outer ring."""
    graph = nx.Graph()
    graph.add_nodes_from(t.iri for t in data.things)
    graph.add_edges_from((link.a, link.b) for link in data.links)
    spring = nx.spring_layout(graph, seed=SEED)
    centre = spring[data.person.iri]

    def angle(node: str) -> float:
        x, y = spring[node] - centre
        return math.atan2(y, x)

    first = sorted(data.at(1), key=lambda t: (angle(t.iri), t.iri))
    rank = {t.iri: i for i, t in enumerate(first)}
    parent_of: dict[str, str] = {}
    for thing in data.at(2):
        parents = [n for n in graph[thing.iri] if n in rank]
        parent_of[thing.iri] = min(parents, key=lambda p: (-_shared(graph, thing.iri, p),
                                                           rank[p]))
    children = {t.iri: sorted((c for c, p in parent_of.items() if p == t.iri),
                              key=lambda c: (c.startswith(MORE), _turn(angle(c), angle(t.iri)),
                                             c))
                for t in first}
    weights = [max(2.5, len(children[t.iri])) for t in first]  # room for a step-1 name
    total = sum(weights)
    pos: dict[str, tuple[float, float]] = {data.person.iri: (0.0, 0.0)}
    start = math.pi / 2
    for thing, weight in zip(first, weights, strict=True):
        sector = 2 * math.pi * weight / total
        middle = start - sector / 2
        pos[thing.iri] = (1.6 * math.cos(middle), 1.6 * math.sin(middle))
        kids = children[thing.iri]
        for k, child in enumerate(kids):
            turn = start - sector * (k + 0.5) / len(kids)
            radius = 3.3 + (0.55 if k % 2 and len(kids) > 2 else 0.0)
            pos[child] = (radius * math.cos(turn), radius * math.sin(turn))
        start -= sector
    return pos, parent_of


def _shared(graph: nx.Graph, node: str, parent: str) -> int:
    return len(set(graph[node]) & set(graph[parent]))


def _turn(angle: float, around: float) -> float:
    """An angle relative to another, in (-pi, pi], clockwise first (the drawing order)."""
    return -((angle - around + math.pi) % (2 * math.pi) - math.pi)


def draw_network(data: NetworkData) -> Drawing:
    pos, parent_of = layout(data)
    xs = [p[0] for p in pos.values()]
    ys = [p[1] for p in pos.values()]
    width = 10 if len(data.things) < 20 else 12 if len(data.things) < 40 else 14
    across, high = max(xs) - min(xs) + 4.6, max(ys) - min(ys) + 1.0
    fig = Drawing(width, width * high / across + 1.8)
    ax = fig.add_subplot()
    ax.set_aspect("equal")
    ax.axis("off")
    steps = {t.iri: t.step for t in data.things}
    for link in data.links:
        (x1, y1), (x2, y2) = pos[link.a], pos[link.b]
        outer = steps[link.a] + steps[link.b] >= 2
        main = not outer or parent_of.get(link.b) == link.a or parent_of.get(link.a) == link.b
        ax.plot([x1, x2], [y1, y2], color="#777777" if not outer else "#aaaaaa",
                linewidth=1.5 if not outer else 0.8 if main else 0.5,
                alpha=1.0 if main else 0.3, zorder=1,
                linestyle=":" if link.b.startswith(MORE) else "-")
        if link.links and main:
            words = shorten(" / ".join(link.links), 70 if not outer else 40)
            at = 0.6 if not outer else 0.55
            ax.text(x1 + (x2 - x1) * at, y1 + (y2 - y1) * at,
                    wrap(words, 24 if not outer else 20),
                    fontsize=7 if not outer else 5.8, ha="center", va="center",
                    color="#222222" if not outer else "#666666", zorder=3,
                    bbox={"boxstyle": "round,pad=0.15", "facecolor": "white",
                          "edgecolor": "none", "alpha": 0.85})
    for index, thing in enumerate(data.things):
        x, y = pos[thing.iri]
        colour = COLOURS.get(thing.kind, GREY)
        marker = {0: 420, 1: 200, 2: 80}[thing.step]
        dot = ax.scatter([x], [y], s=marker, color=colour, zorder=4, edgecolors="white",
                         linewidths=1)
        fig.tooltip(dot, f"network-{index}", f"{thing.label} ({thing.kind})")
        if thing.step == 0:
            ax.text(x, y - 0.22, wrap(thing.label, 24), ha="center", va="top", fontsize=11,
                    fontweight="bold", zorder=5,
                    bbox={"boxstyle": "round,pad=0.2", "facecolor": "white",
                          "edgecolor": "none", "alpha": 0.85})
        elif thing.step == 1:  # beside the node, away from the person
            dx, dy = x / math.hypot(x, y), y / math.hypot(x, y)
            ax.text(x + 0.2 * dx, y + 0.2 * dy, wrap(shorten(thing.name, 64), 22),
                    ha="left" if dx > 0.3 else "right" if dx < -0.3 else "center",
                    va="bottom" if dy > 0.3 else "top" if dy < -0.3 else "center",
                    fontsize=8.5, fontweight="bold", zorder=5,
                    bbox={"boxstyle": "round,pad=0.15", "facecolor": "white",
                          "edgecolor": "none", "alpha": 0.85})
        else:
            right = x >= 0
            name = wrap(thing.name if thing.kind == MORE else shorten(thing.name, 64), 26)
            ax.text(x + (0.12 if right else -0.12), y, name, ha="left" if right else "right",
                    va="center", fontsize=7, zorder=5,
                    color="#555555" if thing.kind == MORE else "#111111")
    ax.set_xlim(min(xs) - 2.3, max(xs) + 2.3)
    ax.set_ylim(min(ys) - 0.5, max(ys) + 0.5)
    kinds = [k for k in (*NODE_KINDS, MORE) if any(t.kind == k for t in data.things)]
    handles = [Line2D([], [], marker="o", linestyle="", color=COLOURS[k], markersize=8,
                      label="not drawn, counted" if k == MORE else k) for k in kinds]
    handles.append(Line2D([], [], color="#777777", label="link, named by the role of a post "
                                                         "or by the statement"))
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.5, 0.0),
              ncols=min(len(handles), 6), fontsize=8)
    title = (f"{data.person.label}: what the graph links to this person within two steps "
             f"({data.within[1]} things at one step, {data.within[2]} at two)")
    note = ("Step 1 (bold names) is linked to the person by a post, named by its role or title, "
            "or by a statement; step 2 is linked to step 1, and a faint line joins a step-2 "
            f"thing to another step-1 thing it is linked to. At most {MOST_SHOWN} step-2 things "
            "are drawn beside each step-1 thing; a grey node counts the others.")
    return fig.finish(title, sources_line(data.documents), note)


FIGURE = FigureSpec(
    name="network",
    title="A person's network: what the graph links to them within two steps",
    description="The person, what the graph links to them (posts, named by role, and "
                "statements such as speaker or proposer) and what is linked to those: "
                "organizations, missions, events, programmes, peace processes, places and "
                "other people, coloured by kind. Large step-2 fans are counted in one node.",
    data=network_data,
    draw=draw_network,
    params=(Param("person", KINDS["person"], "Yasushi Akashi",
                  "The person: a name (any word order), an IRI or id:person/..."),),
    examples=("pkograph plot network --param person=Akashi -o akashi.svg",),
)
