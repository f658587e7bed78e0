"""``pkograph build`` on the real data: it succeeds and reports what the graph holds."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from project_copy import copy_project

from pkograph.cli import cli

ROOT = Path(__file__).resolve().parents[1]


def test_build_reports_the_tables_of_the_2019_booklet(tmp_path: Path) -> None:
    project = copy_project(ROOT, tmp_path / "project")
    result = CliRunner().invoke(cli, ["--project", str(project), "build"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split()[1:2] == ["triples"]
    assert ("  road-to-peace-2019: 28 Assignment, 56 UnitDeployment, 75 Phase, "
            "28 ContributionInKind, 92 ItemLine") in lines
    from pkograph.fingerprint import current_store
    from pkograph.paths import project as locate

    store = current_store(locate(project))
    assert store is not None and store.parent == project / "build"
    assert store.name.startswith("store-")
