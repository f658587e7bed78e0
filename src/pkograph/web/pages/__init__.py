"""The pages for people and the RDF of each IRI for machines. Every route is read-only.

| path | what |
|---|---|
| ``/`` | what the graph is, counts per class, entry points, search |
| ``/id/{kind}/{slug}`` | a thing: HTML or RDF by ``Accept``, or by suffix (``.ttl`` ...) |
| ``/id/document/{slug}?lines=120-124#L120`` | a source document's text, cited lines highlighted |
| ``/ontology`` (``.ttl`` ...) | every class and property, with the shapes constraining it |
| ``/things?type=pko:Mission`` | every thing of a class |
| ``/search?q=akashi`` | the ranked matches of ``pkograph find`` |
| ``/queries``, ``/queries/{name}`` | the saved queries, run from a form; ``.csv .json .tsv`` |
| ``/query?query=...`` | a SPARQL query's result as a table (the form: :func:`sparql_page`) |
| ``/figures``, ``/figures/{name}`` | the figures of ``pkograph plot``; ``.svg .png .pdf`` |
| ``/static/...`` | the style sheet |

- :mod:`.negotiation`: which representation a request gets;
- :mod:`.describe`: the two queries that read a thing; :mod:`.rdf`: its RDF representations;
  :mod:`.views`: its page's arrangement;
- :mod:`.things`, :mod:`.browse`, :mod:`.ontology`, :mod:`.saved`, :mod:`.sparql`: the
  handlers; :mod:`.context`, :mod:`.errors`, :mod:`.tables`, :mod:`.documents`: what they share.
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles

from pkograph.namespaces import ONTOLOGY_IRI
from pkograph.web.pages import negotiation
from pkograph.web.pages.browse import Browse
from pkograph.web.pages.context import SECURITY_HEADERS, Links, Pages
from pkograph.web.pages.errors import PageError, error_page, guarded
from pkograph.web.pages.figures import Figures
from pkograph.web.pages.ontology import Ontology
from pkograph.web.pages.rdf import graph_jsonld
from pkograph.web.pages.saved import Saved
from pkograph.web.pages.sparql import QueryPage
from pkograph.web.pages.things import Things, alternates

if TYPE_CHECKING:
    from pkograph.web.app import Site

_SITES: weakref.WeakKeyDictionary[Site, _Handlers] = weakref.WeakKeyDictionary()


class _Handlers:
    """Every page handler of one site."""

    def __init__(self, site: Site) -> None:
        self.pages = Pages(site)
        self.ontology = Ontology(site.store, site.project)
        self.figures = Figures(self.pages)
        self.things = Things(self.pages)
        self.browse = Browse(self.pages, self.ontology)
        self.saved = Saved(self.pages)
        self.query = QueryPage(self.pages)

    def ontology_page(self, request: Request) -> Response:
        suffix = request.path_params.get("suffix", "")
        links = Links(request.scope.get("root_path", ""))
        headers = {"Vary": "Accept", "Link": negotiation.link_header(
            links.to("/ontology"), negotiation.ALL[:5])}
        if suffix:
            chosen = negotiation.BY_SUFFIX.get(suffix)
            if chosen is None or chosen.keeps_graphs:
                raise PageError(404, f"the ontology has no representation {suffix!r}")
        else:
            chosen = negotiation.choose(request.headers.get("accept"), negotiation.ALL[:5])
            if chosen is None:
                raise PageError(406, "the ontology is offered as " + ", ".join(
                    r.media_type for r in negotiation.ALL[:5]))
        if chosen is not negotiation.HTML:
            body = self.pages.cache.get(("ontology", chosen.suffix),
                                        lambda: self.ontology.serialize(chosen))
            return Response(body, 200, {**headers, **SECURITY_HEADERS},
                            media_type=chosen.media_type)
        docs = self.pages.cache.get(("ontology-docs", links.root),
                                    lambda: self.ontology.documentation(links))
        header = self.pages.cache.get(("ontology-jsonld",), lambda: graph_jsonld(
            self.ontology.graph.triples((ONTOLOGY_IRI, None, None))))
        page = self.pages.html(request, "ontology.html", title=docs.title, docs=docs,
                               alternates=alternates(links, "/ontology", negotiation.ALL[:5]),
                               jsonld=header)
        page.headers.update(headers)
        return page


def handlers(site: Site) -> _Handlers:
    """The handlers of a site, made once."""
    if site not in _SITES:
        _SITES[site] = _Handlers(site)
    return _SITES[site]


def routes(site: Site) -> list[BaseRoute]:
    h = handlers(site)
    page = guarded(h.pages)
    static = StaticFiles(packages=[("pkograph.web", "static")])
    return [
        Route("/", page(h.browse.home)),
        Route("/search", page(h.browse.search)),
        Route("/things", page(h.browse.things)),
        Route("/id/{path:path}", page(h.things)),
        Route("/ontology", page(h.ontology_page)),
        Route("/ontology{suffix:str}", page(h.ontology_page)),
        Route("/queries", page(h.saved.index)),
        Route("/queries/{name}", page(h.saved.query)),
        Route("/query", page(h.query)),
        Route("/figures", page(h.figures.index)),
        Route("/figures/{name}", page(h.figures.figure)),
        Mount("/static", static, name="static"),
    ]


def sparql_page(site: Site, request: Request) -> Response:
    """The query page, for ``GET /sparql`` from a browser with no query."""
    h = handlers(site)
    return guarded(h.pages)(h.query.page)(request)


__all__ = ["error_page", "routes", "sparql_page"]
