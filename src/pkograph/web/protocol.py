"""The SPARQL 1.1 Protocol at ``/sparql``, query operation only: the graph is read-only.

A request is read into an :class:`Operation` (the query, the protocol's dataset) or refused:

- GET ``?query=``; POST ``application/x-www-form-urlencoded`` (``query=`` in the body, the
  dataset in the body or the URL); POST ``application/sparql-query`` (the query is the body,
  UTF-8; the dataset in the URL). ``default-graph-uri`` and ``named-graph-uri`` replace the
  query's FROM and FROM NAMED; a graph the store does not hold is empty: nothing is fetched;
- any update (an ``update`` field, ``application/sparql-update``, an RDF body sent to be stored)
  is refused with 403, PUT, DELETE and PATCH with 405: nothing changes the graph;
- more than one query, a body in another media type or charset, a body that is not UTF-8:
  400 or 415; a body larger than the site's limit: 413.

The query goes to the store as it came (:meth:`pkograph.store.base.GraphStore.answer`), which
checks it (SERVICE, updates and over-deep queries refused), declares the project's prefixes,
runs it under the time limit and serializes its result in the first media type of the client's
``Accept`` that the query's form allows. Its errors become statuses (:func:`error_response`).
The first 64 KiB of the result are read before the status is sent, so a query that fails early
gets an error status; a result that fails after that is cut off (the connection is closed
before the end of the chunked body, so no client takes it for a whole answer). The query runs
in the event loop (:func:`pkograph.store.base.answer_async`: the on-disk store waits on its
worker processes there), so the server takes no thread per query.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import AsyncGenerator, AsyncIterator
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl

from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from pkograph.store.base import (
    Dataset,
    NotAcceptable,
    QueryError,
    QueryTimeout,
    StoreUnavailable,
    answer_async,
)

if TYPE_CHECKING:
    from pkograph.web.app import Site

FORM = "application/x-www-form-urlencoded"
QUERY = "application/sparql-query"
UPDATE = "application/sparql-update"
#: Media types of RDF bodies, which the Graph Store Protocol would store: refused.
RDF_BODIES = frozenset({"text/turtle", "application/n-triples", "application/ld+json",
                        "application/rdf+xml", "application/trig", "application/n-quads",
                        "text/n3"})
#: A body over the limit is still read (and dropped) up to this many times the limit.
DRAIN = 4
#: Bytes of result read before the status is sent.
FIRST_BYTES = 1 << 16
READ_ONLY = ("the graph is read-only: this endpoint answers queries (SELECT, ASK, CONSTRUCT, "
             "DESCRIBE) and refuses every update")


#: Names clients use for the SPARQL and RDF media types, and the types each one means.
ALIASES: dict[str, tuple[str, ...]] = {
    "application/json": ("application/sparql-results+json", "application/ld+json"),
    "application/xml": ("application/sparql-results+xml", "application/rdf+xml"),
    "text/xml": ("application/sparql-results+xml", "application/rdf+xml"),
    "application/x-turtle": ("text/turtle",),
    "application/turtle": ("text/turtle",),
    "text/plain": ("application/n-triples",),
}


@lru_cache(maxsize=512)
def accepted(header: str | None) -> tuple[tuple[str, float], ...]:
    """The ranges of an ``Accept`` (or ``Accept-Encoding``) header with their qualities, best
    first, ties in the client's order; a missing or empty header accepts anything.

    >>> accepted("text/csv;q=0.5, application/json")
    (('application/json', 1.0), ('text/csv', 0.5))
    """
    if not header or not header.strip():
        return (("*/*", 1.0),)
    found: list[tuple[str, float]] = []
    for item in header.split(","):
        media, *params = item.split(";")
        media = media.strip().lower()
        quality = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = min(1.0, max(0.0, float(value)))
                except ValueError:
                    quality = 0.0
        if media:
            found.append((media, quality))
    return tuple(sorted(found, key=lambda r: -r[1]))


def preferences(header: str | None) -> list[str]:
    """The media ranges the client accepts, best first, aliases replaced by the types they
    name: :meth:`pkograph.store.base.GraphStore.answer` takes the first that the query's form
    can be answered in.

    >>> preferences("application/json, */*;q=0.1")
    ['application/sparql-results+json', 'application/ld+json', '*/*']
    """
    return [name for media, q in accepted(header) if q > 0
            for name in ALIASES.get(media, (media,))]


class Refused(Exception):
    """A request the protocol handler will not run: its status and what to tell the client."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.headers = status, headers or {}


