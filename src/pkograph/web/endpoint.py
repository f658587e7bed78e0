"""The machine side of the site: the SPARQL endpoint, the dataset description and the dumps.

=================================  ==========================================================
``/sparql``                        the SPARQL 1.1 Protocol (:mod:`pkograph.web.protocol`);
                                   without a query: the Service Description (RDF), or for a
                                   browser the query page of :mod:`pkograph.web.pages`
``/.well-known/void``              the dataset description, VoID and DCAT
                                   (:mod:`pkograph.description`)
``/dataset``                       the dataset's IRI: 303 to the description
``/download/``                     the dumps (:mod:`pkograph.web.dumps`), and a list of them
=================================  ==========================================================

Every answer of these routes is computed from the store; nothing here writes to the graph.
"""

from __future__ import annotations

import hashlib
import html
import threading
from datetime import datetime
from email.utils import format_datetime, parsedate_to_datetime
from typing import TYPE_CHECKING

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from pkograph.description import (
    RDF_FORMATS,
    Distribution,
    Statistics,
    dataset_description,
    serialize,
    service_description,
    statistics,
)
from pkograph.export import FORMATS
from pkograph.store.base import QueryError, StoreUnavailable
from pkograph.web import protocol
from pkograph.web.dumps import Dump, Dumps
from pkograph.web.pages.negotiation import HTML, RDF, Representation, choose

if TYPE_CHECKING:
    from pkograph.web.app import Site

#: Where the dataset description is served (RFC 8615 well-known URI of VoID).
VOID_PATH = "/.well-known/void"
class Publication:
    """What the routes share: the dumps and the statistics of the store, each made once, and
    the descriptions made from them, by public address and media type."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.dumps = Dumps(site.store, site.project)
        self.results = protocol.Results()
        self._lock = threading.Lock()
        self._statistics: Statistics | None = None
        self._descriptions: dict[tuple[str, str], bytes] = {}

    def statistics(self) -> Statistics:
        with self._lock:
            if self._statistics is None:
                self._statistics = statistics(self.site.store)
            return self._statistics

    def description(self, base: str, media_type: str) -> bytes:
        """The dataset description for the server at ``base``, serialized."""
        key = (base, media_type)
        if key not in self._descriptions:
            stats = self.statistics()
            distributions = [Distribution(d.format, f"{base}download/{d.filename}", d.size,
                                          d.sha256) for d in self.dumps.all().values()]
            graph = dataset_description(stats, distributions, base, self.dumps.modified)
            self._descriptions[key] = serialize(graph, media_type)
        return self._descriptions[key]


#: The representations of the descriptions, Turtle first (what a client that states no
#: preference gets).
DESCRIPTIONS: tuple[Representation, ...] = tuple(r for r in RDF if r.media_type in RDF_FORMATS)


def _rdf_type(request: Request) -> str | None:
    chosen = choose(request.headers.get("accept"), DESCRIPTIONS)
    return chosen.media_type if chosen else None


def _not_acceptable() -> Response:
    return protocol.error_response(406, f"this resource is served as {', '.join(RDF_FORMATS)}")


def _etag(data: bytes) -> str:
    return f'"{hashlib.sha256(data).hexdigest()}"'


def _not_modified(request: Request, etag: str, modified: datetime | None = None) -> bool:
    """True if the client's copy is current (``If-None-Match``, else ``If-Modified-Since``)."""
    tags = request.headers.get("if-none-match")
    if tags is not None:
        given = {t.strip().removeprefix("W/") for t in tags.split(",")}
        return "*" in given or etag in given
    since = request.headers.get("if-modified-since")
    if since and modified is not None:
        try:
            return modified <= parsedate_to_datetime(since)
        except (TypeError, ValueError):
            return False
    return False


def _rdf_response(request: Request, data: bytes, media_type: str,
                  modified: datetime | None = None) -> Response:
    headers = {"ETag": _etag(data), "Vary": "Accept"}
    if modified is not None:
        headers["Last-Modified"] = format_datetime(modified, usegmt=True)
    if _not_modified(request, headers["ETag"], modified):
        return Response(status_code=304, headers=headers)
    return Response(data, 200, headers, media_type=media_type)


