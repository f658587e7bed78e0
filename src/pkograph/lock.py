"""The project's writer lock: builds and contributions never interleave."""

from __future__ import annotations

import fcntl
import time
from collections.abc import Iterator
from contextlib import contextmanager

from pkograph.paths import Project

LOCK_FILE = ".contribute.lock"


class LockTimeout(Exception):
    """Another writer held the lock for longer than the caller would wait."""


@contextmanager
def writer_lock(project: Project, wait: float) -> Iterator[None]:
    """Hold the project's writer lock (``fcntl.flock`` on ``build/.contribute.lock``); raise
    LockTimeout after ``wait`` seconds."""
    path = project.build_dir / LOCK_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a+b") as handle:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise LockTimeout(f"another pkograph build or add holds {path.name} "
                                      f"(waited {wait:g} s); try again when it has finished"
                                      ) from None
                time.sleep(0.05)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
