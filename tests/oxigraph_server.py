"""Oxigraph server (the ``oxigraph`` package's binary) on a free port, stopped after use."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def binary() -> str:
    """The ``oxigraph`` command installed beside this Python, or on the PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.is_file() else shutil.which("oxigraph")
    assert found, "the oxigraph server is missing: pip install -e '.[test]' installs it"
    return found


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def oxigraph(location: Path, *options: str) -> Iterator[str]:
    """``oxigraph serve --location LOCATION OPTIONS`` on a free port: yields its base URL
    (``/query``, ``/update`` and ``/store`` are under it)."""
    port = free_port()
    process = subprocess.Popen([binary(), "serve", "--location", str(location), "--bind",
                                f"127.0.0.1:{port}", *options],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{url}/query?query=ASK%7B%7D", timeout=2).read()
                break
            except (urllib.error.URLError, ConnectionError):
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("oxigraph serve did not start") from None
                time.sleep(0.1)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