@dataclass(frozen=True)
class Operation:
    """What a protocol request asks: a query (None: none was given) and its dataset."""

    query: str | None
    dataset: Dataset


def _fields(data: bytes, where: str) -> list[tuple[str, str]]:
    try:
        return parse_qsl(data.decode("ascii"), keep_blank_values=True, encoding="utf-8",
                         errors="strict")
    except UnicodeDecodeError:
        raise Refused(400, f"the {where} is not UTF-8 percent-encoded text") from None


def _operation(fields: list[tuple[str, str]]) -> Operation:
    """The operation named by the protocol's fields; refuses updates and repeated queries."""
    names = [name for name, _ in fields]
    if "update" in names:
        raise Refused(403, READ_ONLY)
    queries = [value for name, value in fields if name == "query"]
    if len(queries) > 1:
        raise Refused(400, f"the request holds {len(queries)} queries; send one")
    if queries and not queries[0].strip():
        raise Refused(400, "the query is empty")
    dataset = Dataset(tuple(v for n, v in fields if n == "default-graph-uri"),
                      tuple(v for n, v in fields if n == "named-graph-uri"))
    return Operation(queries[0] if queries else None, dataset)


def _media_type(request: Request) -> tuple[str, str]:
    """The request body's media type and charset (lower case; '' when not given)."""
    header = request.headers.get("content-type", "")
    media, *params = header.split(";")
    charset = ""
    for param in params:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip('"').lower()
    return media.strip().lower(), charset


async def body(request: Request, limit: int) -> bytes:
    """The request body, refused with 413 past ``limit`` bytes (declared or received). A body
    up to :data:`DRAIN` times the limit is read to its end first, so that the client, still
    sending, reads the refusal rather than a broken connection."""
    declared = request.headers.get("content-length")
    if declared is not None and not declared.isdigit():
        raise Refused(400, "the Content-Length header is not a number")
    too_large = Refused(413, f"the request body is larger than {limit:,} bytes")
    if declared is not None and int(declared) > DRAIN * limit:
        raise too_large
    data = bytearray()
    received = 0
    async for chunk in request.stream():
        received += len(chunk)
        if received > DRAIN * limit:
            raise too_large
        if received <= limit:
            data += chunk
    if received > limit:
        raise too_large
    return bytes(data)


