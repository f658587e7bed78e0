"""A store in front of any SPARQL 1.1 endpoint, through SPARQLWrapper.

The endpoint must hold the dataset ``pkograph push`` loads (every citation a named graph) and
answer with the union of its named graphs as the default graph, as the saved queries expect:
Oxigraph server started with ``--union-default-graph``, Fuseki with ``tdb2:unionDefaultGraph
true``, Virtuoso with the graphs in one group as default. The first query checks this with two
small probes and says how to configure each store when it is not so.

SELECT and ASK are asked for SPARQL JSON results, CONSTRUCT and DESCRIBE for N-Triples, and
read by :mod:`pkograph.store.results` as the embedded store's answers are. Each request has a
time limit; connection errors and 5xx answers are retried with back-off, nothing else.
Credentials come from the environment (``PKOGRAPH_ENDPOINT_USER`` and
``PKOGRAPH_ENDPOINT_PASSWORD`` for HTTP basic, or ``PKOGRAPH_ENDPOINT_TOKEN`` for a bearer
token), or from the URL's user information, and never appear in a message: the endpoint is
named without its user information.
"""

from __future__ import annotations

import os
import socket
import time
import urllib.error
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit

from rdflib import URIRef
from SPARQLWrapper import ASK, CONSTRUCT, POST, POSTDIRECTLY, SELECT, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import (
    EndPointInternalError,
    EndPointNotFound,
    QueryBadFormed,
    SPARQLWrapperException,
    Unauthorized,
    URITooLong,
)

from pkograph.store.base import (
    ALL_GRAPHS,
    DEFAULT_LIMITS,
    Dataset,
    Limits,
    QueryError,
    QueryTimeout,
    ResultTooLarge,
    Rows,
    StoreUnavailable,
)
from pkograph.store.query_text import Query, check, query_form, term_text
from pkograph.store.results import JSON, AnsweringStore, parse_json
from pkograph.terms import Quad

ENV_USER, ENV_PASSWORD, ENV_TOKEN = ("PKOGRAPH_ENDPOINT_USER", "PKOGRAPH_ENDPOINT_PASSWORD",
                                     "PKOGRAPH_ENDPOINT_TOKEN")
UNION_HELP = ("configure the store to answer with the union of its named graphs as the default "
              "graph: Oxigraph server: `oxigraph serve --union-default-graph`; Fuseki: "
              "`tdb2:unionDefaultGraph true` in the dataset's assembler; Virtuoso: define the "
              "default graph as the group of the pushed graphs")
_RETRY_STATUS = range(500, 600)
_WRAPPER_FORMS = {"select": SELECT, "ask": ASK, "graph": CONSTRUCT}
_SAMPLE = ("SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } FILTER(isIRI(?s) && !isBlank(?o)) } "
           "LIMIT 1")


def redact(url: str) -> str:
    """The URL without user information, query or fragment, for messages.

    >>> redact("https://ann:secret@example.org/sparql?key=x")
    'https://example.org/sparql'
    """
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.port:
        host = f"{host}:{parts.port}"
    return urlunsplit((parts.scheme, host, parts.path, "", ""))


@dataclass(frozen=True)
class Credentials:
    """HTTP basic credentials or a bearer token."""

    user: str = ""
    password: str = ""
    token: str = ""

    @classmethod
    def from_environment(cls) -> Credentials:
        return cls(os.environ.get(ENV_USER, ""), os.environ.get(ENV_PASSWORD, ""),
                   os.environ.get(ENV_TOKEN, ""))


