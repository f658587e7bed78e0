"""What every store offers, embedded or remote, and what it answers with.

``GraphStore`` is the one interface the saved queries, name lookup, contribution checks, export,
figures and the web server talk to. Two implementations exist: the embedded store on disk
(:mod:`pkograph.store.disk`, with an in-memory variant for small graphs) and any SPARQL 1.1
endpoint (:mod:`pkograph.store.remote`). Every store is given the same standard SPARQL, prepared
by :func:`pkograph.store.query_text.prepare`, and sees the same dataset: the default graph is
the union of all named graphs (each citation's graph, the provenance graph, the ISO 3166 graph
and the ontology), kept as a bag as Oxigraph's and Fuseki's union default graphs are (a triple
two citations state is there twice, so queries count with DISTINCT).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from rdflib import Graph
from rdflib.term import Node

from pkograph.terms import Quad


@dataclass
class Rows:
    """The answer to a SELECT query: variable names and one mapping per solution."""

    variables: list[str]
    rows: list[dict[str, Node | None]] = field(default_factory=list)

    def __iter__(self) -> Iterator[dict[str, Node | None]]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def column(self, name: str) -> list[Node | None]:
        return [row.get(name) for row in self.rows]


class QueryError(Exception):
    """A query that cannot be parsed or run: the message says why (a usage error)."""


class QueryTimeout(QueryError):
    """A query stopped because it ran past the time limit."""


class ResultTooLarge(QueryError):
    """A query stopped because its result grew past the size limit."""


class NotAcceptable(QueryError):
    """The query's form cannot be answered in any of the media types asked for."""


class StoreUnavailable(Exception):
    """The store cannot be reached or used: missing, down, refusing, misconfigured."""


@dataclass(frozen=True)
class Limits:
    """What one evaluation may take. None: no limit."""

    #: seconds from the start of the evaluation to the last byte of its result
    timeout: float | None = 60.0
    #: bytes of serialized result (SPARQL JSON for SELECT and ASK, N-Triples for graphs)
    max_result_bytes: int | None = 256 << 20
    #: bracket nesting of the query text (:data:`pkograph.store.query_text.MAX_DEPTH`)
    max_depth: int = 64
    #: bytes of memory (address space) of a worker process of the on-disk store
    max_memory: int | None = 4 << 30


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class Dataset:
    """The dataset a query asks for by the protocol's ``default-graph-uri`` and
    ``named-graph-uri``; empty: the store's own (the union default graph, every named graph)."""

    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.default_graphs or self.named_graphs)


#: The store's own dataset: the union default graph and every named graph.
ALL_GRAPHS = Dataset()


@dataclass
class Answer:
    """A query's result serialized in a media type, as a stream of bytes (for the protocol)."""

    form: str  # select, ask or graph
    media_type: str
    chunks: Iterable[bytes]


@dataclass
class AsyncAnswer:
    """An :class:`Answer` whose bytes come in an asyncio event loop."""

    form: str
    media_type: str
    chunks: AsyncGenerator[bytes, None]


class GraphStore(Protocol):
    """What every store offers, embedded or remote."""

    #: how to name the store in messages (a folder, or an endpoint URL without credentials)
    name: str

    def select(self, query: str, bindings: Mapping[str, Node] | None = None) -> Rows: ...

    def ask(self, query: str, bindings: Mapping[str, Node] | None = None) -> bool: ...

    def construct(self, query: str, bindings: Mapping[str, Node] | None = None) -> Graph: ...

    def answer(self, query: str, accept: Sequence[str] = (),
               dataset: Dataset = ALL_GRAPHS, base: str | None = None) -> Answer:
        """Run a query and stream its result in the first media type of ``accept`` its form
        allows (see :data:`pkograph.store.results.MEDIA_TYPES`; ``*/*`` or nothing: the form's
        default); raises NotAcceptable if there is none. Relative IRIs of the query resolve
        against ``base``."""
        ...

    def quads(self, graph: str | None = None) -> Iterator[Quad]:
        """Every quad of the named graphs, or of one graph."""
        ...

    def close(self) -> None: ...


async def answer_async(store: GraphStore, query: str, accept: Sequence[str] = (),
                       dataset: Dataset = ALL_GRAPHS, base: str | None = None) -> AsyncAnswer:
    """``store.answer(...)`` for a caller in an asyncio event loop (the web server): through the
    store's own ``answer_async`` where it has one (the on-disk store waits on its workers in the
    loop), else in a thread, one for the call and one per chunk read."""
    native = getattr(store, "answer_async", None)
    if native is not None:
        return await native(query, accept, dataset, base)  # type: ignore[no-any-return]
    answer = await asyncio.to_thread(store.answer, query, accept, dataset, base)
    return AsyncAnswer(answer.form, answer.media_type, _in_threads(iter(answer.chunks)))


async def _in_threads(chunks: Iterator[bytes]) -> AsyncGenerator[bytes, None]:
    end = object()
    try:
        while (chunk := await asyncio.to_thread(next, chunks, end)) is not end:
            yield chunk  # type: ignore[misc]
    finally:
        close = getattr(chunks, "close", None)
        if close is not None:
            close()
