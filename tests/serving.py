"""``pkograph serve`` in a process of its own, on a free port, stopped after use; or an
application over any store, served from a thread of the test process."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_SERVING = re.compile(r"serving on (http://\S+)")


@contextmanager
def serve(root: Path, *args: str, startup: float = 120.0) -> Iterator[str]:
    """The base URL (``http://127.0.0.1:PORT``) of ``pkograph --project ROOT serve --port 0
    ARGS...``; the server is stopped with SIGTERM when the block ends."""
    process = subprocess.Popen(
        [sys.executable, "-m", "pkograph", "--project", str(root), "serve", "--port", "0", *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout is not None
        deadline = time.monotonic() + startup
        url = None
        while url is None and time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            found = _SERVING.search(line)
            url = found.group(1) if found else None
        if url is None:
            process.kill()
            _, stderr = process.communicate()
            raise RuntimeError(f"pkograph serve did not start: {stderr}")
        yield url
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@contextmanager
def serve_app(app: object, startup: float = 30.0) -> Iterator[str]:
    """The base URL of ``app`` (an ASGI application) served by uvicorn on a free port from a
    thread of this process; stopped when the block ends."""
    import uvicorn

    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning",  # type: ignore[arg-type]
                            access_log=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + startup
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the application did not start")
        time.sleep(0.02)
    host, port = server.servers[0].sockets[0].getsockname()[:2]
    try:
        yield f"http://{host}:{port}"
    finally:
        server.should_exit = True
        thread.join(30)
