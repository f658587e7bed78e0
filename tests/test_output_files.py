"""Files pkograph writes: permissions as any tool gives them, special files written through or
refused, scratch files of killed writers cleaned, and a write that fails (a full disk, standard
output on ``/dev/full``) reported in one line naming what could not be written."""

from __future__ import annotations

import fcntl
import os
import resource
import signal
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from contribute_support import (
    FIXTURES,
    RUN_CLI,
    contrib_project,
    contributed,
    contribution_template,
    run,
)

from pkograph.atomic import STALE_AFTER, WriteError, remove_leftovers, write_atomically
from pkograph.fingerprint import current_store
from pkograph.paths import project

__all__ = ["contrib_project", "contribution_template"]

VALID = FIXTURES / "formats" / "valid.ttl"


@pytest.fixture
def umask() -> Iterator[None]:
    """The tests set the umask themselves; the process's is restored after each."""
    saved = os.umask(0o022)
    yield
    os.umask(saved)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# --- permissions ------------------------------------------------------------------------------


def test_a_new_file_gets_the_permissions_the_umask_allows(tmp_path: Path, umask: None) -> None:
    write_atomically(tmp_path / "shared.ttl", b"x")
    os.umask(0o077)
    write_atomically(tmp_path / "private.ttl", b"x")
    assert (mode(tmp_path / "shared.ttl"), mode(tmp_path / "private.ttl")) == (0o644, 0o600)


def test_an_existing_file_keeps_its_permissions(tmp_path: Path, umask: None) -> None:
    target = tmp_path / "dump.ttl"
    target.write_bytes(b"old")
    target.chmod(0o664)
    write_atomically(target, b"new")
    assert (target.read_bytes(), mode(target)) == (b"new", 0o664)


def test_exports_builds_and_contributions_honour_the_umask(contrib_project: Path,
                                                           umask: None) -> None:
    os.umask(0o002)
    (contrib_project / "build" / "fingerprint.json").unlink()  # the next command builds
    dump = contrib_project / "dump.ttl"
    assert run(contrib_project, "export", "-o", dump).exit_code == 0
    assert run(contrib_project, "add", VALID).exit_code == 0
    written = [dump, contrib_project / "build" / "fingerprint.json",
               *contributed(contrib_project)]
    assert [mode(p) for p in written] == [0o664, 0o664, 0o664]
    # the store's own files are written by its database, readable as the umask allows
    store = current_store(project(contrib_project))
    assert store is not None
    assert all(mode(p) & 0o044 == 0o044 for p in store.iterdir() if p.is_file())


# --- special files ----------------------------------------------------------------------------


# These tests never name a real device: run as root, a writer that replaced special files with
# regular ones would replace the machine's /dev/null. A named pipe shows the same behaviour.


def _read_in_background(pipe: Path) -> tuple[threading.Thread, list[bytes]]:
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()), daemon=True)
    reader.start()
    return reader, received


