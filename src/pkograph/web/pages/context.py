"""What every page handler shares: the templates, links, the name lookup and a response cache.

One :class:`Pages` per :class:`~pkograph.web.app.Site`, made when the routes are made. The
templates are Jinja2 with autoescaping on for every template, so every value a page shows —
labels, literals, quotes, query text, messages — is escaped; nothing is marked safe but the
page's own JSON-LD, escaped for its ``<script>`` element (:func:`rdf.script_json`).
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlencode

import jinja2
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node
from starlette.requests import Request
from starlette.responses import Response

from pkograph.iri import BASE, ID
from pkograph.lookup import NameLookup
from pkograph.namespaces import PKO, RDF
from pkograph.output import shorten

if TYPE_CHECKING:
    from pkograph.web.app import Site
    from pkograph.web.pages.describe import Source

#: Megabytes of rendered pages kept per site (the store never changes under a running server,
#: so a page once made stays true); ``PKOGRAPH_PAGE_CACHE=0`` turns the cache off.
CACHE_ENV = "PKOGRAPH_PAGE_CACHE"
DEFAULT_CACHE_MB = 64
_ONTOLOGY = str(PKO._NS)

#: Sent with every page: no script but the site's own, no framing, no type sniffing.
SECURITY_HEADERS = {
    "Content-Security-Policy": ("default-src 'self'; script-src 'self'; "
                                "style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
                                "object-src 'none'; base-uri 'none'; frame-ancestors 'none'"),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
}


def local_path(iri: str) -> str | None:
    """The path at which this server answers for an IRI of the graph or the ontology, or
    None for IRIs it does not serve."""
    if iri.startswith(ID) and len(iri) > len(ID):
        return "/id/" + quote(iri[len(ID):], safe="/-")
    if iri.startswith(_ONTOLOGY):
        return "/ontology#" + quote(iri[len(_ONTOLOGY):], safe="")
    if iri == BASE + "ontology":
        return "/ontology"
    return None


#: Names of the few terms the ontology uses without declaring them.
KNOWN_LABELS = {str(RDF.type): "type"}


def fallback_label(iri: str) -> str:
    """A name for a thing without a label: ``membership yasushi-akashi/untac``."""
    if iri in KNOWN_LABELS:
        return KNOWN_LABELS[iri]
    if iri.startswith(ID):
        kind, _, rest = iri[len(ID):].partition("/")
        return f"{kind} {rest}".strip()
    return shorten(iri)


@dataclass(frozen=True)
class Links:
    """The links of one request's page, under the path the server is mounted at."""

    root: str = ""

    def to(self, path: str, params: Mapping[str, str] | None = None) -> str:
        query = f"?{urlencode(params)}" if params else ""
        return f"{self.root}{path}{query}"

    def iri(self, term: Node) -> str | None:
        """Where a link to a term goes: its page here, or the IRI itself elsewhere."""
        if not isinstance(term, URIRef):
            return None
        path = local_path(str(term))
        if path is not None:
            return self.root + path
        return str(term) if str(term).startswith(("http://", "https://")) else None

    def lines(self, source: Source) -> str | None:
        """The cited lines of a citation, highlighted in its document's text."""
        if source.document is None or source.first_line is None:
            return None
        path = local_path(str(source.document))
        if path is None:
            return None
        return f"{self.root}{path}?lines={source.lines}#L{source.first_line}"


class Cache:
    """A thread-safe map of the most recently used entries, at most ``budget`` in total
    weight (an entry's weight: the length of the bytes it holds, or 1024)."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self._items: OrderedDict[Any, tuple[Any, int]] = OrderedDict()
        self._weight = 0
        self._lock = threading.Lock()

    @staticmethod
    def weight(value: Any) -> int:
        if isinstance(value, tuple):
            return sum(len(v) for v in value if isinstance(v, bytes)) or 1024
        return len(value) if isinstance(value, bytes) else 1024

    def get(self, key: Any, make: Callable[[], Any]) -> Any:
        """The value kept for ``key``, made (and kept, if it fits) when missing."""
        if self.budget <= 0:
            return make()
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key][0]
        value = make()
        weight = self.weight(value)
        with self._lock:
            if key not in self._items and weight <= self.budget:
                self._items[key] = (value, weight)
                self._weight += weight
            while self._weight > self.budget:
                _, (_, dropped) = self._items.popitem(last=False)
                self._weight -= dropped
        return value


#: Datatypes a reader needs no note for: the value shows what it is.
_PLAIN = frozenset({XSD.string, XSD.integer, XSD.decimal, XSD.boolean})


def literal_note(term: Node) -> str:
    """What to say beside a literal's value: its language (but English) or datatype."""
    if isinstance(term, Literal):
        if term.language:
            return "" if term.language == "en" else term.language
        if term.datatype is not None and term.datatype not in _PLAIN:
            return shorten(str(term.datatype))
    return ""


class Pages:
    """The page side of one site."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.store = site.store
        self.lookup = NameLookup(site.store)
        size = os.environ.get(CACHE_ENV, "")
        self.cache = Cache((int(size) if size.isdigit() else DEFAULT_CACHE_MB) << 20)
        self.env = jinja2.Environment(
            loader=jinja2.PackageLoader("pkograph.web", "templates"),
            autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True,
            lstrip_blocks=True, auto_reload=False)
        self.env.globals.update(short=shorten, note=literal_note)
        self.env.tests.update(iri=lambda t: isinstance(t, URIRef),
                              literal=lambda t: isinstance(t, Literal),
                              blank=lambda t: isinstance(t, BNode))

    def html(self, request: Request, template: str, status: int = 200,
             headers: Mapping[str, str] | None = None, **context: Any) -> Response:
        """A page rendered from a template, with the security headers."""
        links = Links(request.scope.get("root_path", ""))
        body = self.env.get_template(template).render(links=links, request_path=request.url.path,
                                                      **context)
        return Response(body, status, {**SECURITY_HEADERS, **(headers or {})},
                        media_type="text/html")
