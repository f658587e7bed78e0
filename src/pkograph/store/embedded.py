"""The embedded stores: pyoxigraph in this process for small graphs, or on disk for the graph.

Both evaluate with :func:`pkograph.store.worker.evaluate`, given the same prepared text
(:func:`pkograph.store.query_text.prepare`), and read the answers as a remote store does, from
SPARQL JSON results and N-Triples, so every store answers every query the same way.

- :class:`MemoryStore` holds a few thousand quads in memory (the build's checks, the
  neighbourhood of a contribution) and evaluates in process, without a time limit.
- :class:`DiskStore` is the built graph: a pyoxigraph store on disk, opened read-only by each of
  a few worker processes (:mod:`pkograph.store.pool`), which stop a query at the time limit and
  answer several queries at once. Opening it reads nothing but the store's index files, so a
  command starts at once whatever the size of the graph.
"""

from __future__ import annotations

import re
import shutil
import time
from collections.abc import AsyncGenerator, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import URIRef

from pkograph.atomic import WriteError
from pkograph.store.base import (
    ALL_GRAPHS,
    DEFAULT_LIMITS,
    AsyncAnswer,
    Dataset,
    Limits,
    QueryError,
)
from pkograph.store.pool import Head, WorkerPool, raise_failure
from pkograph.store.query_text import Query
from pkograph.store.results import AnsweringStore, choose
from pkograph.store.worker import Failure, evaluate
from pkograph.terms import Quad, from_ox, nquads_lines

_POSITION = re.compile(r"error at 1:(\d+)")


class _Pyoxigraph(AnsweringStore):
    """What both embedded stores share: preparing queries and reading their answers."""

    name: str
    limits: Limits

    def _stream(self, request: dict[str, Any]) -> Iterator[Head | bytes]:
        raise NotImplementedError

    def _store(self) -> ox.Store:
        raise NotImplementedError

    def _request(self, q: Query, media_type: str, dataset: Dataset = ALL_GRAPHS) -> dict[str, Any]:
        return {"text": q.text, "media_type": media_type, "max_bytes": self.limits.max_result_bytes,
                "default_graphs": list(dataset.default_graphs),
                "named_graphs": list(dataset.named_graphs),
                "union": not dataset and not q.names_dataset}

    def _chunks(self, q: Query, request: dict[str, Any]) -> Iterator[bytes]:
        try:
            for part in self._stream(request):
                if isinstance(part, bytes):
                    yield part
        except QueryError as exc:
            raise _as_typed(exc, q) from None

    def _fetch(self, q: Query, media_type: str, dataset: Dataset) -> Iterable[bytes]:
        return self._chunks(q, self._request(q, media_type, dataset))

    def quads(self, graph: str | None = None) -> Iterator[Quad]:
        store = self._store()
        names = ([ox.NamedNode(graph)] if graph is not None else list(store.named_graphs()))
        for name in names:
            for q in store.quads_for_pattern(None, None, None, name):
                yield (from_ox(q.subject), from_ox(q.predicate), from_ox(q.object),
                       URIRef(name.value))  # type: ignore[union-attr]


def _as_typed(exc: QueryError, q: Query) -> QueryError:
    """The error with positions as the user wrote the query: the prologue sits on their first
    line, so columns of that line are shifted by its length."""
    message = _POSITION.sub(lambda m: f"error at 1:{max(1, int(m[1]) - q.offset)}", str(exc))
    return type(exc)(message)


class MemoryStore(_Pyoxigraph):
    """A small graph in memory, queried in this process (no time limit)."""

    def __init__(self, quads: Iterable[Quad] = (), limits: Limits = DEFAULT_LIMITS) -> None:
        self.name, self.limits = "memory", limits
        self._ox = ox.Store()
        self.load("".join(nquads_lines(quads)).encode("utf-8"))

    @classmethod
    def from_nquads(cls, *parts: bytes) -> MemoryStore:
        """A store over N-Quads text, read by pyoxigraph directly (no rdflib terms on the way)."""
        store = cls()
        store.load(b"".join(parts))
        return store

    def load(self, nquads: bytes) -> None:
        if nquads:
            self._ox.bulk_load(nquads, format=ox.RdfFormat.N_QUADS)

    def __len__(self) -> int:
        """The number of quads in the named graphs."""
        return sum(1 for q in self._ox.quads_for_pattern(None, None, None, None)
                   if not isinstance(q.graph_name, ox.DefaultGraph))

    def _store(self) -> ox.Store:
        return self._ox

    def _stream(self, request: dict[str, Any]) -> Iterator[Head | bytes]:
        forms: list[str] = []
        chunks: list[bytes] = []
        try:
            evaluate(self._ox, request, chunks.append, forms.append)
        except Failure as exc:
            raise_failure(exc.kind, str(exc))
        yield Head(forms[0])
        yield from chunks

    def close(self) -> None:
        pass


