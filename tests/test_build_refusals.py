"""What the build refuses in ``data/``, each in one line naming the file: a source document that
differs from its pinned SHA-256, YAML aliases that expand without bound, a date that is no date,
and a contributed N-Quads file that was cut short."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from contribute_support import contrib_project, contribution_template, run, select

from pkograph.records import MAX_ALIAS_VALUES
from pkograph.sources import PINS

__all__ = ["contrib_project", "contribution_template"]

ROOT = Path(__file__).resolve().parents[1]
DOC = "road-to-peace-2019.txt"


def problems(result_output: str) -> list[str]:
    return [line.strip() for line in result_output.splitlines() if line.startswith("  ")]


# --- pinned source documents ------------------------------------------------------------------


def test_the_checkout_pins_every_source_document() -> None:
    sources = ROOT / "data" / "sources"
    pins = dict(reversed(line.split("  ", 1)) for line in  # type: ignore[misc]
                (sources / PINS).read_text(encoding="utf-8").splitlines())
    files = {p.name for p in sources.iterdir() if p.name != PINS}
    assert set(pins) == files and len(files) == 6
    for name, digest in pins.items():
        assert hashlib.sha256((sources / name).read_bytes()).hexdigest() == digest, name


def _edit_source(root: Path) -> Path:
    path = root / "data" / "sources" / DOC
    text = path.read_text(encoding="utf-8")
    assert "Plastic sheets (75 sheets)" in text
    path.write_text(text.replace("Plastic sheets (75 sheets)", "Plastic sheets (95 sheets)"),
                    encoding="utf-8")
    return path


def test_a_changed_source_document_is_refused(contrib_project: Path) -> None:
    path = _edit_source(contrib_project)
    result = run(contrib_project, "build")
    assert result.exit_code == 1
    [problem] = problems(result.stderr)
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    assert problem.startswith(f"data/sources/{DOC}:1: changed: its SHA-256 is {digest[:12]}..., "
                              f"data/sources/{PINS} pins ")
    assert problem.endswith(f"put the file's new digest in data/sources/{PINS} (sha256sum {DOC} "
                            "in data/sources) [rule: pinned sources]")
    # and nothing that needs the graph runs on it
    assert run(contrib_project, "sparql", "SELECT * {}").exit_code == 1


def test_a_deliberate_change_goes_through_once_its_pin_is_updated(contrib_project: Path) -> None:
    path = _edit_source(contrib_project)
    pins = contrib_project / "data" / "sources" / PINS
    lines = [f"{hashlib.sha256(path.read_bytes()).hexdigest()}  {DOC}"
             if line.endswith(f"  {DOC}") else line
             for line in pins.read_text(encoding="utf-8").splitlines()]
    pins.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert run(contrib_project, "build").exit_code == 0
    rows = select(contrib_project,
                  "SELECT ?d WHERE { <https://w3id.org/pkograph/id/document/road-to-peace-2019> "
                  "pko:sha256 ?d }")
    assert [str(r["d"]) for r in rows] == [hashlib.sha256(path.read_bytes()).hexdigest()]


def test_an_unpinned_file_among_the_sources_is_refused(contrib_project: Path) -> None:
    (contrib_project / "data" / "sources" / "new-document.txt").write_text("text\n")
    result = run(contrib_project, "build")
    assert result.exit_code == 1
    assert problems(result.stderr) == [
        f"data/sources/new-document.txt:1: not pinned in data/sources/{PINS}: if the change is "
        f"deliberate, put the file's new digest in data/sources/{PINS} (sha256sum "
        "new-document.txt in data/sources) [rule: pinned sources]"]


# --- curated records ----------------------------------------------------------------------------


def _record_file(root: Path, text: str) -> str:
    (root / "data" / "curated" / "zz-test.yaml").write_text(text, encoding="utf-8")
    return "data/curated/zz-test.yaml"


def test_nested_aliases_are_refused_before_they_are_expanded(contrib_project: Path) -> None:
    """10 aliases of 10 aliases ... 9 deep: 600 bytes that stand for a billion values."""
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 10)]
    shown = _record_file(contrib_project, "\n".join(lines) + "\nrecords: []\n")
    result = run(contrib_project, "build")
    assert result.exit_code == 1
    assert problems(result.stderr) == [
        f"{shown}:5: the file's aliases add more than {MAX_ALIAS_VALUES:,} values (an alias "
        "repeats the node it names, and aliases within that node repeat theirs): write the "
        "values out [rule: readable input]"]


def test_aliases_that_repeat_a_source_are_read(contrib_project: Path) -> None:
    shown = _record_file(contrib_project, """document: road-to-peace-2019
