"""Worker processes that evaluate queries on the on-disk store, and can be stopped.

pyoxigraph cannot interrupt a query, and a runaway query (a cartesian product, a property path
over a cycle) runs for minutes and takes gigabytes. So the on-disk store evaluates in worker
processes (:mod:`pkograph.store.worker`), each with the store opened read-only: the parent
waits for the answer until the deadline and, past it, kills the worker and starts another. The
same happens when the caller stops reading a result midway, or presses Ctrl-C. Several workers
answer at once, so one slow query does not hold up the others.

A pool is used from threads (:meth:`WorkerPool.run`, blocking) or from an asyncio event loop
(:meth:`WorkerPool.run_async`, which waits on the workers' pipes in the loop itself, so a web
server answers a query without handing it to a thread); both read the same frames.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import queue
import selectors
import subprocess
import sys
import threading
import time
import weakref
from collections.abc import AsyncGenerator, Iterator
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
        self._buffer = bytearray()
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

    def _frame(self) -> tuple[bytes, bytes] | None:
        """The next frame if it has fully arrived."""
        if len(self._buffer) < HEADER.size:
            return None
        tag, size = HEADER.unpack_from(self._buffer)
        end = HEADER.size + size
        if len(self._buffer) < end:
            return None
        payload = bytes(self._buffer[HEADER.size : end])
        del self._buffer[:end]
        return tag, payload

    def _read(self) -> None:
        chunk = os.read(self._out.fileno(), 1 << 16)
        if not chunk:
            raise EOFError
        self._buffer += chunk

    def receive(self, deadline: float) -> tuple[bytes, bytes]:
        """The next frame; TimeoutError if it has not fully arrived by the deadline."""
        while (frame := self._frame()) is None:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not self._selector.select(remaining):
                raise TimeoutError
            self._read()
        return frame

    async def receive_async(self, deadline: float) -> tuple[bytes, bytes]:
        """The next frame, waiting in the running event loop; TimeoutError past the deadline."""
        while (frame := self._frame()) is None:
            loop = asyncio.get_running_loop()
            readable = loop.create_future()
            fd = self._out.fileno()
            loop.add_reader(fd, _wake, readable)
            try:
                async with asyncio.timeout(max(0.0, deadline - time.monotonic())):
                    await readable
            finally:
                loop.remove_reader(fd)
            self._read()
        return frame

    def kill(self) -> None:
        self.process.kill()
        self.process.wait()
        self._selector.close()
        for stream in (self._in, self._out):
            with contextlib.suppress(OSError):
                stream.close()


def _wake(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)


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
        #: per event loop, how many queries of that loop may hold a worker at once
        self._slots: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore] = (
            weakref.WeakKeyDictionary())

    def _take(self) -> Worker | None:
        """An idle worker, or None after reserving the start of a new one; raises queue.Empty
        if every worker is busy."""
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            pass
        with self._lock:
            if self._closed:
                raise StoreUnavailable("the store is closed")
            if self._started < self.size:
                self._started += 1
                return None
        raise queue.Empty

    def _start(self) -> Worker:
        try:
            return Worker(self.location, self.max_memory)
        except BaseException:
            with self._lock:
                self._started -= 1
            raise

    def _acquire(self, deadline: float | None) -> Worker:
        while True:
            try:
                worker = self._take()
            except queue.Empty:
                pass
            else:
                return worker if worker is not None else self._start()
            try:
                timeout = None if deadline is None else max(0.0, deadline - time.monotonic())
                return self._idle.get(timeout=timeout)
            except queue.Empty:
                raise QueryTimeout("no query worker became free before the time limit") from None

    async def _acquire_async(self, deadline: float | None) -> Worker:
        try:
            worker = self._take()
        except queue.Empty:
            # held by a caller in a thread: wait for it there
            return await asyncio.to_thread(self._acquire, deadline)
        return worker if worker is not None else await asyncio.to_thread(self._start)

    def _release(self, worker: Worker, finished: bool) -> None:
        """Give a worker back for the next query, or stop it if it did not finish answering."""
        if finished and not self._closed:
            self._idle.put(worker)
        else:
            worker.kill()
            with self._lock:
                self._started -= 1

    @staticmethod
    def _part(worker: Worker, tag: bytes, payload: bytes) -> Head | bytes | None:
        """What a frame of the answer says: the form, a chunk, None at the end; raises the
        query's error."""
        if tag == FORM:
            return Head(payload.decode())
        if tag == DATA:
            return payload
        if tag == ERROR:
            error = json.loads(payload)
            raise_failure(error["kind"], error["message"])
        return None

    @staticmethod
    def _stopped(worker: Worker, exc: Exception, timeout: float | None) -> QueryError:
        if isinstance(exc, TimeoutError):
            return QueryTimeout(f"the query ran past the time limit of {timeout:g} s and was "
                                "stopped")
        memory = (f" more than {worker.max_memory >> 20:,} MiB of memory, or"
                  if worker.max_memory else "")
        return QueryError(f"the query engine stopped while answering: the query needs{memory} "
                          "is too complex to evaluate")

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
                except (TimeoutError, EOFError) as exc:
                    raise self._stopped(worker, exc, timeout) from None
                finished = tag in (END, ERROR)
                part = self._part(worker, tag, payload)
                if part is None:
                    return
                yield part
        finally:
            self._release(worker, finished)

    async def run_async(self, request: dict[str, Any], timeout: float | None
                        ) -> AsyncGenerator[Head | bytes, None]:
        """As :meth:`run`, in the running event loop: at most ``size`` queries of the loop hold
        a worker at once, the others wait (until the deadline) for one to come back."""
        deadline = None if timeout is None else time.monotonic() + timeout
        loop = asyncio.get_running_loop()
        slots = self._slots.setdefault(loop, asyncio.Semaphore(self.size))
        try:
            async with asyncio.timeout(None if deadline is None
                                       else max(0.0, deadline - time.monotonic())):
                await slots.acquire()
        except TimeoutError:
            raise QueryTimeout("no query worker became free before the time limit") from None
        try:
            worker = await self._acquire_async(deadline)
            finished = False
            try:
                worker.send(request)
                while True:
                    try:
                        tag, payload = await worker.receive_async(
                            deadline if deadline is not None else time.monotonic() + 10 ** 9)
                    except (TimeoutError, EOFError) as exc:
                        raise self._stopped(worker, exc, timeout) from None
                    finished = tag in (END, ERROR)
                    part = self._part(worker, tag, payload)
                    if part is None:
                        return
                    yield part
            finally:
                self._release(worker, finished)
        finally:
            slots.release()

    def close(self) -> None:
        """Stop every worker."""
        with self._lock:
            self._closed = True
        while True:
            try:
                self._idle.get_nowait().kill()
            except queue.Empty:
                return