class DiskStore(_Pyoxigraph):
    """The built graph on disk, queried by worker processes that stop at the time limit."""

    def __init__(self, location: Path, limits: Limits = DEFAULT_LIMITS, workers: int = 2) -> None:
        self.location, self.limits = location, limits
        self.name = str(location)
        self._pool = WorkerPool(location, workers, limits.max_memory)
        self._handle: ox.Store | None = None

    def _stream(self, request: dict[str, Any]) -> Iterator[Head | bytes]:
        return self._pool.run(request, self.limits.timeout)

    async def answer_async(self, query: str, accept: Sequence[str] = (),
                           dataset: Dataset = ALL_GRAPHS, base: str | None = None
                           ) -> AsyncAnswer:
        """:meth:`answer` in the running event loop, waiting on the workers there (see
        :func:`pkograph.store.base.answer_async`)."""
        q = self._prepare(query, None, base)
        media_type = choose(q.form, accept)
        parts = self._pool.run_async(self._request(q, media_type, dataset), self.limits.timeout)
        return AsyncAnswer(q.form, media_type, _chunks_async(q, parts))

    def _store(self) -> ox.Store:
        if self._handle is None:
            self._handle = ox.Store.read_only(str(self.location))
        return self._handle

    def close(self) -> None:
        self._pool.close()
        self._handle = None


async def _chunks_async(q: Query, parts: AsyncGenerator[Head | bytes, None]
                        ) -> AsyncGenerator[bytes, None]:
    try:
        async for part in parts:
            if isinstance(part, bytes):
                yield part
    except QueryError as exc:
        raise _as_typed(exc, q) from None
    finally:
        await parts.aclose()


def written_at(location: Path) -> datetime:
    """When the store at ``location`` was written: its name records it (see :func:`write_store`),
    so every copy of a build tells the same time."""
    try:
        nanoseconds = int(location.name.removeprefix("store-"), 16)
    except ValueError:
        nanoseconds = location.stat().st_mtime_ns
    return datetime.fromtimestamp(nanoseconds // 1_000_000_000, UTC)


def write_store(folder: Path, nquads: bytes) -> Path:
    """A new store under ``folder`` holding the quads; readers of older stores are untouched.
    A store that cannot be written whole (a full disk) is removed, and WriteError raised."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"store-{time.time_ns():x}"
    with _whole(target):
        store = ox.Store(str(target))
        store.bulk_load(nquads, format=ox.RdfFormat.N_QUADS)
        store.flush()
        del store  # closes the database and releases its lock
    return target


def extend_store(source: Path, nquads: bytes) -> Path:
    """A new store holding ``source``'s quads and these: a checkpoint of ``source`` (its data
    files hard-linked, so this costs little whatever the size) with the quads added."""
    target = source.parent / f"store-{time.time_ns():x}"
    with _whole(target):
        ox.Store.read_only(str(source)).backup(str(target))
        store = ox.Store(str(target))
        store.load(nquads, format=ox.RdfFormat.N_QUADS)
        store.flush()
        del store
    return target


@contextmanager
def _whole(target: Path) -> Iterator[None]:
    """Remove a store left half-written by an error, and say which and why."""
    try:
        yield
    except OSError as exc:
        shutil.rmtree(target, ignore_errors=True)
        reason = exc.strerror or str(exc).rsplit(": ", 1)[-1]
        raise WriteError(target, reason, exc.errno) from None


def remove_stores(folder: Path, keep: set[Path]) -> None:
    """Delete the stores of ``folder`` not in ``keep``: a reader may still use the one before
    the current one, so the caller keeps both."""
    for path in folder.glob("store-*"):
        if path.is_dir() and path not in keep:
            shutil.rmtree(path, ignore_errors=True)
