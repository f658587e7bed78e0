"""Worker processes that evaluate queries on the on-disk store, and can be stopped.

pyoxigraph cannot interrupt a query, and a runaway query (a cartesian product, a property path
over a cycle) runs for minutes and takes gigabytes. So the on-disk store evaluates in worker
processes (:mod:`pkograph.store.worker`), each with the store opened read-only: the parent
waits for the answer until the deadline and, past it, kills the worker and starts another. The
same happens when the caller stops reading a result midway, or presses Ctrl-C. Several workers
answer at once, so one slow query does not hold up the others.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import selectors
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from pkograph.store.base import (
    NotAcceptable,
    QueryError,
    QueryTimeout,
    ResultTooLarge,
    StoreUnavailable,
)
from pkograph.store.worker import DATA, END, ERROR, FORM, HEADER, READY, REQUEST

#: Seconds a new worker may take to open the store.
START_TIMEOUT = 60.0
#: The folder holding the pkograph package, so a worker imports the same code as its parent.
_PACKAGE_ROOT = str(Path(__file__).resolve().parents[2])


@dataclass
class Head:
    """What a worker said before its result: the query form."""

    form: str


class Worker:
    """One worker process and its pipes."""

    def __init__(self, location: Path, max_memory: int | None = None) -> None:
        self.max_memory = max_memory
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [_PACKAGE_ROOT, env.get("PYTHONPATH")]))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "pkograph.store.worker", str(location), str(max_memory or 0)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            start_new_session=True, env=env)
        assert self.process.stdin is not None and self.process.stdout is not None
        self._in, self._out = self.process.stdin, self.process.stdout
        self._selector = selectors.DefaultSelector()
        self._selector.register(self._out, selectors.EVENT_READ)
        self._buffer = b""
        try:
            tag, payload = self.receive(time.monotonic() + START_TIMEOUT)
        except (EOFError, TimeoutError):
            tag, payload = b"", b""
        if tag != READY:
            self.kill()
            message = json.loads(payload).get("message", "") if tag == ERROR else ""
            raise StoreUnavailable(f"cannot open the store at {location}: {message}")

    def send(self, request: dict[str, Any]) -> None:
        payload = json.dumps(request).encode("utf-8")
        try:
            self._in.write(HEADER.pack(REQUEST, len(payload)) + payload)
            self._in.flush()
        except OSError:
            raise StoreUnavailable("a query worker stopped unexpectedly") from None

    def _fill(self, size: int, deadline: float) -> None:
        fd = self._out.fileno()
        while len(self._buffer) < size:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not self._selector.select(remaining):
                raise TimeoutError
            chunk = os.read(fd, max(65536, size - len(self._buffer)))
            if not chunk:
                raise EOFError
            self._buffer += chunk

    def receive(self, deadline: float) -> tuple[bytes, bytes]:
        """The next frame; TimeoutError if it has not fully arrived by the deadline."""
        self._fill(HEADER.size, deadline)
        tag, size = HEADER.unpack(self._buffer[: HEADER.size])
        self._fill(HEADER.size + size, deadline)
        payload = self._buffer[HEADER.size : HEADER.size + size]
        self._buffer = self._buffer[HEADER.size + size :]
        return tag, payload

    def kill(self) -> None:
        self.process.kill()
        self.process.wait()
        self._selector.close()
        for stream in (self._in, self._out):
            with contextlib.suppress(OSError):
                stream.close()


_ERRORS: dict[str, type[Exception]] = {"syntax": QueryError, "error": QueryError,
                                       "too-large": ResultTooLarge, "unacceptable": NotAcceptable}


def raise_failure(kind: str, message: str) -> NoReturn:
    """Raise the exception of a failed evaluation (see :class:`pkograph.store.worker.Failure`)."""
    raise _ERRORS.get(kind, QueryError)(message)


class WorkerPool:
    """Up to ``size`` workers over the store at ``location``, started when first needed."""

    def __init__(self, location: Path, size: int, max_memory: int | None = None) -> None:
        self.location, self.size, self.max_memory = location, size, max_memory
        self._idle: queue.LifoQueue[Worker] = queue.LifoQueue()
        self._started = 0
        self._lock = threading.Lock()
        self._closed = False

    def _acquire(self, deadline: float | None) -> Worker:
        while True:
            try:
                return self._idle.get_nowait()
            except queue.Empty:
                pass
            with self._lock:
                if self._closed:
                    raise StoreUnavailable("the store is closed")
                if self._started < self.size:
                    self._started += 1
                    break
            try:
                timeout = None if deadline is None else max(0.0, deadline - time.monotonic())
                return self._idle.get(timeout=timeout)
            except queue.Empty:
                raise QueryTimeout("no query worker became free before the time limit") from None
        try:
            return Worker(self.location, self.max_memory)
        except BaseException:
            with self._lock:
                self._started -= 1
            raise

    def _discard(self, worker: Worker) -> None:
        worker.kill()
        with self._lock:
            self._started -= 1

    def run(self, request: dict[str, Any], timeout: float | None) -> Iterator[Head | bytes]:
        """The head, then the result's chunks; the worker is stopped at the deadline, or when
        the caller stops reading before the end."""
        deadline = None if timeout is None else time.monotonic() + timeout
        worker = self._acquire(deadline)
        finished = False
        try:
            worker.send(request)
            while True:
                try:
                    tag, payload = worker.receive(deadline if deadline is not None
                                                  else time.monotonic() + 10 ** 9)
                except TimeoutError:
                    raise QueryTimeout(f"the query ran past the time limit of {timeout:g} s and "
                                       "was stopped") from None
                except EOFError:
                    memory = (f" more than {worker.max_memory >> 20:,} MiB of memory, or"
                              if worker.max_memory else "")
                    raise QueryError(f"the query engine stopped while answering: the query "
                                     f"needs{memory} is too complex to evaluate") from None
                if tag == FORM:
                    yield Head(payload.decode())
                elif tag == DATA:
                    yield payload
                elif tag == END:
                    finished = True
                    return
                elif tag == ERROR:
                    finished = True
                    error = json.loads(payload)
                    raise_failure(error["kind"], error["message"])
        finally:
            if finished and not self._closed:
                self._idle.put(worker)
            else:
                self._discard(worker)

    def close(self) -> None:
        """Stop every worker."""
        with self._lock:
            self._closed = True
        while True:
            try:
                self._idle.get_nowait().kill()
            except queue.Empty:
                return