async def read_operation(request: Request, limit: int) -> Operation:
    """The operation a GET or POST request asks for, or Refused."""
    url_fields = _fields(request.scope.get("query_string", b""), "query string")
    if request.method in ("GET", "HEAD"):
        return _operation(url_fields)
    media, charset = _media_type(request)
    if charset and charset not in ("utf-8", "utf8", "us-ascii"):
        raise Refused(415, f"the body must be UTF-8, not {charset}")
    if media == UPDATE:
        raise Refused(403, READ_ONLY)
    if media in RDF_BODIES:
        raise Refused(403, f"{READ_ONLY}: RDF sent to be stored (the Graph Store Protocol) is "
                           "refused too")
    if media not in (FORM, QUERY):
        given = f"not {media}" if media else "and none was given"
        raise Refused(415, f"a POST request's body is {FORM} (query=...) or {QUERY} (the query "
                           f"text), {given}")
    data = await body(request, limit)
    if media == FORM:
        return _operation(url_fields + _fields(data, "body"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise Refused(400, "the query is not UTF-8 text") from None
    operation = _operation(url_fields)
    if operation.query is not None:
        raise Refused(400, "the query is in the body; the URL must not hold another")
    if not text.strip():
        raise Refused(400, "the query is empty")
    return Operation(text, operation.dataset)


def status_of(exc: Exception) -> int:
    """The HTTP status of a store error."""
    if isinstance(exc, NotAcceptable):
        return 406
    if isinstance(exc, QueryTimeout | StoreUnavailable):
        return 503
    if isinstance(exc, QueryError):
        return 400
    return 500


def error_response(status: int, message: str, headers: dict[str, str] | None = None
                   ) -> Response:
    return Response(message.rstrip() + "\n", status, headers,
                    media_type="text/plain; charset=utf-8")


def _content_type(media_type: str) -> str:
    return f"{media_type}; charset=utf-8" if media_type.startswith("text/") else media_type


async def _block(chunks: AsyncIterator[bytes]) -> tuple[bytes, bool]:
    """The next ~64 KiB of a result, and whether the result goes on."""
    parts: list[bytes] = []
    size = 0
    async for chunk in chunks:
        parts.append(chunk)
        size += len(chunk)
        if size >= FIRST_BYTES:
            return b"".join(parts), True
    return b"".join(parts), False


async def _stream(first: bytes, rest: AsyncGenerator[bytes, None]) -> AsyncIterator[bytes]:
    """The result's bytes; closing the store's iterator on the way out stops the query if the
    client went away before the end."""
    try:
        yield first
        more = True
        while more:
            block, more = await _block(rest)
            if block:
                yield block
    finally:
        await rest.aclose()


def base_url(site: Site, request: Request) -> str:
    """The public address of the server: the configured one, or the one the client used."""
    if site.base_url:
        return site.base_url
    scope = request.scope
    host = request.headers.get("host")
    if not host:
        server = scope.get("server") or ("localhost", 80)
        host = f"{server[0]}:{server[1]}"
    return f"{scope.get('scheme', 'http')}://{host}{scope.get('root_path', '')}/"


Key = tuple[str, Dataset, tuple[str, ...], str]


class Results:
    """The results of recent queries, by query text, dataset, ``Accept`` and base: the store
    never changes while it is served, so a query asked again (a page's lookups, a portal's
    polling) is answered without evaluating it again. Only results of at most
    :data:`FIRST_BYTES` are kept, the least recently asked dropped first past ``capacity``
    bytes."""

    def __init__(self, capacity: int = 64 << 20) -> None:
        self.capacity, self.size = capacity, 0
        self._entries: OrderedDict[Key, tuple[str, bytes]] = OrderedDict()

    def get(self, key: Key) -> tuple[str, bytes] | None:
        found = self._entries.get(key)
        if found is not None:
            self._entries.move_to_end(key)
        return found

    def put(self, key: Key, media_type: str, data: bytes) -> None:
        if key in self._entries or len(data) > FIRST_BYTES or self.capacity <= 0:
            return
        self._entries[key] = (media_type, data)
        self.size += len(data) + len(key[0])
        while self.size > self.capacity:
            (text, *_), (_, dropped) = self._entries.popitem(last=False)
            self.size -= len(dropped) + len(text)


async def answer(site: Site, request: Request, operation: Operation, results: Results
                 ) -> Response:
    """The response to a query: its result in the negotiated media type, or an error."""
    assert operation.query is not None
    accept = preferences(request.headers.get("accept"))
    headers = {"Vary": "Accept"}
    # relative IRIs of the query resolve against the endpoint's address
    endpoint = base_url(site, request) + "sparql"
    key = (operation.query, operation.dataset, tuple(accept), endpoint)
    known = results.get(key)
    if known is not None:
        return Response(known[1], 200, headers, media_type=known[0])
    try:
        result = await answer_async(site.store, operation.query, accept, operation.dataset,
                                    endpoint)
        first, more = await _block(result.chunks)
    except (QueryError, StoreUnavailable) as exc:
        return error_response(status_of(exc), str(exc))
    media_type = _content_type(result.media_type)
    if not more:
        results.put(key, media_type, first)
        return Response(first, 200, headers, media_type=media_type)
    return StreamingResponse(_stream(first, result.chunks), 200, headers,
                             media_type=media_type)