class RemoteStore(AnsweringStore):
    """A SPARQL 1.1 endpoint, asked through SPARQLWrapper."""

    def __init__(self, endpoint: str, limits: Limits = DEFAULT_LIMITS, retries: int = 3,
                 credentials: Credentials | None = None, backoff: float = 0.5,
                 expect_dataset: bool = True) -> None:
        """``expect_dataset``: check, before the first query, that the endpoint holds a pushed
        graph in a union default graph (off for ``pkograph push``, which fills it)."""
        parts = urlsplit(endpoint)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise StoreUnavailable(f"not an http(s) URL: {redact(endpoint)}")
        self.endpoint = urlunsplit((parts.scheme, parts.netloc.rpartition("@")[2], parts.path,
                                    parts.query, parts.fragment))
        self.limits, self.retries, self.backoff = limits, retries, backoff
        self.credentials = credentials or Credentials.from_environment()
        if parts.username and not (self.credentials.user or self.credentials.token):
            # user information in the URL: HTTP basic, as a browser would
            self.credentials = Credentials(unquote(parts.username),
                                           unquote(parts.password or ""))
        self.name = redact(endpoint)
        self._checked = not expect_dataset

    # -- transport ---------------------------------------------------------------------------

    def _wrapper(self, text: str, accept: str, dataset: Dataset) -> SPARQLWrapper:
        wrapper = SPARQLWrapper(self.endpoint)
        wrapper.setMethod(POST)
        wrapper.setRequestMethod(POSTDIRECTLY)
        wrapper.setQuery(text)
        # SPARQLWrapper guesses the form with a pattern that a word such as "pko:addedBy"
        # misleads into an update; the form is known (pkograph.store.query_text.query_form)
        wrapper.queryType = _WRAPPER_FORMS[query_form(check(text))]
        wrapper.addCustomHttpHeader("Accept", accept)
        if self.limits.timeout is not None:
            wrapper.setTimeout(max(1, round(self.limits.timeout)))
        for graph in dataset.default_graphs:
            wrapper.addDefaultGraph(graph)
        for graph in dataset.named_graphs:
            wrapper.addNamedGraph(graph)
        if self.credentials.token:
            wrapper.addCustomHttpHeader("Authorization", f"Bearer {self.credentials.token}")
        elif self.credentials.user:
            wrapper.setCredentials(self.credentials.user, self.credentials.password)
        return wrapper

    def _open(self, text: str, accept: str, dataset: Dataset) -> Any:
        """The HTTP response to a query, after retrying what may pass."""
        attempt = 0
        while True:
            try:
                wrapper = self._wrapper(text, accept, dataset)
                return wrapper.query().response
            except QueryBadFormed as exc:
                raise QueryError(f"{self.name} refused the query: {_body(exc)}") from None
            except (Unauthorized, EndPointNotFound, URITooLong) as exc:
                raise StoreUnavailable(_refusal(self.name, exc)) from None
            except TimeoutError:
                raise QueryTimeout(f"{self.name} did not answer within {self.limits.timeout:g} s"
                                   ) from None
            except (EndPointInternalError, urllib.error.URLError, ConnectionError) as exc:
                status = exc.code if isinstance(exc, urllib.error.HTTPError) else 500
                retry = not isinstance(exc, urllib.error.HTTPError) or status in _RETRY_STATUS
                if isinstance(exc, urllib.error.URLError) and isinstance(
                        exc.reason, (socket.timeout, TimeoutError)):
                    raise QueryTimeout(f"{self.name} did not answer within "
                                       f"{self.limits.timeout:g} s") from None
                if not retry or attempt >= self.retries:
                    raise StoreUnavailable(_failure(self.name, exc, attempt)) from None
            except SPARQLWrapperException as exc:
                raise StoreUnavailable(f"{self.name}: {_body(exc)}") from None
            time.sleep(self.backoff * 2 ** attempt)
            attempt += 1

    def _read(self, response: Any) -> Iterator[bytes]:
        limit, size = self.limits.max_result_bytes, 0
        try:
            while chunk := response.read(65536):
                size += len(chunk)
                if limit is not None and size > limit:
                    raise ResultTooLarge(f"the result is larger than {limit:,} bytes")
                yield chunk
        except TimeoutError:
            raise QueryTimeout(f"{self.name} did not finish its answer within "
                               f"{self.limits.timeout:g} s") from None
        except (OSError, urllib.error.URLError) as exc:
            raise StoreUnavailable(f"{self.name} broke off its answer: {exc}") from None
        finally:
            response.close()

    def _fetch(self, q: Query, media_type: str, dataset: Dataset) -> Iterable[bytes]:
        self.check()
        return self._read(self._open(q.text, media_type, dataset))

    # -- the store interface (the rest: pkograph.store.results.AnsweringStore) ---------------

    def quads(self, graph: str | None = None) -> Iterator[Quad]:
        where = (f"GRAPH <{graph}> {{ ?s ?p ?o }} BIND(<{graph}> AS ?g)" if graph
                 else "GRAPH ?g { ?s ?p ?o }")
        for row in self.select(f"SELECT ?s ?p ?o ?g WHERE {{ {where} }}"):
            yield (row["s"], row["p"], row["o"], URIRef(str(row["g"])))  # type: ignore[misc]

    def close(self) -> None:
        pass

    # -- the dataset the saved queries need --------------------------------------------------

    def check(self) -> None:
        """Check once that the endpoint answers and holds the pkograph dataset with the union
        of its named graphs as default graph; raise StoreUnavailable saying what to do."""
        if self._checked:
            return
        sample = parse_json(b"".join(self._read(self._open(_SAMPLE, JSON, ALL_GRAPHS))))
        if not isinstance(sample, Rows) or not sample.rows:
            raise StoreUnavailable(f"{self.name} holds no named graph: load the graph into it "
                                   "with `pkograph push`")
        row = sample.rows[0]
        probe = "ASK { " + " ".join(term_text(row[v]) for v in "spo") + " }"  # type: ignore[arg-type]
        if not parse_json(b"".join(self._read(self._open(probe, JSON, ALL_GRAPHS)))):
            raise StoreUnavailable(f"{self.name} does not answer with the union of its named "
                                   f"graphs as its default graph, which the queries need: "
                                   f"{UNION_HELP}")
        self._checked = True


def _body(exc: Exception) -> str:
    text = str(exc)
    marker = "Response:\n"
    if marker in text:
        text = text.split(marker, 1)[1]
    text = text.strip().removeprefix("b'").removeprefix('b"').rstrip("'\"")
    return " ".join(text.replace("\\n", " ").split())[:500]


def _refusal(name: str, exc: Exception) -> str:
    if isinstance(exc, Unauthorized):
        return (f"{name} refused the credentials (HTTP 401): set {ENV_USER} and {ENV_PASSWORD}, "
                f"or {ENV_TOKEN}")
    if isinstance(exc, EndPointNotFound):
        return f"{name} is not a SPARQL endpoint (HTTP 404): check the URL"
    return f"{name} refused the request: {_body(exc)}"


def _failure(name: str, exc: Exception, attempts: int) -> str:
    tries = f" (tried {attempts + 1} times)" if attempts else ""
    if isinstance(exc, urllib.error.HTTPError):
        return f"{name} answered HTTP {exc.code}{tries}: {_body(exc)}"
    if isinstance(exc, EndPointInternalError):
        return f"{name} answered HTTP 500{tries}: {_body(exc)}"
    reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    return f"cannot reach {name}{tries}: {reason}"
