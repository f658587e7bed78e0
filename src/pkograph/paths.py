"""Where the ontology, data, queries and build output of a pkograph project live.

A project is a folder holding ``ontology/``, ``data/`` and ``queries/``. pkograph uses, in order:
the folder named by ``PKOGRAPH_PROJECT``; the checkout this package is running from; the copy
shipped inside the installed wheel (read-only, so its build output goes to a cache folder).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

ENV_PROJECT = "PKOGRAPH_PROJECT"


@dataclass(frozen=True)
class Project:
    """The folders of one pkograph project."""

    root: Path
    build_dir: Path
    writable: bool

    @property
    def ontology_dir(self) -> Path:
        return self.root / "ontology"

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def sources_dir(self) -> Path:
        return self.data_dir / "sources"

    @property
    def curated_dir(self) -> Path:
        return self.data_dir / "curated"

    @property
    def contributed_dir(self) -> Path:
        return self.data_dir / "contributed"

    @property
    def extraction_dir(self) -> Path:
        return self.data_dir / "extraction"

    @property
    def queries_dir(self) -> Path:
        return self.root / "queries"

    def relative(self, path: Path) -> str:
        """A path as shown to users: relative to the project root when inside it."""
        try:
            return str(path.resolve().relative_to(self.root.resolve()))
        except ValueError:
            return str(path)


def _is_project(folder: Path) -> bool:
    return (folder / "ontology").is_dir() and (folder / "data").is_dir()


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    from pkograph import __version__

    return Path(base) / "pkograph" / __version__


def project(root: str | Path | None = None) -> Project:
    """Locate the project: an explicit root, ``PKOGRAPH_PROJECT``, the checkout, or the wheel."""
    chosen = root if root is not None else os.environ.get(ENV_PROJECT)
    if chosen:
        folder = Path(chosen).resolve()
        if not _is_project(folder):
            raise FileNotFoundError(f"{folder} is not a pkograph project (no ontology/ and data/)")
        return Project(folder, folder / "build", writable=True)
    checkout = Path(__file__).resolve().parents[2]
    if _is_project(checkout):
        return Project(checkout, checkout / "build", writable=True)
    packaged = Path(str(resources.files("pkograph") / "_assets"))
    if _is_project(packaged):
        return Project(packaged, _cache_dir(), writable=False)
    raise FileNotFoundError("no pkograph project found: set PKOGRAPH_PROJECT to a checkout")
