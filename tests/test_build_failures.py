"""A broken record makes ``pkograph build`` fail, say where and why, and write nothing.

Each case copies the project, adds a small curated file of its own (so the test does not
depend on which records the curators have written so far), checks that the copy builds, then
breaks one record and checks: exit code 1, a message naming the file, the line and the rule,
and the previous build output left byte for byte as it was.

A YAML syntax error exits with 1 like any other broken record: the build reports the problems
of every data file together, and the exit code 2 is kept for unusable command input (a folder
that is no project, a bad option).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from project_copy import copy_project

from pkograph.build import load_records
from pkograph.cli import cli
from pkograph.paths import project

FIXTURE = "data/curated/zz-build-failure-fixture.yaml"
DOC = "road-to-peace-2019"


def fixture_text(root: Path) -> str:
    """A contribution in kind with one item line, a law, a recipient and a dated programme,
    all citing one span of a real document; the item-type scheme only if no curator wrote it."""
    lines = len((root / "data" / "sources" / f"{DOC}.txt").read_text(encoding="utf-8")
                .splitlines())
    source = f'source: {{lines: 1-{lines}, at: "Whole document (build failure test)"}}'
    has_scheme = any(r.type == "concept-scheme" and r.id == "item-type"
                     for r in load_records(project(root)))
    scheme = "" if has_scheme else (
        f"  - type: concept-scheme\n    id: item-type\n    label: Item types\n    {source}\n")
    return f"""document: {DOC}
records:
{scheme}  - type: item-type
    id: zz-fixture-goods
    label: Fixture goods
    {source}
  - type: law
    id: zz-fixture-law
    label: Fixture law
    {source}
  - type: un-body
    id: zz-fixture-recipient
    label: Fixture recipient
    {source}
  - type: contribution-in-kind
    id: zz-fixture-contribution
    recipient: zz-fixture-recipient
    legal_basis: [zz-fixture-law]
    items: [zz-fixture-contribution/1]
    {source}
  - type: item-line
    id: zz-fixture-contribution/1
    item: zz-fixture-goods
    quantity: 12
    unit: sets
    {source}
  - type: programme
    id: zz-fixture-programme
    label: Fixture programme
    begin: 1993
    end: 1995
    {source}
"""


def build(root: Path) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--project", str(root), "build"])
    return result.exit_code, result.output


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under the folder (the fingerprint record and the store's files)."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file()}


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory, project_root: Path) -> Path:
    """The project copy with the fixture file, built once: its build/ is the previous output."""
    root = copy_project(project_root, tmp_path_factory.mktemp("failures") / "project")
    (root / FIXTURE).write_text(fixture_text(root), encoding="utf-8")
    code, output = build(root)
    assert code == 0, output
    return root


def line_of(text: str, needle: str, start: str = "") -> int:
    """The 1-based line of the first ``needle`` after the line holding ``start``."""
    lines = text.splitlines()
    first = next(i for i, line in enumerate(lines) if start in line)
    return next(i for i, line in enumerate(lines) if i >= first and needle in line) + 1


def replace(old: str, new: str, after: str = "") -> Callable[[str], str]:
    def edit(text: str) -> str:
        at = text.index(after)
        assert old in text[at:], old
        return text[:at] + text[at:].replace(old, new, 1)
    return edit


def drop_line(needle: str, after: str) -> Callable[[str], str]:
    def edit(text: str) -> str:
        lines = text.splitlines(keepends=True)
        del lines[line_of(text, needle, after) - 1]
        return "".join(lines)
    return edit


# name: (edit, the line reported (needle, after), the rule named)
CASES: dict[str, tuple[Callable[[str], str], tuple[str, str], str]] = {
    "negative quantity on an item line": (
        replace("quantity: 12", "quantity: -12"),
        ("- type: item-line", ""), "[rule: ItemLineShape/MinExclusive]"),
    "end date before the begin date": (
        replace("end: 1995", "end: 1991"),
        ("- type: programme", ""), "[rule: DatedShape/SPARQL]"),
    "record without a source": (
        drop_line("source:", after="id: zz-fixture-law"),
        ("- type: law", ""), "[rule: a source on every fact]"),
    "unknown item type": (
        replace("item: zz-fixture-goods", "item: zz-no-such-goods"),
        ("item: zz-no-such-goods", ""), "[rule: item must be a concept of the item-type scheme]"),
    "unknown record type": (
        replace("- type: un-body", "- type: un-bodies"),
        ("- type: un-bodies", ""), "[rule: known record types]"),
    "yaml syntax error": (
        replace("label: Fixture law", "label: Fixture law: the first"),
        ("label: Fixture law: the first", ""), "YAML syntax error"),
    "unknown field name": (
        replace("unit: sets", "unit: sets\n    colour: blue"),
        ("colour: blue", ""), "[rule: known fields]"),
    "reference to an unknown id": (
        replace("recipient: zz-fixture-recipient", "recipient: zz-no-such-recipient"),
        ("recipient: zz-no-such-recipient", ""), "[rule: references resolve]"),
    "quote not in the cited lines": (
        replace('at: "Whole document (build failure test)"}',
                'at: "Whole document (build failure test)", quote: "Not in this document"}',
                after="id: zz-fixture-law"),
        ("quote: ", ""), "[rule: quotes are verbatim]"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_a_broken_record_fails_the_build_and_writes_nothing(
        case: str, template: Path, tmp_path: Path) -> None:
    edit, (needle, after), rule = CASES[case]
    root = tmp_path / "project"
    shutil.copytree(template, root)
    before = snapshot(root / "build")
    fixture = root / FIXTURE
    text = edit(fixture.read_text(encoding="utf-8"))
    fixture.write_text(text, encoding="utf-8")

    code, output = build(root)

    assert code == 1, output
    assert output.startswith("reading records"), output
    assert f"{FIXTURE}:{line_of(text, needle, after)}:" in output, output
    assert rule in output, output
    assert snapshot(root / "build") == before
