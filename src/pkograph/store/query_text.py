"""Reading a SPARQL query's text before any engine sees it: tokens, form, refusals, bindings.

Every path that evaluates SPARQL (saved queries, ``pkograph sparql``, the HTTP endpoint, the
contribution checks) prepares its text here, in one function, :func:`prepare`:

- the text is split into the tokens of the SPARQL 1.1 grammar (strings, IRIs, prefixed names
  with any of the grammar's Unicode letters, variables, comments...), so a decision is taken on
  what the parser will see and not on a text pattern: ``SERVICE<http://...>`` with no space,
  ``SERVICE SILENT``, or a SERVICE whose endpoint is a prefixed name with an invisible prefix
  are all the keyword SERVICE, while ``?service``, ``"SERVICE"`` and ``# SERVICE`` are not;
- a query that nests brackets deeper than a limit, or chains more operators than another, is
  refused before it is parsed: engines parse and evaluate recursively, and thousands of nested
  ``{`` or ``(``, or of UNIONs in a row, overflow their stack;
- the project's prefixes are declared in front of the text, on its first line, so every store
  is given the same standard SPARQL and the line numbers of syntax errors stay the user's;
- parameters are bound as RDF terms by an inline ``VALUES`` block at the start of the ``WHERE``
  group of the query and of every subquery that mentions them: the meaning is the same on
  every SPARQL 1.1 engine (a subquery is evaluated on its own, so a parameter it filters on
  must be bound inside it). Terms are written in their SPARQL syntax, never pasted as text.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from pkograph.namespaces import PREFIXES
from pkograph.store.base import QueryError

#: Deepest bracket nesting accepted; the saved queries need 8.
MAX_DEPTH = 64
#: Most operators accepted (UNION, OPTIONAL, ||, +, / ...): the engines build a tree of them and
#: walk it recursively, so ten thousand in a row overflow their stack as deep nesting does.
MAX_OPERATORS = 2000
#: Longest query text accepted, in bytes of UTF-8.
MAX_QUERY_BYTES = 1 << 20

_PN_CHARS_BASE = ("A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02ff\u0370-\u037d\u037f-\u1fff"
                  "\u200c-\u200d\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf"
                  "\ufdf0-\ufffd\U00010000-\U000effff")
_PN_CHARS_U = _PN_CHARS_BASE + "_"
_PN_CHARS = _PN_CHARS_U + r"\-0-9\u00b7\u0300-\u036f\u203f-\u2040"
_PN_PREFIX = f"[{_PN_CHARS_BASE}](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?"
_PLX = r"%[0-9A-Fa-f]{2}|\\[_~.\-!$&'()*+,;=/?#@%]"
_PN_LOCAL = (f"(?:[{_PN_CHARS_U}:0-9]|{_PLX})"
             f"(?:(?:[{_PN_CHARS}.:]|{_PLX})*(?:[{_PN_CHARS}:]|{_PLX}))?")
_VARNAME = f"[{_PN_CHARS_U}0-9][{_PN_CHARS_U}0-9\u00b7\u0300-\u036f\u203f-\u2040]*"

#: The token kinds, tried in this order at each position (the grammar's longest-match choices).
_TOKENS = [
    ("ws", r"[ \t\r\n]+"),
    ("comment", r"#[^\r\n]*"),
    ("string", r'"""(?:[^"\\]|\\.|"(?!""))*"""|' r"'''(?:[^'\\]|\\.|'(?!''))*'''|"
               r'"(?:[^"\\\r\n]|\\.)*"|' r"'(?:[^'\\\r\n]|\\.)*'"),
    ("iri", r'<[^<>"{}|^`\\\x00-\x20]*>'),
    ("var", f"[?$]{_VARNAME}"),
    ("pname", f"(?:{_PN_PREFIX})?:(?:{_PN_LOCAL})?"),
    ("bnode", f"_:[{_PN_CHARS_U}0-9](?:[{_PN_CHARS}.]*[{_PN_CHARS}])?"),
    ("lang", r"@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*"),
    ("number", r"[0-9]+(?:\.[0-9]*)?(?:[eE][+-]?[0-9]+)?|\.[0-9]+(?:[eE][+-]?[0-9]+)?"),
    ("word", r"[A-Za-z_][A-Za-z0-9_]*"),
    ("punct", r"\^\^|&&|\|\||!=|<=|>=|[{}()\[\].,;=<>!+\-*/^|?]"),
    ("other", r"."),
]
_LEXER = re.compile("|".join(f"(?P<{name}>{pattern})" for name, pattern in _TOKENS), re.DOTALL)
_OPEN, _CLOSE = "{([", "})]"
_OPERATORS = frozenset({"||", "&&", "=", "!=", "<", ">", "<=", ">=", "+", "-", "*", "/", "|",
                        "^", "!", "?"})
_OPERATOR_WORDS = frozenset({"union", "optional", "minus", "filter", "bind", "exists", "in",
                             "graph"})
_FORMS = {"select": "select", "ask": "ask", "construct": "graph", "describe": "graph"}


class QueryRefused(QueryError):
    """A query that pkograph will not run: what and why are in the message."""


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    start: int

    @property
    def keyword(self) -> str:
        """The keyword this token is, in lower case, or '' if it is not a bare word."""
        return self.text.lower() if self.kind == "word" else ""


def tokens(text: str) -> Iterator[Token]:
    """The tokens of a query, comments and white space left out.

    >>> [t.text for t in tokens('SELECT ?s { ?s a "SERVICE" } # SERVICE')]
    ['SELECT', '?s', '{', '?s', 'a', '"SERVICE"', '}']
    >>> [t.kind for t in tokens('SERVICE<http://x/>')]
    ['word', 'iri']
    """
    for match in _LEXER.finditer(text):
        kind = match.lastgroup or "other"
        if kind not in ("ws", "comment"):
            yield Token(kind, match.group(), match.start())


@dataclass(frozen=True)
class Query:
    """A query text ready for any SPARQL 1.1 store, and what was read from it."""

    text: str
    #: ``select``, ``ask`` or ``graph`` (CONSTRUCT and DESCRIBE)
    form: str
    #: the length of the prologue put in front of the user's first line
    offset: int = 0
    #: True if the query names its own dataset (FROM, FROM NAMED): then its default graph is
    #: the graphs it names, not the union of all graphs
    names_dataset: bool = False


def query_form(toks: Sequence[Token]) -> str:
    """``select``, ``ask`` or ``graph``: the form named by the first keyword after the prologue."""
    for tok in toks:
        if tok.keyword in _FORMS:
            return _FORMS[tok.keyword]
        if tok.keyword in ("insert", "delete", "load", "clear", "drop", "create", "add", "move",
                           "copy", "with"):
            raise QueryRefused(f"{tok.text.upper()} is an update: the graph is read-only here")
    raise QueryRefused("not a SPARQL query: no SELECT, ASK, CONSTRUCT or DESCRIBE")


def check(text: str, max_depth: int = MAX_DEPTH) -> tuple[Token, ...]:
    """The query's tokens, after refusing what must never run (see the module docstring).

    The examples run with ELLIPSIS (``tests/test_store.py``). Saved queries and pages send the
    same texts again and again: the answer is kept for the last few hundred short texts.

    >>> try:
    ...     check('SELECT * { SERVICE<http://127.0.0.1:9/x> { ?s ?p ?o } }')
    ... except QueryRefused as exc:
    ...     print(exc)
    SERVICE is refused: ...
    >>> len(check('SELECT ?service { ?service ?p "SERVICE" }'))
    7
    """
    if len(text) <= _CACHED_LENGTH:
        return _checked(text, max_depth)
    return _check(text, max_depth)


_CACHED_LENGTH = 1 << 14


@functools.lru_cache(maxsize=512)
def _checked(text: str, max_depth: int) -> tuple[Token, ...]:
    return _check(text, max_depth)


def _check(text: str, max_depth: int) -> tuple[Token, ...]:
    if len(text.encode("utf-8", "surrogatepass")) > MAX_QUERY_BYTES:
        raise QueryRefused(f"the query is longer than {MAX_QUERY_BYTES:,} bytes")
    toks = list(tokens(text))
    depth = deepest = operators = 0
    for tok in toks:
        if (tok.kind == "punct" and tok.text in _OPERATORS) or tok.keyword in _OPERATOR_WORDS:
            operators += 1
        if tok.keyword == "service":
            raise QueryRefused("SERVICE is refused: queries run on this graph only and never "
                               "reach the network")
        if tok.kind == "punct" and tok.text in _OPEN:
            depth += 1
            deepest = max(deepest, depth)
        elif tok.kind == "punct" and tok.text in _CLOSE:
            depth -= 1
    if deepest > max_depth:
        raise QueryRefused(f"the query nests brackets {deepest} deep; at most {max_depth} are "
                           "accepted")
    if operators > MAX_OPERATORS:
        raise QueryRefused(f"the query has {operators} operators; at most {MAX_OPERATORS} are "
                           "accepted")
    return tuple(toks)


@functools.cache
def prologue() -> str:
    """The project's PREFIX declarations on one line, put in front of every query."""
    return "".join(f"PREFIX {p}: <{iri}> " for p, iri in PREFIXES.items())


_IRI = re.compile(r'[^<>"{}|^`\\\x00-\x20]*')


def term_text(term: Node) -> str:
    """An RDF term in SPARQL syntax, for a VALUES block.

    >>> term_text(Literal('x" } UNION { ?s ?p ?o } #'))
    '"x\\\\" } UNION { ?s ?p ?o } #"'
    """
    if isinstance(term, URIRef):
        if not _IRI.fullmatch(str(term)):
            raise QueryRefused(f"not a valid IRI: {str(term)!r}")
        return f"<{term}>"
    if isinstance(term, Literal):
        escaped = (str(term).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
                   .replace("\r", "\\r"))
        if term.language:
            return f'"{escaped}"@{term.language}'
        if term.datatype is not None:
            return f'"{escaped}"^^{term_text(term.datatype)}'
        return f'"{escaped}"'
    if isinstance(term, BNode):
        raise QueryRefused("a blank node cannot be bound to a parameter")
    raise QueryRefused(f"not an RDF term: {term!r}")


def _where_groups(toks: Sequence[Token]) -> list[tuple[int, int, set[str]]]:
    """For the query and each subquery: the token index of its WHERE group's ``{``, the index of
    the matching ``}``, and the variables mentioned inside."""
    closing: dict[int, int] = {}
    stack: list[int] = []
    for i, tok in enumerate(toks):
        if tok.kind == "punct" and tok.text in _OPEN:
            stack.append(i)
        elif tok.kind == "punct" and tok.text in _CLOSE and stack:
            closing[stack.pop()] = i
    groups = []
    for i, tok in enumerate(toks):
        if tok.keyword not in ("select", "ask", "construct", "describe"):
            continue
        j = i + 1
        if tok.keyword == "construct" and j < len(toks) and toks[j].keyword == "where":
            continue  # CONSTRUCT WHERE { ... }: the group is also the template, no VALUES there
        if tok.keyword == "construct" and j < len(toks) and toks[j].text == "{":
            j = closing.get(j, j) + 1  # skip the template
        while j < len(toks) and toks[j].text != "{":
            if toks[j].text in ("(", "["):
                j = closing.get(j, j)
            j += 1
        if j < len(toks) and j in closing:
            end = closing[j]
            names = {t.text[1:] for t in toks[j:end] if t.kind == "var"}
            groups.append((j, end, names))
    return groups


def bind(text: str, toks: Sequence[Token], bindings: Mapping[str, Node]) -> str:
    """The text with a VALUES block of the bound parameters opening each WHERE group that
    mentions them."""
    if not bindings:
        return text
    inserts: list[tuple[int, str]] = []
    for start, _, names in _where_groups(toks):
        used = sorted(n for n in bindings if n in names)
        if used:
            variables = " ".join(f"?{n}" for n in used)
            values = " ".join(term_text(bindings[n]) for n in used)
            inserts.append((toks[start].start + 1, f" VALUES ({variables}) {{ ({values}) }} "))
    for position, block in sorted(inserts, reverse=True):
        text = text[:position] + block + text[position:]
    return text


def form_of(text: str) -> str:
    """``select``, ``ask`` or ``graph``: the form of a query (QueryRefused if it is none)."""
    return query_form(list(tokens(text)))


def prepare(text: str, bindings: Mapping[str, Node] | None = None,
            max_depth: int = MAX_DEPTH, base: str | None = None) -> Query:
    """A query ready for any store: checked, prefixed, its parameters bound; relative IRIs
    resolve against ``base`` (the SPARQL endpoint's URL) when one is given.

    >>> q = prepare('SELECT ?x { ?x a ?t }', {'t': URIRef('http://example.org/T')})
    >>> q.form, q.text[q.offset:]
    ('select', 'SELECT ?x { VALUES (?t) { (<http://example.org/T>) }  ?x a ?t }')
    """
    toks = check(text, max_depth)
    form = query_form(toks)
    bound = bind(text, toks, bindings or {})
    head = prologue()
    if base is not None:
        if not _IRI.fullmatch(base):
            raise QueryRefused(f"not a valid base IRI: {base!r}")
        head = f"BASE <{base}> {head}"
    # FROM only ever opens a dataset clause (a subquery has none)
    names_dataset = any(t.keyword == "from" for t in toks)
    return Query(head + bound, form, len(head), names_dataset)
