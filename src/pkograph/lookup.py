"""Finding things by the names people type: ``pkograph find`` and name-valued query parameters.

Every name of a thing counts — ``rdfs:label``, ``skos:prefLabel``, ``skos:altLabel``,
``pko:acronym`` and ``pko:formerName`` — compared after folding case, accents, punctuation and
word order (:func:`pkograph.names.words`), so "hasegawa sukehiro", "Sukehiro Hasegawa" and
"sukehiro-hasegawa" are one name. Matches are ranked: the whole name, then every word typed,
then words typed as the beginning or a part of a name's words. A parameter takes a name only
when one thing is the best match; otherwise the candidates are shown and nothing is guessed.

Each lookup asks the store (:class:`~pkograph.store.base.GraphStore`, embedded or remote) for
the things whose names can match, with one targeted query, and ranks them here; an IRI is
checked with one ASK. No index of every name is built.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import Literal, URIRef
from rdflib.term import Node

from pkograph.iri import ID
from pkograph.names import words
from pkograph.output import expand, shorten
from pkograph.store.base import GraphStore

EXACT, ALL_WORDS, PARTIAL = 0, 1, 2
_NOT_IN_IRI = re.compile(r'[\x00-\x20<>"{}|^`\\]')
RANK_NAMES = {EXACT: "exact", ALL_WORDS: "all words", PARTIAL: "partial"}

_PROPERTIES = "rdfs:label skos:prefLabel skos:altLabel pko:acronym pko:formerName"

# Things with a name that holds the query's longest word, or any non-ASCII letter (whose
# folding SPARQL cannot do): a superset of the matches, ranked in Python by the folded words.
_CANDIDATES = f"""
SELECT ?thing ?name ?property WHERE {{
  {{ SELECT DISTINCT ?thing WHERE {{
      VALUES ?some {{ {_PROPERTIES} }}
      ?thing ?some ?candidate .
      FILTER(isIRI(?thing) && STRSTARTS(STR(?thing), "{ID}"))
      FILTER(CONTAINS(LCASE(STR(?candidate)), ?key) || REGEX(STR(?candidate), "[^\\u0000-\\u007F]"))
  }} }}
  VALUES ?property {{ {_PROPERTIES} }}
  ?thing ?property ?name .
}}"""

_TYPES = """
SELECT DISTINCT ?thing ?type ?scheme WHERE {
  VALUES ?thing { %s }
  ?thing a ?type .
  OPTIONAL { ?thing skos:inScheme ?scheme }
}"""

_CLASSES = """
SELECT DISTINCT ?class ?label ?super WHERE {
  GRAPH <https://w3id.org/pkograph/ontology> { ?class a owl:Class }
  OPTIONAL { GRAPH <https://w3id.org/pkograph/ontology> { ?class rdfs:label ?label } }
  OPTIONAL { GRAPH <https://w3id.org/pkograph/ontology> { ?class rdfs:subClassOf+ ?super } }
}"""

class LookupFailed(Exception):
    """Base of the errors of name resolution (usage errors: exit code 2)."""


class NameNotFound(LookupFailed):
    """No thing of the requested kind has this name."""


class AmbiguousName(LookupFailed):
    """Several things match the name equally well."""

    def __init__(self, message: str, candidates: list[Match]) -> None:
        super().__init__(message)
        self.candidates = candidates


@dataclass
class Entry:
    """One thing of the graph with its names and classes."""

    iri: URIRef
    label: str = ""
    names: list[str] = field(default_factory=list)
    types: set[URIRef] = field(default_factory=set)
    schemes: set[URIRef] = field(default_factory=set)


@dataclass(frozen=True)
class Match:
    """A thing found by a name: how well it matched and what it is."""

    iri: URIRef
    label: str
    type: str
    rank: int
    name: str  # the name that matched best (the label, an alias or an acronym)


def rank(query: list[str], name: list[str]) -> int | None:
    """How well the folded words of a query match those of one name, or None."""
    if not query or not name:
        return None
    if sorted(query) == sorted(name):
        return EXACT
    present = set(name)
    if all(q in present for q in query):
        return ALL_WORDS
    if all(any(q in n for n in name) for q in query):
        return PARTIAL
    return None


class NameLookup:
    """Finds things of a store by the names people type, with a targeted query per name (no
    index of every name is built)."""

    def __init__(self, store: GraphStore) -> None:
        self.store = store
        self._classes: tuple[dict[URIRef, str], dict[URIRef, set[URIRef]]] | None = None

    def _hierarchy(self) -> tuple[dict[URIRef, str], dict[URIRef, set[URIRef]]]:
        """The ontology's class labels and each class's superclasses (read once)."""
        if self._classes is None:
            labels: dict[URIRef, str] = {}
            ancestors: dict[URIRef, set[URIRef]] = defaultdict(set)
            for row in self.store.select(_CLASSES):
                cls = URIRef(str(row["class"]))
                if row.get("label") is not None:
                    labels[cls] = str(row["label"])
                if row.get("super") is not None:
                    ancestors[cls].add(URIRef(str(row["super"])))
            self._classes = (labels, ancestors)
        return self._classes

    def _entries(self, key: str) -> dict[URIRef, Entry]:
        entries: dict[URIRef, Entry] = {}
        for row in self.store.select(_CANDIDATES, {"key": Literal(key)}):
            iri = URIRef(str(row["thing"]))
            entry = entries.setdefault(iri, Entry(iri))
            name = str(row["name"])
            if str(row["property"]).endswith(("#label", "#prefLabel")) and (
                    not entry.label or name < entry.label):
                entry.label = name
            if name not in entry.names:
                entry.names.append(name)
        for entry in entries.values():  # the label first, then the others in order
            entry.names.sort(key=lambda n: (n != entry.label, n))
        iris = sorted(entries)
        for i in range(0, len(iris), 500):
            values = " ".join(f"<{iri}>" for iri in iris[i : i + 500])
            for row in self.store.select(_TYPES % values):
                entry = entries[URIRef(str(row["thing"]))]
                entry.types.add(URIRef(str(row["type"])))
                if row.get("scheme") is not None:
                    entry.schemes.add(URIRef(str(row["scheme"])))
        return entries

    def classes(self, entry: Entry) -> set[URIRef]:
        """The classes of a thing, with every superclass the ontology gives them."""
        _, ancestors = self._hierarchy()
        out = set(entry.types)
        for t in entry.types:
            out |= ancestors.get(t, set())
        return out

    def type_label(self, entry: Entry) -> str:
        """The labels of a thing's most specific classes."""
        labels, ancestors = self._hierarchy()
        implied = set().union(*(ancestors.get(t, set()) for t in entry.types))
        specific = sorted(labels.get(t, str(t)) for t in entry.types if t not in implied)
        return ", ".join(specific)

    def _of_kind(self, entry: Entry, cls: URIRef | None, scheme: URIRef | None) -> bool:
        if cls is not None and cls not in self.classes(entry):
            return False
        return scheme is None or scheme in entry.schemes

    def find(self, text: str, cls: URIRef | None = None,
             scheme: URIRef | None = None) -> list[Match]:
        """Things known by this name, best matches first."""
        query = words(text)
        if not query:
            return []
        found: list[tuple[int, int, str, Entry, str]] = []
        for entry in self._entries(max(query, key=len)).values():
            if not entry.names or not self._of_kind(entry, cls, scheme):
                continue
            scored = [(r, i, n) for i, n in enumerate(entry.names)
                      if (r := rank(query, words(n))) is not None]
            if not scored:
                continue
            best, _, name = min(scored)  # best rank; on a tie, the name listed first
            found.append((best, 0 if name == entry.label else 1, entry.label.lower(), entry, name))
        found.sort(key=lambda item: item[:3])
        return [Match(e.iri, e.label or str(e.iri), self.type_label(e), r, n)
                for r, _, _, e, n in found]

    def is_a(self, iri: URIRef, cls: URIRef | None = None, scheme: URIRef | None = None) -> bool:
        """Whether the graph describes ``iri`` as a thing of the class and scheme (one ASK)."""
        bindings: dict[str, Node] = {"thing": iri}
        patterns = ["?thing ?p ?o"]
        if cls is not None:
            bindings["class"] = cls
            patterns.append("?thing a ?type . ?type rdfs:subClassOf* ?class")
        if scheme is not None:
            bindings["scheme"] = scheme
            patterns.append("?thing skos:inScheme ?scheme")
        return self.store.ask("ASK { " + " . ".join(patterns) + " }", bindings)

    def resolve(self, text: str, kind: str, cls: URIRef | None = None,
                scheme: URIRef | None = None) -> URIRef:
        """The one thing of a kind a name or IRI designates; raises if none or several do."""
        iri = as_iri(text)
        if iri is not None:
            if not self.is_a(iri, cls, scheme):
                raise NameNotFound(f"no {kind} has the IRI {text}")
            return iri
        matches = self.find(text, cls, scheme)
        if not matches:
            raise NameNotFound(f"no {kind} is named {text!r} (try: pkograph find {text!r})")
        best = [m for m in matches if m.rank == matches[0].rank]
        if len(best) > 1:
            raise AmbiguousName(f"{text!r} names {len(best)} things of kind {kind}; give a fuller "
                                "name or one of these IRIs", best)
        return best[0].iri


def as_iri(text: str) -> URIRef | None:
    """An IRI given in full (``<...>`` or ``https://...``) or prefixed (``id:person/...``).

    None for anything else, including text holding characters no IRI may contain.
    """
    text = text.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    elif not text.startswith(("http://", "https://")):
        text = expand(text) or ""
    if not text or _NOT_IN_IRI.search(text):
        return None
    return URIRef(text)


def describe_matches(matches: Iterable[Match]) -> list[str]:
    """One line per candidate, for error messages."""
    return [f"  {m.label}  ({m.type})  {shorten(str(m.iri))}" for m in matches]
