"""Writing files so that a reader sees the old content or the new one, never a part.

A regular file (or a new one) is written aside as ``.{name}.pkograph-{random}.partial``,
flushed to disk and renamed over the target; a killed writer leaves at most that scratch file,
which later writes remove once no writer holds it. The file gets the permissions any other tool
would give it: an existing file keeps its own, a new one gets ``0666`` less the umask (the
scratch file is created that way, not with ``tempfile``'s ``0600``). A symbolic link is
followed: the file it points to is replaced, not the link. A character device or a named pipe
(``/dev/null``, ``/dev/stdout``, a FIFO) is written through, since it cannot be replaced and
holds no content to protect; other special files and folders are refused.
"""

from __future__ import annotations

import fcntl
import glob
import os
import secrets
import stat
import time
from pathlib import Path

#: What every scratch file's name ends with.
PARTIAL = ".partial"
#: What marks a scratch file as pkograph's: ``.{name}.pkograph-{random}.partial``.
_MARK = ".pkograph-"
#: A scratch file that no writer holds and that is older than this (seconds) is a leftover.
STALE_AFTER = 60.0


class WriteError(OSError):
    """A file that could not be written, and why."""

    def __init__(self, path: Path, reason: str, errno: int | None = None) -> None:
        super().__init__(errno, reason)
        self.path = path
        self.reason = reason

    def __str__(self) -> str:
        return f"cannot write {self.path}: {self.reason}"


def write_atomically(path: Path, data: bytes, scratch: Path | None = None) -> None:
    """Write ``data`` to ``path`` so that readers see the old or the new content, never a part,
    even if the process is killed (see the module docstring). ``scratch`` is the folder of the
    scratch file (default: the target's); a folder given here is pkograph's own, and every
    stale scratch file in it is removed. Raises WriteError."""
    target = Path(os.path.realpath(path))
    try:
        existing: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        existing = None
    except OSError as exc:
        raise WriteError(path, exc.strerror or str(exc), exc.errno) from None
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        _write_through(path, target, existing, data)
        return
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        aside = scratch or target.parent
        aside.mkdir(parents=True, exist_ok=True)
        remove_leftovers(aside, None if scratch else target.name)
        _replace(target, data, aside, existing)
    except WriteError:
        raise
    except OSError as exc:
        raise WriteError(path, exc.strerror or str(exc), exc.errno) from None


def _replace(target: Path, data: bytes, aside: Path, existing: os.stat_result | None) -> None:
    tmp = aside / f".{target.name}{_MARK}{secrets.token_hex(8)}{PARTIAL}"
    # 0o666: the umask decides, as for any file a tool creates.
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o666)
    try:
        with os.fdopen(fd, "wb") as out:
            fcntl.flock(out, fcntl.LOCK_EX)  # held while writing: not a leftover
            if existing is not None:
                os.fchmod(out.fileno(), stat.S_IMODE(existing.st_mode))
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
            os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    folder = os.open(target.parent, os.O_RDONLY)
    try:
        os.fsync(folder)
    finally:
        os.close(folder)


def _write_through(shown: Path, target: Path, existing: os.stat_result, data: bytes) -> None:
    """Write into a character device or a named pipe; refuse other special files."""
    mode = existing.st_mode
    if stat.S_ISDIR(mode):
        raise WriteError(shown, "it is a folder")
    if not (stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)):
        raise WriteError(shown, "it is neither a regular file, a character device nor a pipe")
    try:
        with open(target, "wb") as out:
            out.write(data)
            out.flush()
    except OSError as exc:
        raise WriteError(shown, exc.strerror or str(exc), exc.errno) from None


def remove_leftovers(folder: Path, name: str | None = None) -> list[Path]:
    """Remove the scratch files a killed writer left in ``folder``: those of the target
    ``name`` (any scratch file if None) that no writer holds and that are older than
    ``STALE_AFTER``. Returns what was removed."""
    pattern = f".{glob.escape(name)}.*{PARTIAL}" if name is not None else f".*{PARTIAL}"
    removed = []
    now = time.time()
    for candidate in folder.glob(pattern):
        try:
            fd = os.open(candidate, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
        except OSError:
            continue
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode) or now - info.st_mtime < STALE_AFTER:
                continue
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                continue  # a writer is still at work
            candidate.unlink(missing_ok=True)
            removed.append(candidate)
        finally:
            os.close(fd)
    return removed