def routes(site: Site) -> list[BaseRoute]:
    from pkograph.web import pages

    publication = Publication(site)

    async def sparql(request: Request) -> Response:
        if request.method not in ("GET", "HEAD", "POST"):
            return protocol.error_response(405, protocol.READ_ONLY,
                                           {"Allow": "GET, HEAD, POST"})
        try:
            operation = await protocol.read_operation(request, site.max_body)
        except protocol.Refused as exc:
            return protocol.error_response(exc.status, str(exc), exc.headers)
        if operation.query is not None:
            return await protocol.answer(site, request, operation, publication.results)
        if request.method == "POST":
            return protocol.error_response(400, "the request holds no query")
        return await _no_query(request)

    async def _no_query(request: Request) -> Response:
        """GET /sparql without a query: the query page for browsers, else the description."""
        chosen = choose(request.headers.get("accept"), (*DESCRIPTIONS, HTML))
        wanted = chosen.media_type if chosen else None
        if wanted == HTML.media_type:
            return await run_in_threadpool(pages.sparql_page, site, request)
        if wanted is None:
            return _not_acceptable()
        endpoint = protocol.base_url(site, request) + "sparql"
        data = serialize(service_description(endpoint, site.timeout), wanted)
        return _rdf_response(request, data, wanted)

    async def void(request: Request) -> Response:
        media_type = _rdf_type(request)
        if media_type is None:
            return _not_acceptable()
        try:
            data = await run_in_threadpool(publication.description,
                                           protocol.base_url(site, request), media_type)
        except (QueryError, StoreUnavailable) as exc:
            return protocol.error_response(protocol.status_of(exc), str(exc))
        return _rdf_response(request, data, media_type, publication.dumps.modified)

    async def dataset(request: Request) -> Response:
        return RedirectResponse(protocol.base_url(site, request) + VOID_PATH.lstrip("/"), 303)

    async def downloads(request: Request) -> Response:
        dumps = await run_in_threadpool(publication.dumps.all)
        rows = "".join(
            f'<tr><td><a href="{html.escape(d.filename)}">{html.escape(d.filename)}</a></td>'
            f"<td>{html.escape(d.format.media_type)}</td><td>{d.size:,}</td>"
            f"<td><code>{d.sha256}</code></td></tr>\n" for d in dumps.values())
        return HTMLResponse(
            '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>pkograph '
            "downloads</title></head><body><h1>pkograph downloads</h1>\n<p>The graph as "
            "<code>pkograph export</code> writes it; TriG and N-Quads keep one named graph per "
            'citation. Licence: <a href="https://creativecommons.org/licenses/by/4.0/">CC BY '
            '4.0</a>. Described in <a href="../.well-known/void">the dataset description</a>.'
            "</p>\n<table><tr><th>file</th><th>media type</th><th>bytes</th><th>SHA-256</th>"
            f"</tr>\n{rows}</table></body></html>\n")

    async def download(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in {f"pkograph{fmt.suffix}" for fmt in FORMATS.values()}:
            return protocol.error_response(404, f"no download is named {name}")
        dumps = await run_in_threadpool(publication.dumps.all)
        dump = next(d for d in dumps.values() if d.filename == name)
        return _file_response(request, dump, publication.dumps.modified)

    return [
        Route("/sparql", sparql, methods=["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH"]),
        Route(VOID_PATH, void, methods=["GET", "HEAD"]),
        Route("/dataset", dataset, methods=["GET", "HEAD"]),
        Route("/download/", downloads, methods=["GET", "HEAD"]),
        Route("/download/{name}", download, methods=["GET", "HEAD"]),
    ]


def _accepts_gzip(header: str | None) -> bool:
    """True if ``Accept-Encoding`` accepts gzip (named, or by ``*``)."""
    qualities = dict(protocol.accepted(header)) if header else {}
    for name in ("gzip", "x-gzip", "*"):
        if name in qualities:
            return qualities[name] > 0
    return False


def _file_response(request: Request, dump: Dump, modified: datetime) -> Response:
    """A dump: gzip-compressed if the client accepts it, with its ETag (the SHA-256 of the
    dump, marked for the compressed copy) and the time its store was written."""
    packed = _accepts_gzip(request.headers.get("accept-encoding"))
    etag = f'"{dump.sha256}{"-gzip" if packed else ""}"'
    headers = {"ETag": etag, "Last-Modified": format_datetime(modified, usegmt=True),
               "Vary": "Accept-Encoding"}
    if _not_modified(request, etag, modified):
        return Response(status_code=304, headers=headers)
    if packed:
        headers["Content-Encoding"] = "gzip"
    return FileResponse(dump.gzip_path if packed else dump.path, headers=headers,
                        media_type=dump.format.media_type)
