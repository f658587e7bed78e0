"""Evaluating a query on a pyoxigraph store and streaming its serialized result.

:func:`evaluate` is the one place where pkograph runs SPARQL on pyoxigraph: in process for the
small in-memory stores of the build and of contribution checks, and in the worker processes of
the on-disk store (``python -m pkograph.store.worker LOCATION``), which a parent can stop at a
time limit: pyoxigraph has no time limit of its own and cannot be interrupted from Python.

This module imports nothing but pyoxigraph and the standard library, so a worker starts in a
tenth of a second. A worker reads requests on its standard input and answers on its standard
output, in frames: one tag byte, a 4-byte length, the payload (see :mod:`pkograph.store.pool`).
"""

from __future__ import annotations

import json
import os
import resource
import signal
import struct
import sys
import threading
import time
from collections.abc import Callable
from typing import Any, BinaryIO

import pyoxigraph as ox

#: Frame tags: ready, a request, the query form, a chunk of result, the end, an error.
READY, REQUEST, FORM, DATA, END, ERROR = b"R", b"Q", b"F", b"D", b"E", b"X"
HEADER = struct.Struct(">cI")
#: Bytes of frames gathered before they are written.
FLUSH_BYTES = 1 << 16

_RESULTS = {"application/sparql-results+json": ox.QueryResultsFormat.JSON,
            "application/sparql-results+xml": ox.QueryResultsFormat.XML,
            "text/csv": ox.QueryResultsFormat.CSV,
            "text/tab-separated-values": ox.QueryResultsFormat.TSV}
_GRAPHS = {"text/turtle": ox.RdfFormat.TURTLE, "application/n-triples": ox.RdfFormat.N_TRIPLES,
           "application/ld+json": ox.RdfFormat.JSON_LD,
           "application/rdf+xml": ox.RdfFormat.RDF_XML}
_FORMS = {ox.QuerySolutions: "select", ox.QueryBoolean: "ask", ox.QueryTriples: "graph"}


class Failure(Exception):
    """An evaluation that failed: ``kind`` is syntax, too-large, unacceptable or error."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


class _Sink:
    """A binary writer for pyoxigraph's serializers that passes chunks on and stops the
    serialization once more than ``limit`` bytes were written."""

    def __init__(self, emit: Callable[[bytes], None], limit: int | None) -> None:
        self.emit, self.limit, self.written = emit, limit, 0

    def write(self, data: bytes) -> int:
        self.written += len(data)
        if self.limit is not None and self.written > self.limit:
            raise OSError("result size limit")
        self.emit(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass


def evaluate(store: ox.Store, request: dict[str, Any], emit: Callable[[bytes], None],
             form: Callable[[str], None] = lambda _: None) -> None:
    """Run ``request`` (``text``, ``media_type``, optional ``default_graphs``, ``named_graphs``,
    ``union`` and ``max_bytes``) and pass the serialized result to ``emit`` chunk by chunk.

    The default graph is the union of the named graphs when ``union`` is true (the query and
    the request name no graphs); otherwise the graphs the request names replace those the
    query's FROM and FROM NAMED name, as the SPARQL Protocol says, and a graph the store does
    not hold is empty (nothing is ever fetched).
    """
    defaults: list[Any] = [ox.NamedNode(g) for g in request.get("default_graphs") or ()]
    named: list[Any] = [ox.NamedNode(g) for g in request.get("named_graphs") or ()]
    union = request.get("union", not defaults and not named)
    if not union and (named and not defaults):
        defaults = [ox.DefaultGraph()]  # named graphs only: the default graph is empty
    try:
        result = store.query(request["text"], use_default_graph_as_union=union,
                             default_graph=defaults or None, named_graphs=named or None)
    except SyntaxError as exc:
        raise Failure("syntax", f"SPARQL syntax error: {exc}") from None
    except (OSError, RuntimeError, ValueError) as exc:
        raise Failure("error", str(exc)) from None
    kind = _FORMS[type(result)]
    form(kind)
    media_type = request["media_type"]
    formats: dict[str, Any] = _GRAPHS if kind == "graph" else _RESULTS
    if media_type not in formats:
        raise Failure("unacceptable", f"a {kind} query cannot be answered in {media_type}")
    sink = _Sink(emit, request.get("max_bytes"))
    try:
        result.serialize(sink, format=formats[media_type])  # type: ignore[arg-type]
    except OSError as exc:
        if str(exc) == "result size limit":
            raise Failure("too-large", f"the result is larger than {sink.limit:,} bytes") from None
        raise Failure("error", str(exc)) from None
    except (RuntimeError, ValueError) as exc:
        raise Failure("error", str(exc)) from None


def _read_exactly(stream: BinaryIO, size: int) -> bytes:
    data = b""
    while len(data) < size:
        part = stream.read(size - len(data))
        if not part:
            raise EOFError
        data += part
    return data


def _watch_parent(parent: int) -> None:
    """Exit when the parent is gone, even in the middle of a long evaluation."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(0)


def serve(location: str, incoming: BinaryIO, outgoing: BinaryIO) -> None:
    """Answer requests on a store opened read-only until the input ends."""
    threading.Thread(target=_watch_parent, args=(os.getppid(),), daemon=True).start()

    pending = bytearray()

    def flush() -> None:
        frames = memoryview(pending)
        while frames:
            frames = frames[outgoing.write(frames) or 0 :]
        frames.release()
        pending.clear()

    def send(tag: bytes, payload: bytes, last: bool = False) -> None:
        """Queue a frame; written when 64 KiB are waiting or the answer is complete, so a
        small answer costs the parent one read."""
        pending.extend(HEADER.pack(tag, len(payload)))
        pending.extend(payload)
        if last or len(pending) >= FLUSH_BYTES:
            flush()

    try:
        store = ox.Store.read_only(location)
    except OSError as exc:
        send(ERROR, json.dumps({"kind": "open", "message": str(exc)}).encode(), last=True)
        return
    send(READY, b"", last=True)

    while True:
        try:
            _, size = HEADER.unpack(_read_exactly(incoming, HEADER.size))
            request = json.loads(_read_exactly(incoming, size))
        except EOFError:
            return
        try:
            evaluate(store, request, lambda chunk: send(DATA, chunk),
                     lambda kind: send(FORM, kind.encode()))
            send(END, b"", last=True)
        except Failure as exc:
            send(ERROR, json.dumps({"kind": exc.kind, "message": str(exc)}).encode(), last=True)


def main() -> None:
    """The worker process: ``LOCATION [MAX_MEMORY_BYTES]``; protocol on the standard input and
    output, and anything else a library prints goes to standard error, so it cannot corrupt the
    frames. Past its memory limit the process aborts, and the parent reports it."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides when a worker stops
    memory = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if memory and (hard == resource.RLIM_INFINITY or memory < hard):
        resource.setrlimit(resource.RLIMIT_AS, (memory, hard))
    incoming = os.fdopen(os.dup(0), "rb", buffering=0)
    outgoing = os.fdopen(os.dup(1), "wb", buffering=0)
    os.dup2(2, 1)
    serve(sys.argv[1], incoming, outgoing)  # type: ignore[arg-type]


if __name__ == "__main__":
    main()