records:
  - type: person
    id: test-person-one
    label: Test Person One
    source: &s {lines: 3, at: "Title page", quote: "http://www.pko.go.jp"}
  - type: person
    id: test-person-two
    label: Test Person Two
    source: *s
""")
    result = run(contrib_project, "build")
    assert result.exit_code == 0, result.stderr
    rows = select(contrib_project, "SELECT ?p WHERE { ?p a foaf:Person ; prov:wasDerivedFrom "
                  "<https://w3id.org/pkograph/id/citation/road-to-peace-2019/l3> }")
    assert sorted(str(r["p"]).rsplit("/", 1)[1] for r in rows) == ["test-person-one",
                                                                    "test-person-two"], shown


@pytest.mark.parametrize("value, reason", [("2022-13-45", "month must be in 1..12"),
                                           ("2022-02-30", "day is out of range for month")])
def test_a_date_that_is_no_date_is_located(contrib_project: Path, value: str,
                                           reason: str) -> None:
    shown = _record_file(contrib_project, f"""document: road-to-peace-2019
records:
  - type: event
    id: test-event
    label: Test event
    date: {value}
    source: {{lines: 1, at: "Title"}}
""")
    result = run(contrib_project, "build")
    assert result.exit_code == 1
    assert problems(result.stderr) == [
        f"{shown}:6: '{value}' is not a valid date (write 1992, 1992-06 or 1992-06-15): "
        f"{reason} [rule: readable input]"]


# --- contributed quads ------------------------------------------------------------------------


def test_a_contributed_file_cut_short_is_named_by_every_command(contrib_project: Path) -> None:
    cut = contrib_project / "data" / "contributed" / "cut-0123456789abcdef.nq"
    cut.write_bytes(b'<https://w3id.org/pkograph/id/x/y> <http://www.w3.org/2000/01/rdf-schema#'
                    b'label> "a" <https://w3id.org/pkograph/id/citation/c> .\n<https://w3id.org/'
                    b'pkograph/id/x/y> <http://www.w3.org/2000/01/rdf-schema#label> "b')
    line = (f"data/contributed/{cut.name}:2: not valid N-Quads: Unexpected end of file; the "
            "files there are written by 'pkograph add': restore it from version control, or "
            "remove it and add the contribution again [rule: readable input]")
    for args, code in ((["build"], 1), (["sparql", "SELECT * {}"], 1), (["export", "-o", "-"], 1),
                       (["validate", str(ROOT / "examples" / "contribution-valid.ttl")], 2)):
        result = run(contrib_project, *args)
        assert (result.exit_code, problems(result.stderr)) == (code, [line]), args


def test_a_record_value_an_output_format_cannot_carry_is_refused(contrib_project: Path) -> None:
    """YAML's "\\0" escape gives U+0000, which no RDF/XML dump can hold."""
    shown = _record_file(contrib_project, """document: road-to-peace-2019
records:
  - type: person
    id: test-person
    label: "Test\\0Person"
    source: {lines: 3, at: "Title page", quote: "http://www.pko.go.jp"}
""")
    result = run(contrib_project, "build")
    assert result.exit_code == 1
    assert problems(result.stderr) == [
        f"{shown}:3: the value of http://www.w3.org/2000/01/rdf-schema#label holds U+0000, which "
        "RDF/XML (XML 1.0) cannot carry (focus https://w3id.org/pkograph/id/person/test-person) "
        "[rule: portable text]"]
