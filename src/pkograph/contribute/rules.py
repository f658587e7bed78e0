"""The rules a contribution keeps besides the SHACL shapes: what SHACL alone cannot check.

- KnownTerms: every property, class and datatype used is declared (see ``vocabulary``), and so
  is every ``pko:`` term in any position;
- ResolvedReference: every IRI a triple points to is described, in the graph or in the
  contribution (a misspelt id is reported, not stored as a dangling link);
- NoBlankNodes: every node has an IRI, so it can be referred to, merged and de-duplicated;
- PkographIRI: a new thing is named ``https://w3id.org/pkograph/id/{kind}/{slug}``;
- WellTypedLiteral: a literal's text is valid for its datatype (``"abc"^^xsd:integer`` is not);
- NoLikelyDuplicate: a new thing does not have the name of a thing of its type (or a narrower
  one) that the graph already holds (names compared with ``pkograph.names.fold_name``, as
  ``pkograph find`` compares them); describe the existing IRI instead. Nor does it have the
  name of another new thing of the contribution of its type, a narrower or a broader one: two
  IRIs for one thing would be added together;
- PortableText: a literal holds no character that some output format cannot carry (U+0000 and
  the other control characters XML 1.0 excludes): RDF/XML with them is not well-formed.

Citations (rule CitedStatement) are checked while placing triples in graphs (``provenance``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS
from rdflib.term import Node

from pkograph.contribute.findings import Located, contribution_finding
from pkograph.contribute.read import Statement
from pkograph.contribute.vocabulary import Vocabulary, in_project_vocabulary
from pkograph.iri import ID, SLUG
from pkograph.names import fold_name
from pkograph.namespaces import PKO
from pkograph.output import term_text
from pkograph.text import UNPORTABLE, codepoints

LABELS = (RDFS.label, SKOS.prefLabel)
#: Every predicate that names a thing, as ``pkograph find`` reads them.
NAMES = (*LABELS, SKOS.altLabel, PKO.acronym, PKO.formerName)


def known_terms(statements: list[Statement], vocabulary: Vocabulary) -> list[Located]:
    out: list[Located] = []
    v = vocabulary
    for st in statements:
        s, p, o = st.subject, st.predicate, st.object
        if not v.is_property(p):
            what = ("a class, not a property" if p in v.classes else
                    "not a property" if v.is_declared(p) else
                    f"an unknown property: the ontology does not declare it"
                    f"{v.suggestion(p, v.properties)}")
            out.append(contribution_finding("KnownTerms", s, p, None, st.origin,
                                            f"{term_text(p)} is {what}"))
        if p == RDF.type and isinstance(o, URIRef) and not v.is_class(o):
            what = ("a property, not a class" if o in v.properties else
                    "not a class" if v.is_declared(o) else
                    f"an unknown class: the ontology does not declare it"
                    f"{v.suggestion(o, v.classes)}")
            out.append(contribution_finding("KnownTerms", s, p, o, st.origin,
                                            f"{term_text(o)} is {what}"))
        elif isinstance(o, URIRef) and in_project_vocabulary(o) and not v.is_declared(o):
            out.append(contribution_finding("KnownTerms", s, p, o, st.origin,
                                            f"{term_text(o)} is not a term of the ontology"
                                            f"{v.suggestion(o, v.declared)}"))
        if isinstance(o, Literal) and o.datatype is not None and not v.is_declared(o.datatype):
            out.append(contribution_finding("KnownTerms", s, p, o, st.origin,
                                            f"unknown datatype {term_text(o.datatype)}"))
    return out


def resolved_references(statements: list[Statement], vocabulary: Vocabulary,
                        described: Callable[[URIRef], bool]) -> list[Located]:
    """Objects (other than classes and ontology terms) must be described somewhere."""
    subjects = {st.subject for st in statements}
    out: list[Located] = []
    for st in statements:
        o = st.object
        if (st.predicate == RDF.type or not isinstance(o, URIRef) or o in subjects
                or vocabulary.is_declared(o) or described(o)):
            continue
        out.append(contribution_finding(
            "ResolvedReference", st.subject, st.predicate, o, st.origin,
            f"{term_text(o)} is neither in the graph nor described in the contribution "
            "(a misspelt id?)"))
    return out


def no_blank_nodes(statements: list[Statement]) -> list[Located]:
    out: list[Located] = []
    for st in statements:
        if isinstance(st.subject, BNode) or isinstance(st.object, BNode):
            out.append(contribution_finding(
                "NoBlankNodes", st.subject, st.predicate, st.object, st.origin,
                "a blank node cannot be referred to, merged or de-duplicated: give the thing "
                "an IRI (https://w3id.org/pkograph/id/{kind}/{slug})"))
    return out


def _is_pkograph_id(iri: URIRef) -> bool:
    parts = str(iri)[len(ID):].split("/") if str(iri).startswith(ID) else []
    return len(parts) >= 2 and all(SLUG.match(part) for part in parts)


def pkograph_iris(statements: list[Statement], new: set[Node]) -> list[Located]:
    out: list[Located] = []
    seen: set[Node] = set()
    for st in statements:
        s = st.subject
        if s in new and s not in seen and isinstance(s, URIRef) and not _is_pkograph_id(s):
            seen.add(s)
            out.append(contribution_finding(
                "PkographIRI", s, None, None, st.origin,
                f"a new thing is named https://w3id.org/pkograph/id/{{kind}}/{{slug}} "
                f"(lower-case words joined by hyphens), not {term_text(s)}"))
    return out


def well_typed_literals(statements: list[Statement]) -> list[Located]:
    out: list[Located] = []
    for st in statements:
        o = st.object
        if isinstance(o, Literal) and o.ill_typed:
            out.append(contribution_finding(
                "WellTypedLiteral", st.subject, st.predicate, o, st.origin,
                f"{str(o)!r} is not a valid {term_text(o.datatype)}"))
    return out


def new_things(statements: list[Statement], described: Callable[[URIRef], bool]) -> set[Node]:
    """The subjects the graph does not describe yet."""
    return {st.subject for st in statements
            if not (isinstance(st.subject, URIRef) and described(st.subject))}


def labelled_new_things(statements: list[Statement],
                        new: set[Node]) -> dict[Node, tuple[set[Node], list[Statement]]]:
    """For each new thing with a label: its types and its label statements."""
    types: dict[Node, set[Node]] = defaultdict(set)
    labels: dict[Node, list[Statement]] = defaultdict(list)
    for st in statements:
        if st.subject not in new:
            continue
        if st.predicate == RDF.type:
            types[st.subject].add(st.object)
        elif st.predicate in LABELS and isinstance(st.object, Literal):
            labels[st.subject].append(st)
    return {s: (types[s], labels[s]) for s in labels if types[s]}


def likely_duplicates(labelled: dict[Node, tuple[set[Node], list[Statement]]],
                      existing: list[tuple[URIRef, URIRef, str]]) -> list[Located]:
    """New things with the type and (folded) name of an existing thing."""
    by_key: dict[tuple[Node, str], set[URIRef]] = defaultdict(set)
    for thing, rdf_type, name in existing:
        by_key[(rdf_type, fold_name(name))].add(thing)
    out: list[Located] = []
    for subject, (types, label_statements) in labelled.items():
        for st in label_statements:
            key = fold_name(str(st.object))
            matches = sorted({t for c in types for t in by_key.get((c, key), set())} - {subject})
            if matches:
                shown = ", ".join(term_text(m) for m in matches)
                out.append(contribution_finding(
                    "NoLikelyDuplicate", subject, st.predicate, st.object, st.origin,
                    f"likely duplicate of {shown} (same type and name): describe that IRI "
                    "instead of a new one"))
    return out


def duplicates_within(statements: list[Statement], new: set[Node],
                      broader: Callable[[Node], frozenset[Node]]) -> list[Located]:
    """New things named like a new thing written before them in the contribution, of the same
    type or of a narrower or broader one (``broader``: a class and every class above it)."""
    types: dict[Node, set[Node]] = defaultdict(set)
    names: dict[Node, dict[str, Statement]] = defaultdict(dict)
    labels: dict[Node, list[Statement]] = defaultdict(list)
    order: dict[Node, int] = {}
    for st in statements:
        if st.subject not in new:
            continue
        order.setdefault(st.subject, len(order))
        if st.predicate == RDF.type:
            types[st.subject].add(st.object)
        elif st.predicate in NAMES and isinstance(st.object, Literal):
            names[st.subject].setdefault(fold_name(str(st.object)), st)
            if st.predicate in LABELS:
                labels[st.subject].append(st)
    named: dict[str, list[Node]] = defaultdict(list)  # things by name, in the order written
    for thing in sorted(names, key=order.__getitem__):
        for key in names[thing]:
            named[key].append(thing)

    def related(a: Node, b: Node) -> bool:
        return any(x in broader(y) or y in broader(x) for x in types[a] for y in types[b])

    out: list[Located] = []
    for later in sorted(labels, key=order.__getitem__):
        for st in labels[later]:
            key = fold_name(str(st.object))
            earlier = next((e for e in named[key]
                            if order[e] < order[later] and related(e, later)), None)
            if earlier is not None:
                first = names[earlier][key]
                out.append(contribution_finding(
                    "NoLikelyDuplicate", later, st.predicate, st.object, st.origin,
                    f"likely duplicate of {term_text(earlier)}, also new in this contribution "
                    f"({first.origin}; same type and name): describe one thing with one IRI"))
                break
    return out


def portable_text(statements: list[Statement]) -> list[Located]:
    """Literals with characters some output format cannot carry (see the module docstring)."""
    out: list[Located] = []
    for st in statements:
        o = st.object
        if isinstance(o, Literal) and UNPORTABLE.search(str(o)):
            out.append(contribution_finding(
                "PortableText", st.subject, st.predicate, o, st.origin,
                f"the text holds {codepoints(str(o))}, which RDF/XML (XML 1.0) cannot carry: "
                "remove it"))
    return out
