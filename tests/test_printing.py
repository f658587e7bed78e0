"""Nothing pkograph prints for people can drive the terminal: control characters in file names,
values, parser messages and what click echoes back are shown escaped."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result
from contribute_support import SOURCE, contrib_project, contribution_template, turtle, write
from rdflib import Literal, URIRef

from pkograph.cli import cli
from pkograph.output import table
from pkograph.store.base import Rows
from pkograph.store.embedded import MemoryStore
from pkograph.text import printable

__all__ = ["contrib_project", "contribution_template"]

ESC = "\x1b"
RED = f"{ESC}[31m"
CLEAR = f"{ESC}[2J"
RAW = (ESC, "\r", "\x9b", "\u202e", "\x07")


def run(root: Path, *args: str | Path) -> Result:
    """The command as on a terminal: click strips escape sequences only from what does not go
    to one (color=True keeps them), so this is what a terminal would be sent."""
    return CliRunner().invoke(cli, ["--project", str(root), *(str(a) for a in args)],
                              catch_exceptions=False, color=True)


def shows_no_control(text: str) -> bool:
    return not any(c in text for c in RAW)


def test_control_characters_are_escaped_and_text_is_kept() -> None:
    assert printable(f"{RED}red\r\x9b1m\u202eabc\x07") == r"\x1b[31mred\x0d\x9b1m\u202eabc\x07"
    assert printable("明石康 — Akashi\ttab") == "明石康 — Akashi\\x09tab"
    assert printable("two\nlines", keep_newlines=True) == "two\nlines"
    assert printable("two\nlines") == r"two\x0alines"


def test_a_file_name_in_the_report_and_the_summary(contrib_project: Path) -> None:
    name = f"evil{RED}red{ESC}[0m.ttl"
    path = write(contrib_project, name, turtle(SOURCE, """
<https://w3id.org/pkograph/id/person/yasushi-akashi> a org:Organization ;
    prov:wasDerivedFrom cite:l1 .
"""))
    result = run(contrib_project, "validate", path)
    assert result.exit_code == 1
    assert shows_no_control(result.stdout) and shows_no_control(result.stderr)
    assert result.stdout.startswith(r"evil\x1b[31mred\x1b[0m.ttl:")


def test_an_unreadable_file_named_with_escapes(contrib_project: Path) -> None:
    result = run(contrib_project, "validate", contrib_project / f"no{CLEAR}such.ttl")
    assert result.exit_code == 2
    assert result.stderr.strip() == r"error: no\x1b[2Jsuch.ttl: cannot read the file: No such " \
                                     "file or directory"


def test_a_link_whose_target_starts_with_an_escape(contrib_project: Path,
                                                   tmp_path: Path) -> None:
    """The parser quotes the first token of what the link points at."""
    target = tmp_path / f"{CLEAR}target"
    target.write_bytes(f"{ESC}]0;title\x07@prefix".encode())
    link = contrib_project / "link.ttl"
    link.symlink_to(target)
    result = run(contrib_project, "validate", link)
    assert result.exit_code == 2
    assert shows_no_control(result.stderr)
    assert r"'\x1b'" in result.stderr


def test_a_curated_file_named_with_escapes_in_build_problems(contrib_project: Path) -> None:
    (contrib_project / "data" / "curated" / f"zz{CLEAR}.yaml").write_text("records: [\n")
    result = run(contrib_project, "build")
    assert result.exit_code == 1
    assert shows_no_control(result.stderr)
    assert r"data/curated/zz\x1b[2J.yaml:2: YAML syntax error" in result.stderr


def test_what_click_echoes_back(contrib_project: Path) -> None:
    result = run(contrib_project, "validate", "--input-format", f"x{RED}", "a.ttl")
    assert result.exit_code == 2
    assert shows_no_control(result.stderr) and r"x\x1b[31m" in result.stderr


def test_table_cells_are_escaped() -> None:
    rows = Rows(["label"], [{"label": Literal(f"{RED}Akashi\u202e")}])
    assert table(rows, width=60).splitlines()[2] == r"\x1b[31mAkashi\u202e"


def test_query_errors_are_escaped(monkeypatch, contrib_project: Path) -> None:  # type: ignore[no-untyped-def]
    from pkograph.cli import query_commands

    monkeypatch.setattr(query_commands, "graph_store", lambda ctx: MemoryStore([]))
    result = run(contrib_project, "sparql", f"SELECT * {{ {RED} }}")
    assert result.exit_code == 2
    assert shows_no_control(result.stderr)


def test_a_term_text_value_with_a_c1_control() -> None:
    value = URIRef("https://w3id.org/pkograph/id/person/x")
    rows = Rows(["who", "note"], [{"who": value, "note": Literal("\x9b2J")}])
    assert shows_no_control(table(rows, width=80))