def test_a_named_pipe_is_written_through(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    reader, received = _read_in_background(pipe)
    write_atomically(pipe, b"through the pipe")
    reader.join(10)
    assert received == [b"through the pipe"]
    assert stat.S_ISFIFO(os.stat(pipe).st_mode)
    assert list(tmp_path.iterdir()) == [pipe]


def test_a_link_to_a_named_pipe_is_written_through(tmp_path: Path) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    link = tmp_path / "out.ttl"
    link.symlink_to(pipe)
    reader, received = _read_in_background(pipe)
    write_atomically(link, b"through the link")
    reader.join(10)
    assert received == [b"through the link"]
    assert link.is_symlink() and stat.S_ISFIFO(os.stat(pipe).st_mode)


def test_export_into_a_named_pipe(contrib_project: Path, tmp_path: Path) -> None:
    pipe = tmp_path / "dump.nt"
    os.mkfifo(pipe)
    reader, received = _read_in_background(pipe)
    result = run(contrib_project, "export", "-f", "nt", "-o", pipe)
    reader.join(10)
    assert result.exit_code == 0
    assert received[0].count(b"\n") > 100 and stat.S_ISFIFO(os.stat(pipe).st_mode)


def test_a_link_to_a_file_replaces_the_file_not_the_link(tmp_path: Path) -> None:
    real = tmp_path / "dumps" / "2099.ttl"
    real.parent.mkdir()
    real.write_bytes(b"old")
    link = tmp_path / "latest.ttl"
    link.symlink_to(real)
    write_atomically(link, b"new")
    assert link.is_symlink() and real.read_bytes() == b"new"


def test_a_folder_is_refused(contrib_project: Path, tmp_path: Path) -> None:
    with pytest.raises(WriteError, match="it is a folder"):
        write_atomically(tmp_path, b"x")
    result = run(contrib_project, "export", "-o", tmp_path)
    assert (result.exit_code, result.stderr.splitlines()[-1]) == (
        2, f"error: cannot write {tmp_path}: it is a folder")


# --- scratch files of killed writers --------------------------------------------------------


def _age(path: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


def test_stale_scratch_files_are_removed_and_live_ones_kept(tmp_path: Path) -> None:
    stale = tmp_path / ".dump.ttl.pkograph-0001.partial"
    fresh = tmp_path / ".dump.ttl.pkograph-0002.partial"
    held = tmp_path / ".dump.ttl.pkograph-0003.partial"
    other = tmp_path / ".notes.txt.pkograph-0004.partial"
    for path in (stale, fresh, held, other):
        path.write_bytes(b"part")
    for path in (stale, held, other):
        _age(path, 2 * STALE_AFTER)
    with held.open("rb") as writer:
        fcntl.flock(writer, fcntl.LOCK_EX)
        write_atomically(tmp_path / "dump.ttl", b"whole")
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
            [fresh.name, held.name, other.name, "dump.ttl"])
    assert sorted(remove_leftovers(tmp_path)) == [held, other]  # any target's, once released
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([fresh.name, "dump.ttl"])


KILL_AT_RENAME = (
    "import os, signal\n"
    "real = os.replace\n"
    "def replace(src, dst):\n"
    "    if 'contributed' in str(dst):\n"
    "        os.kill(os.getpid(), signal.SIGKILL)\n"
    "    real(src, dst)\n"
    "os.replace = replace\n" + RUN_CLI.replace("; ", "\n"))


def test_the_next_add_removes_what_a_killed_add_left_in_build(contrib_project: Path) -> None:
    done = subprocess.run([sys.executable, "-c", KILL_AT_RENAME, "--project",
                           str(contrib_project), "add", str(VALID)],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == -signal.SIGKILL
    [left] = (contrib_project / "build").glob(".*.partial")
    _age(left, 2 * STALE_AFTER)
    assert run(contrib_project, "add", VALID).exit_code == 0
    assert list((contrib_project / "build").glob(".*.partial")) == []
    assert len(contributed(contrib_project)) == 1


# --- writes that fail -------------------------------------------------------------------------


def _cli(root: Path, *args: str, **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-c", RUN_CLI, "--project", str(root), *args],
                          timeout=300, check=False, **kwargs)  # type: ignore[call-overload]


@pytest.mark.parametrize("args", [("sparql", "SELECT ?s { ?s a ?c } LIMIT 3"),
                                  ("export", "-o", "-"),
                                  ("validate", str(VALID))], ids=["sparql", "export", "validate"])
def test_a_full_standard_output_is_one_line_and_exit_2(contrib_project: Path,
                                                       args: tuple[str, ...]) -> None:
    with open("/dev/full", "wb") as full:
        done = _cli(contrib_project, *args, stdout=full, stderr=subprocess.PIPE)
    assert done.returncode == 2
    assert done.stderr.decode().splitlines()[-1] == (
        "error: cannot write standard output: No space left on device")
    assert b"Traceback" not in done.stderr


def _small_files() -> None:
    """The child may not write files over 4 KB: writes beyond fail (EFBIG), as on a full disk."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (4096, 4096))


def test_a_build_that_cannot_write_its_output_fails_in_one_line(contrib_project: Path) -> None:
    build_dir = contrib_project / "build"
    before = {p: p.read_bytes() for p in build_dir.rglob("*") if p.is_file()}
    done = _cli(contrib_project, "build", capture_output=True, text=True,
                preexec_fn=_small_files)
    assert done.returncode == 1
    last = done.stderr.splitlines()[-1]
    assert last.startswith("error: build failed: cannot write build/store-")
    assert last.endswith(": File too large") and "Traceback" not in done.stderr
    # the previous graph is as it was, and nothing of the failed one is left
    assert {p: p.read_bytes() for p in build_dir.rglob("*") if p.is_file()} == before
    assert current_store(project(contrib_project)) is not None


def test_an_export_that_cannot_be_written_leaves_the_old_dump(contrib_project: Path) -> None:
    dump = contrib_project / "dump.nt"
    dump.write_bytes(b"the previous dump")
    done = _cli(contrib_project, "export", "-f", "nt", "-o", str(dump), capture_output=True,
                text=True, preexec_fn=_small_files)
    assert done.returncode == 2
    assert done.stderr.splitlines()[-1] == f"error: cannot write {dump}: File too large"
    assert dump.read_bytes() == b"the previous dump"
