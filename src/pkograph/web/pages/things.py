"""``/id/{kind}/{slug}``: every IRI of the graph, as a page for people and as RDF for machines.

The representation is chosen by suffix (``.html``, ``.ttl``, ``.jsonld``, ``.nt``, ``.rdf``,
``.trig``, ``.nq``) or else by the ``Accept`` header; the answer says ``Vary: Accept`` and
names every representation in a ``Link`` header. An IRI the graph does not know gets a 404
page offering the things whose names come nearest to the words of its path.

A person's page adds the rows of the saved query ``person-trail``; a source document's page
its text, one anchor per line (``#L120``), with the lines of ``?lines=120-124`` highlighted:
that is where every citation of the pages links to; a citation's page quotes its lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib import URIRef
from rdflib.namespace import FOAF
from starlette.requests import Request
from starlette.responses import Response

from pkograph.iri import ID
from pkograph.lookup import Match
from pkograph.namespaces import PKO
from pkograph.queries import SavedQuery, load
from pkograph.web.pages import documents, negotiation
from pkograph.web.pages.context import SECURITY_HEADERS, Links, Pages
from pkograph.web.pages.describe import Description, Source, describe
from pkograph.web.pages.errors import PageError, error_page
from pkograph.web.pages.rdf import script_json, serialize
from pkograph.web.pages.tables import Table, table
from pkograph.web.pages.views import SourceView, thing_view

#: What follows ``/id/``: a kind and one or more slugs (``pkograph.iri.mint``).
PATH = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:/[a-z0-9]+(?:-[a-z0-9]+)*)+$")
_WORDS = re.compile(r"[a-z0-9]+")
_FILES = "SELECT DISTINCT ?doc ?path WHERE { ?doc a pko:SourceDocument ; pko:localPath ?path }"
TRAIL = "person-trail"


@dataclass
class Line:
    number: int
    text: str
    cited: bool
    #: citations whose lines begin here, with the href of their pages
    citations: list[tuple[str, str | None]]


def alternates(links: Links, path: str,
               offered: tuple[negotiation.Representation, ...] = negotiation.ALL,
               ) -> list[tuple[str, str, str]]:
    """(title, href, media type) of every representation of the resource at ``path``."""
    return [(r.title, links.to(path + r.suffix), r.media_type) for r in offered]


def nearest(pages: Pages, path: str, limit: int = 10) -> list[Match]:
    """The things named most like the words of a path (its kind left out)."""
    words = [w for w in _WORDS.findall(path.lower().partition("/")[2] or path.lower())
             if not w.isdigit()]
    found: dict[URIRef, Match] = {}
    for text in [" ".join(words), *sorted(words, key=len, reverse=True)]:
        if len(text) < 3:
            continue
        for match in pages.lookup.find(text):
            found.setdefault(match.iri, match)
        if len(found) >= limit:
            break
    return list(found.values())[:limit]


def not_found(pages: Pages, request: Request, path: str, what: str) -> Response:
    return pages.html(request, "not_found.html", 404, title="Not found", what=what,
                      matches=nearest(pages, path))


class Things:
    """The handler of ``/id/...``."""

    def __init__(self, pages: Pages) -> None:
        self.pages = pages
        self._trail: SavedQuery | None = None
        self._files: dict[URIRef, Path] | None = None

    @property
    def trail(self) -> SavedQuery:
        if self._trail is None:
            self._trail = load(self.pages.site.project, TRAIL)
        return self._trail

    def files(self) -> dict[URIRef, Path]:
        """The text file of each source document (read once)."""
        if self._files is None:
            found = {}
            for row in self.pages.store.select(_FILES):
                doc, path = row["doc"], row["path"]
                file = documents.text_file(self.pages.site.project, path)
                if isinstance(doc, URIRef) and file is not None:
                    found[doc] = file
            self._files = found
        return self._files

    def lines_of(self, document: URIRef) -> list[str] | None:
        file = self.files().get(document)
        if file is None:
            return None
        return self.pages.cache.get(("text", file), lambda: documents.read_lines(file))

    def __call__(self, request: Request) -> Response:
        raw = request.path_params["path"]
        base, chosen = negotiation.split_suffix(raw)
        if not PATH.match(base):
            return not_found(self.pages, request, base, f"/id/{raw}")
        negotiated = chosen is None
        if chosen is None:
            chosen = negotiation.choose(request.headers.get("accept"))
        links = Links(request.scope.get("root_path", ""))
        headers = {"Vary": "Accept",
                   "Link": negotiation.link_header(links.to(f"/id/{base}"))}
        if chosen is None:
            page = error_page(self.pages, request, 406, "this resource is offered as " + ", ".join(
                r.media_type for r in negotiation.ALL))
            page.headers.update(headers)
            return page
        if negotiated:
            headers["Content-Location"] = links.to(f"/id/{base}{chosen.suffix}")
        iri = URIRef(ID + base)
        span = (documents.parse_lines(request.query_params.get("lines"))
                if chosen is negotiation.HTML else None)
        key = ("thing", iri, chosen.suffix, span, links.root)
        made = self.pages.cache.get(key, lambda: self._make(request, iri, base, chosen, span))
        if made is None:
            return not_found(self.pages, request, base, str(iri))
        body, media_type = made
        return Response(body, 200, {**headers, **SECURITY_HEADERS}, media_type=media_type)

    def _make(self, request: Request, iri: URIRef, base: str,
              chosen: negotiation.Representation, span: documents.Span | None,
              ) -> tuple[bytes, str] | None:
        d = describe(self.pages.store, iri)
        if d is None:
            return None
        if chosen is not negotiation.HTML:
            return serialize(d, chosen), chosen.media_type
        page = self.page(request, d, base, span)
        return bytes(page.body), "text/html"

    def page(self, request: Request, d: Description, base: str,
             span: documents.Span | None) -> Response:
        links = Links(request.scope.get("root_path", ""))
        view = thing_view(d, links)
        context: dict[str, Any] = {
            "view": view, "description": d, "trail": None, "text": None, "excerpt": None,
            "jsonld": script_json(serialize(d, negotiation.BY_SUFFIX[".jsonld"])),
            "alternates": alternates(links, f"/id/{base}"), "span": None, "excerpt_href": None,
        }
        types = set(d.types)
        context["figure"] = None
        if FOAF.Person in types:
            context["trail"] = self.person_trail(d, links, view.sources)
            # the picture is drawn by its own request (a second at first, then kept), so that
            # the page itself comes at once
            person = {"person": str(d.iri)}
            if context["trail"].rows:  # a person the graph links to something
                context["figure"] = links.to("/figures/network.svg", person)
                context["figure_href"] = links.to("/figures/network", person)
        if PKO.SourceDocument in types:
            context["span"] = span
            context["text"] = self.text(d, view.sources, span)
        if PKO.Citation in types:
            own = d.sources.get(d.iri, Source(d.iri))
            context["excerpt"] = self.excerpt(own)
            context["excerpt_href"] = links.lines(own)
        return self.pages.html(request, "thing.html", title=view.label, **context)

    def person_trail(self, d: Description, links: Links, sources: list[SourceView]) -> Table:
        """The person-trail rows of a person, each source linked to its cited lines."""
        rows = self.pages.store.select(self.trail.text, {"person": d.iri})
        by_place: dict[tuple[str, str], list[Source]] = {}
        for source in d.sources.values():
            if source.document is not None and source.locator is not None:
                by_place.setdefault((str(source.document), source.locator), []).append(source)

        def lines(row: dict[str, Any]) -> str | None:
            found = by_place.get((str(row.get("document")), str(row.get("locator"))), [])
            return links.lines(sorted(found, key=lambda s: s.first_line or 0)[0]) if found else None

        return table(rows, links, d.labels, hoist=[p.name for p in self.trail.params],
                     href={"locator": lines})

    def text(self, d: Description, sources: list[SourceView],
             span: documents.Span | None) -> list[Line] | None:
        lines = self.lines_of(d.iri)
        if lines is None:
            return None
        links = Links()
        starts: dict[int, list[tuple[str, str | None]]] = {}
        for source in sorted(d.sources.values(), key=lambda s: str(s.iri)):
            if source.document == d.iri and source.first_line is not None:
                starts.setdefault(source.first_line, []).append(
                    (source.lines or "", links.iri(source.iri)))
        return [Line(n, text, span is not None and n in span, starts.get(n, []))
                for n, text in enumerate(lines, start=1)]

    def excerpt(self, source: Source) -> list[tuple[int, str]] | None:
        """The lines a citation cites."""
        if source.document is None or source.first_line is None:
            return None
        lines = self.lines_of(source.document)
        if lines is None:
            return None
        last = source.last_line or source.first_line
        return [(n, lines[n - 1]) for n in range(source.first_line, last + 1)
                if 0 < n <= len(lines)]


__all__ = ["PageError", "Things"]
