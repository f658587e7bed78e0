"""Whether the built graph is current, decided cheaply, and which store holds it.

``build/fingerprint.json`` records, for the graph last built, every input (the ontology,
everything under ``data/``, the quality checks, and the code that builds) with its size,
modification time and SHA-256, and the folder of the store that holds the graph. A reading
command compares sizes and times only: a stat per file, a millisecond for the whole project.
Only a file whose stamp differs is hashed again, so a file touched but unchanged does not force
a rebuild.

The record is written by the build and by ``pkograph add``, both under the project's writer
lock (:mod:`pkograph.lock`), and describes exactly what they read: the build takes the stamps
before and after reading its inputs, and an input edited meanwhile leaves the graph out of date
rather than recorded as built from either version; ``add`` records the file it wrote from the
bytes it wrote.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from pkograph.atomic import write_atomically
from pkograph.paths import Project

RECORD = "fingerprint.json"
_CODE = Path(__file__).parent

#: Per input: size, modification time (ns), SHA-256.
Files = dict[str, tuple[int, int, str]]


@dataclass
class Fingerprint:
    """The inputs a graph was built from, and the folder (under ``build/``) of its store."""

    files: Files = field(default_factory=dict)
    store: str = ""


def violation_queries(project: Project) -> list[Path]:
    return sorted(project.queries_dir.glob("*-violation.rq"))


def inputs(project: Project) -> list[Path]:
    """Every file the build reads, and the code that builds."""
    files = [*sorted(project.ontology_dir.glob("*.ttl")), *sorted(project.data_dir.rglob("*")),
             *violation_queries(project), *sorted(_CODE.rglob("*.py"))]
    return [p for p in files if p.is_file()]


def key(project: Project, path: Path) -> str:
    """How an input is named in the record: relative to the project, or to the code."""
    try:
        return str(path.relative_to(project.root))
    except ValueError:
        return f"code/{path.relative_to(_CODE)}"


def entry(path: Path, content: bytes | None = None) -> tuple[int, int, str]:
    """An input's stamp and digest (of ``content`` when the caller has just written it)."""
    info = path.stat()
    data = path.read_bytes() if content is None else content
    return (info.st_size, info.st_mtime_ns, hashlib.sha256(data).hexdigest())


def take(project: Project, known: Files | None = None) -> Files:
    """Every input's stamp and digest; a file whose stamp equals its ``known`` one keeps the
    known digest without being read."""
    out: Files = {}
    for path in inputs(project):
        name, info = key(project, path), path.stat()
        old = (known or {}).get(name)
        if old is not None and (old[0], old[1]) == (info.st_size, info.st_mtime_ns):
            out[name] = old
        else:
            out[name] = entry(path)
    return out


def recorded(project: Project) -> Fingerprint | None:
    """The fingerprint of the graph last built, if any."""
    try:
        data = json.loads((project.build_dir / RECORD).read_bytes())
        files = {str(k): (int(v[0]), int(v[1]), str(v[2])) for k, v in data["files"].items()}
        return Fingerprint(files, str(data["store"]))
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None


def record(project: Project, fingerprint: Fingerprint) -> None:
    data = {"store": fingerprint.store, "files": fingerprint.files}
    write_atomically(project.build_dir / RECORD, json.dumps(data, indent=1, sort_keys=True)
                     .encode())


def current_store(project: Project) -> Path | None:
    """The store of the last build if it was built from the inputs as they are now."""
    last = recorded(project)
    if last is None or not last.store:
        return None
    location = project.build_dir / last.store
    if not location.is_dir():
        return None
    now = take(project, last.files)
    if {k: v[2] for k, v in now.items()} != {k: v[2] for k, v in last.files.items()}:
        return None
    return location
