"""Page rendering: pages per second and latency of ``pkograph serve`` under 8 connections.

Starts ``pkograph serve`` on a free port of this machine (the graph built first if needed),
then, for each page, keeps 8 connections busy requesting it (HTTP/1.1 keep-alive, one thread
per connection) for a fixed time, after a short warm-up, and prints the pages answered per
second and the median and 99th percentile of the time to the last byte. Each page is measured
with the server's page cache (a page once made is kept for the life of the server: the graph
it reads never changes under it) and without it (``PKOGRAPH_PAGE_CACHE=0``: every request reads
the graph and renders). Every answer must be 200 with the page's HTML, or the run fails.

    python bench/bench_pages.py [--seconds 10] [--connections 8] [--project PATH]
"""

from __future__ import annotations

import argparse
import http.client
import os
import re
import signal
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGES = {
    "person page (Yasushi Akashi)": "/id/person/yasushi-akashi",
    "mission page (UNTAC)": "/id/mission/untac",
}
_SERVING = re.compile(r"serving on http://([\d.]+):(\d+)")


@contextmanager
def server(project: Path, cache: bool) -> Iterator[tuple[str, int]]:
    """``pkograph serve`` on a free port, stopped after use."""
    env = dict(os.environ)
    if not cache:
        env["PKOGRAPH_PAGE_CACHE"] = "0"
    process = subprocess.Popen(
        [sys.executable, "-m", "pkograph", "--project", str(project), "serve", "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    try:
        assert process.stdout is not None
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            if not line:
                break
            found = _SERVING.search(line)
            if found:
                yield found.group(1), int(found.group(2))
                return
        raise SystemExit("pkograph serve did not start")
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def load(host: str, port: int, path: str, seconds: float, connections: int,
         ) -> tuple[int, list[float], float]:
    """Requests answered, their latencies (s), and the wall time, over ``seconds``."""
    latencies: list[list[float]] = [[] for _ in range(connections)]
    errors: list[str] = []
    stop = time.monotonic() + seconds

    def client(mine: list[float]) -> None:
        conn = http.client.HTTPConnection(host, port, timeout=30)
        try:
            while time.monotonic() < stop:
                start = time.perf_counter()
                conn.request("GET", path, headers={"Accept": "text/html"})
                response = conn.getresponse()
                body = response.read()
                mine.append(time.perf_counter() - start)
                if response.status != 200 or b"</html>" not in body:
                    errors.append(f"{path}: HTTP {response.status}")
                    return
        finally:
            conn.close()

    threads = [threading.Thread(target=client, args=(mine,)) for mine in latencies]
    began = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall = time.monotonic() - began
    if errors:
        raise SystemExit(errors[0])
    flat = [x for mine in latencies for x in mine]
    return len(flat), flat, wall


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="measured seconds per page")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--project", type=Path, default=ROOT)
    args = parser.parse_args()
    print(f"{args.connections} connections, {args.seconds:g} s per page, {os.cpu_count()} cores")
    print(f"{'page':<32} {'cache':<6} {'pages/s':>8} {'median ms':>10} {'p99 ms':>8} "
          f"{'requests':>9}")
    for cache in (True, False):
        with server(args.project, cache) as (host, port):
            for name, path in PAGES.items():
                load(host, port, path, 2.0, args.connections)  # warm-up: workers, cache
                count, latencies, wall = load(host, port, path, args.seconds, args.connections)
                print(f"{name:<32} {'on' if cache else 'off':<6} {count / wall:>8.0f} "
                      f"{statistics.median(latencies) * 1000:>10.1f} "
                      f"{percentile(latencies, 0.99) * 1000:>8.1f} {count:>9}")


if __name__ == "__main__":
    main()
