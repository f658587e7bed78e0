"""The dumps served at ``/download/``: the bytes ``pkograph export`` writes, made once per store.

Each format of :data:`pkograph.export.FORMATS` is serialized from the store's quads (the
ontology graph left out, as ``pkograph export`` leaves it out) by
:func:`pkograph.export.serialize`, so a download is byte-identical to an export of the same
graph; a gzip copy is made beside it for clients that ask for compression. The files live under
``build/dumps/<store>/``, named after the store they were made from: a server restarted on the
same store serves them at once, a new build gets its own, and the folders of stores that are
gone are removed. A store that is not on disk (a remote endpoint) gets a temporary folder for
the life of the server.
"""

from __future__ import annotations

import gzip
import hashlib
import shutil
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from pkograph.atomic import write_atomically
from pkograph.description import modified
from pkograph.export import FORMATS, Format, serialize
from pkograph.namespaces import ONTOLOGY_GRAPH
from pkograph.paths import Project
from pkograph.store.base import GraphStore

#: The name of every dump file: pkograph.ttl, pkograph.nt...
STEM = "pkograph"


@dataclass(frozen=True)
class Dump:
    """One dump on disk: its format, file, gzip copy, size and SHA-256 (of the plain bytes)."""

    format: Format
    path: Path
    gzip_path: Path
    size: int
    sha256: str

    @property
    def filename(self) -> str:
        return self.path.name


def filename(fmt: Format) -> str:
    return STEM + fmt.suffix


class Dumps:
    """Every dump of one store, made on first use (by one thread; the others wait)."""

    def __init__(self, store: GraphStore, project: Project) -> None:
        self.store = store
        location: Path | None = getattr(store, "location", None)
        self._scratch: tempfile.TemporaryDirectory[str] | None = None
        if location is not None:
            self.folder = project.build_dir / "dumps" / location.name
        else:
            self._scratch = tempfile.TemporaryDirectory(prefix="pkograph-dumps-")
            self.folder = Path(self._scratch.name)
        self.modified = modified(store)
        self._lock = threading.Lock()
        self._dumps: dict[str, Dump] | None = None

    def all(self) -> dict[str, Dump]:
        """Every dump by format name, made now if they were not yet."""
        with self._lock:
            if self._dumps is None:
                self._dumps = self._load() or self._make()
            return self._dumps

    def _files(self, fmt: Format) -> tuple[Path, Path]:
        path = self.folder / filename(fmt)
        return path, path.with_name(path.name + ".gz")

    def _load(self) -> dict[str, Dump] | None:
        """The dumps already made for this store, if all are there."""
        dumps = {}
        for name, fmt in FORMATS.items():
            path, packed = self._files(fmt)
            if not (path.is_file() and packed.is_file()):
                return None
            data = path.read_bytes()
            dumps[name] = Dump(fmt, path, packed, len(data), hashlib.sha256(data).hexdigest())
        return dumps

    def _make(self) -> dict[str, Dump]:
        quads = [q for q in self.store.quads() if q[3] != ONTOLOGY_GRAPH]
        dumps = {}
        for name, fmt in FORMATS.items():
            data = serialize(quads, name)
            path, packed = self._files(fmt)
            write_atomically(packed, gzip.compress(data, mtime=0))
            write_atomically(path, data)
            dumps[name] = Dump(fmt, path, packed, len(data), hashlib.sha256(data).hexdigest())
        self._remove_stale()
        return dumps

    def _remove_stale(self) -> None:
        """Remove the dumps of stores that no longer exist (a later build removed them)."""
        if self._scratch is not None:
            return
        builds = self.folder.parent.parent
        for folder in self.folder.parent.iterdir():
            if folder != self.folder and not (builds / folder.name).is_dir():
                shutil.rmtree(folder, ignore_errors=True)

    def close(self) -> None:
        if self._scratch is not None:
            self._scratch.cleanup()
