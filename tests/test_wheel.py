"""The wheel carries the project: an installed pkograph builds the graph from its own copy of
the ontology, shapes, data, sources and saved queries, and writes to a cache folder."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pkograph import __version__

ASSETS = ("ontology", "data", "queries")


def run(args: list[str], cwd: Path, env: dict[str, str] | None = None,
        ) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=900,
                          check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    return done


def project_files(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for name in ASSETS for p in (root / name).rglob("*")
            if p.is_file() and "__pycache__" not in p.parts}


@pytest.mark.slow
def test_the_installed_wheel_builds_from_its_own_assets(tmp_path: Path,
                                                        project_root: Path) -> None:
    wheels, site, cache, cwd = (tmp_path / n for n in ("wheels", "site", "cache", "cwd"))
    cwd.mkdir()
    run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--no-cache-dir", "--quiet", "-w", str(wheels), str(project_root)], cwd)
    (wheel,) = wheels.glob("pkograph-*.whl")
    run([sys.executable, "-m", "pip", "install", "--no-deps", "--no-cache-dir", "--quiet",
         "--target", str(site), str(wheel)], cwd)

    web = site / "pkograph" / "web"  # the pages' templates and style sheet are package data
    assert {"templates/base.html", "templates/thing.html", "static/pkograph.css"} <= {
        str(p.relative_to(web)) for p in web.rglob("*") if p.is_file()}

    assets = site / "pkograph" / "_assets"
    files = project_files(assets)
    assert {"ontology/pkograph.ttl", "ontology/pkograph-shapes.ttl",
            "data/curated/documents.yaml", "data/sources/road-to-peace-2019.txt"} <= files
    assert any(f.startswith("queries/") and f.endswith(".rq") for f in files)
    assert files == project_files(project_root)

    env = {k: v for k, v in os.environ.items() if k not in ("PKOGRAPH_PROJECT", "PYTHONPATH")}
    env.update(PYTHONPATH=str(site), XDG_CACHE_HOME=str(cache))
    where = run([sys.executable, "-c",
                 "import pkograph, pkograph.paths as p; q = p.project(); "
                 "print(pkograph.__file__, q.root, q.build_dir, q.writable, sep='\\n')"],
                cwd, env).stdout.splitlines()
    assert where == [str(site / "pkograph" / "__init__.py"), str(assets),
                     str(cache / "pkograph" / __version__), "False"]

    built = run([sys.executable, "-m", "pkograph", "build"], cwd, env)
    assert " triples (" in built.stdout
    assert "wrote " in built.stderr
    stores = list((cache / "pkograph" / __version__).glob("store-*"))
    assert len(stores) == 1
    # the query workers start from the installed package too
    trail = run([sys.executable, "-m", "pkograph", "query", "person-trail", "--param",
                 "person=Akashi", "--format", "csv"], cwd, env)
    assert "https://w3id.org/pkograph/id/document/road-to-peace-2019" in trail.stdout
    assert not (assets / "build").exists() and list(cwd.iterdir()) == []

    schema = run([sys.executable, "-m", "pkograph", "schema", "item-line"], cwd, env)
    assert schema.stdout.startswith("item-line: one kind of item in a contribution in kind")
    assert "quantity" in schema.stdout
