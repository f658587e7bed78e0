"""The build's input fingerprint: whether the built graph is current."""

from __future__ import annotations

import hashlib
from pathlib import Path

from pkograph.paths import Project


def violation_queries(project: Project) -> list[Path]:
    return sorted(project.queries_dir.glob("*-violation.rq"))


def fingerprint(project: Project) -> str:
    """A digest of every input of the build, and of the code that builds."""
    digest = hashlib.sha256()
    code = Path(__file__).parent
    inputs = [*sorted(project.ontology_dir.glob("*.ttl")), *sorted(project.data_dir.rglob("*")),
              *violation_queries(project), *sorted(code.rglob("*.py"))]
    for path in inputs:
        if path.is_file():
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()
