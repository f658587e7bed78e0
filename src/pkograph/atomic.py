"""Writing files so that a reader sees the old content or the new one, never a part."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomically(path: Path, data: bytes, scratch: Path | None = None) -> None:
    """Write a file so that readers see the old or the new content, never a part, even if the
    process is killed: written aside (in ``scratch``, default the target's folder), flushed to
    disk, renamed into place, and the rename itself flushed."""
    path.parent.mkdir(parents=True, exist_ok=True)
    aside = scratch or path.parent
    aside.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=aside, prefix=f".{path.name}.", suffix=".partial")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)
