"""``pkograph add``: all or nothing, once only, one writer at a time, and then in the answers.

Each test works on its own copy of the fixture project (``contribute_support``).
"""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from contribute_support import (
    CONTRIBUTION,
    EXAMPLES,
    RUN_CLI,
    SOURCE,
    contrib_project,
    contributed,
    contribution_template,
    popen,
    run,
    run_process,
    select,
    turtle,
    write,
)

from pkograph.lock import LOCK_FILE

__all__ = ["contrib_project", "contribution_template"]

FORMATS = Path(__file__).parent / "data" / "contribute" / "formats"

QUANTITIES = """SELECT ?line ?quantity ?graph WHERE {
  GRAPH ?graph { ?line pko:quantity ?quantity }
} ORDER BY ?line"""

ITEM = "https://w3id.org/pkograph/id/item-line/test-2099-unhcr/1"
CITATION = "https://w3id.org/pkograph/id/citation/test-notice/l1"
PROVENANCE = "https://w3id.org/pkograph/graph/provenance"


def quantities(root: Path) -> list[tuple[str, str, str]]:
    return [(str(r["line"]), str(r["quantity"]), str(r["graph"]))
            for r in select(root, QUANTITIES)]


BEFORE = [
    ("https://w3id.org/pkograph/id/item-line/1999-10-22-unhcr/1", "500",
     "https://w3id.org/pkograph/id/citation/road-to-peace-2019/l160"),
    ("https://w3id.org/pkograph/id/item-line/1999-10-22-unhcr/2", "9000",
     "https://w3id.org/pkograph/id/citation/road-to-peace-2019/l160"),
]
AFTER = sorted([*BEFORE, (ITEM, "300", CITATION)])


def test_added_facts_are_in_their_citation_graph_and_in_the_answers(contrib_project: Path) -> None:
    assert quantities(contrib_project) == BEFORE
    result = run(contrib_project, "add", FORMATS / "valid.ttl")
    assert result.exit_code == 0, result.output
    (written,) = contributed(contrib_project)
    assert written.name.startswith("valid-") and written.suffix == ".nq"
    assert "added 18 quads to data/contributed/" + written.name in result.stderr
    assert quantities(contrib_project) == AFTER
    graphs = {str(r["g"]): int(str(r["n"])) for r in select(contrib_project, """
        SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o }
          FILTER(STRSTARTS(STR(?s), "https://w3id.org/pkograph/id/citation/test-notice")
                 || STRSTARTS(STR(?s), "https://w3id.org/pkograph/id/contribution/test-")
                 || STRSTARTS(STR(?s), "https://w3id.org/pkograph/id/item-line/test-")
                 || STRSTARTS(STR(?s), "https://w3id.org/pkograph/id/document/test-")) }
        GROUP BY ?g""")}
    assert graphs == {CITATION: 15, PROVENANCE: 3}


def test_every_format_adds_the_same_quads(contrib_project: Path, tmp_path: Path) -> None:
    """Triples in the default graph are placed by their subject's citation; TriG and N-Quads
    put them in the citation's graph themselves: the result is the same."""
    written = {}
    for path in sorted(FORMATS.glob("valid.*")):
        copy = tmp_path / path.suffix.lstrip(".")
        shutil.copytree(contrib_project, copy)
        assert run(copy, "add", path).exit_code == 0
        (file,) = contributed(copy)
        written[path.suffix] = file.read_bytes()
    assert len(written) == 6 and len(set(written.values())) == 1


def test_invalid_contribution_adds_nothing(contrib_project: Path) -> None:
    result = run(contrib_project, "add", EXAMPLES / "contribution-invalid.ttl")
    assert result.exit_code == 1
    assert "nothing added: the contribution has violations" in result.stderr
    assert [line.split(" [rule: ")[1] for line in result.stdout.splitlines()[:-1]] == [
        "DatedShape/SPARQL]", "ItemLineShape/MinExclusive]", "contribution/KnownTerms]"]
    assert contributed(contrib_project) == []
    assert quantities(contrib_project) == BEFORE


def test_adding_twice_adds_nothing_the_second_time(contrib_project: Path) -> None:
    assert run(contrib_project, "add", FORMATS / "valid.ttl").exit_code == 0
    (first,) = contributed(contrib_project)
    content = first.read_bytes()
    again = run(contrib_project, "add", FORMATS / "valid.trig")
    assert again.exit_code == 0
    assert "nothing to add: the graph already holds every triple" in again.stderr
    assert contributed(contrib_project) == [first]
    assert first.read_bytes() == content
    assert quantities(contrib_project) == AFTER


def test_only_new_quads_are_written(contrib_project: Path, tmp_path: Path) -> None:
    assert run(contrib_project, "add", FORMATS / "valid.ttl").exit_code == 0
    more = write(tmp_path, "more.ttl", turtle(
        SOURCE, CONTRIBUTION, "line:1 pko:sourceText \"Blankets (300 sheets)\" .\n"))
    result = run(contrib_project, "add", more)
    assert result.exit_code == 0
    assert "added 1 quads" in result.stderr
    newest = next(p for p in contributed(contrib_project) if p.name.startswith("more-"))
    assert newest.read_text().splitlines() == [
        f'<{ITEM}> <https://w3id.org/pkograph/ontology#sourceText> "Blankets (300 sheets)" '
        f"<{CITATION}> ."]


# --- all or nothing --------------------------------------------------------------------------


def test_a_failed_write_leaves_data_and_graph_unchanged(contrib_project: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    real_replace = os.replace

    def disk_full(src: str, dst: str) -> None:
        if "contributed" in str(dst):
            raise OSError(28, "No space left on device")
        real_replace(src, dst)

    with monkeypatch.context() as patch:
        patch.setattr(os, "replace", disk_full)
        result = run(contrib_project, "add", FORMATS / "valid.ttl")
    assert result.exit_code == 2
    assert "nothing added: cannot write the contribution" in result.stderr
    assert contributed(contrib_project) == []
    assert list((contrib_project / "build").glob(".*.partial")) == []
    assert quantities(contrib_project) == BEFORE


KILL_AT_RENAME = (
    "import os, signal\n"
    "real = os.replace\n"
    "def replace(src, dst):\n"
    "    if 'contributed' in str(dst):\n"
    "        os.kill(os.getpid(), signal.SIGKILL)\n"
    "    real(src, dst)\n"
    "os.replace = replace\n" + RUN_CLI.replace("; ", "\n"))


def test_a_run_killed_between_writing_and_renaming_leaves_nothing(contrib_project: Path) -> None:
    done = subprocess.run([sys.executable, "-c", KILL_AT_RENAME, "--project",
                           str(contrib_project), "add", str(FORMATS / "valid.ttl")],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == -9
    partial = list((contrib_project / "build").glob(".*.partial"))
    assert len(partial) == 1 and partial[0].stat().st_size > 0  # written, never renamed
    assert contributed(contrib_project) == []
    assert quantities(contrib_project) == BEFORE
    assert run(contrib_project, "add", FORMATS / "valid.ttl").exit_code == 0  # lock released
    assert quantities(contrib_project) == AFTER


# --- one writer at a time ---------------------------------------------------------------------


SECOND = """
contribution:test-2099-iom a pko:ContributionInKind ;
    pko:recipient organization:unhcr ;
    pko:legalBasis instrument:international-peace-cooperation-law ;
    pko:hasItemLine <https://w3id.org/pkograph/id/item-line/test-2099-iom/1> ;
    prov:wasDerivedFrom cite:l1 .
<https://w3id.org/pkograph/id/item-line/test-2099-iom/1> a pko:ItemLine ;
    pko:itemType item-type:tent ;
    pko:quantity 40.0 ;
    prov:wasDerivedFrom cite:l1 .
"""


def _hold_lock(root: Path):  # type: ignore[no-untyped-def]
    handle = (root / "build" / LOCK_FILE).open("a+b")
    fcntl.flock(handle, fcntl.LOCK_EX)
    return handle


def test_concurrent_adds_wait_for_each_other(contrib_project: Path, tmp_path: Path) -> None:
    first = FORMATS / "valid.ttl"
    second = write(tmp_path, "second.ttl", turtle(SOURCE, SECOND))
    lock = _hold_lock(contrib_project)
    runs = [popen(contrib_project, "add", first), popen(contrib_project, "add", second)]
    time.sleep(1.0)
    assert [p.poll() for p in runs] == [None, None]  # both wait for the lock
    fcntl.flock(lock, fcntl.LOCK_UN)
    lock.close()
    outputs = [p.communicate(timeout=120) for p in runs]
    assert [p.returncode for p in runs] == [0, 0], outputs
    names = sorted(p.name.split("-")[0] for p in contributed(contrib_project))
    assert names == ["second", "valid"]
    assert quantities(contrib_project) == sorted(
        [*AFTER, ("https://w3id.org/pkograph/id/item-line/test-2099-iom/1", "40", CITATION)])


def test_concurrent_adds_of_the_same_file_add_it_once(contrib_project: Path) -> None:
    runs = [popen(contrib_project, "add", FORMATS / "valid.ttl") for _ in range(2)]
    outputs = [p.communicate(timeout=180) for p in runs]
    assert [p.returncode for p in runs] == [0, 0], outputs
    messages = sorted("added 18 quads" in err for _, err in outputs)
    assert messages == [False, True]
    assert any("nothing to add" in err for _, err in outputs)
    assert len(contributed(contrib_project)) == 1
    assert quantities(contrib_project) == AFTER


def test_a_second_add_that_cannot_wait_fails_cleanly(contrib_project: Path) -> None:
    lock = _hold_lock(contrib_project)
    try:
        done = run_process(contrib_project, "add", "--wait", "0.3", FORMATS / "valid.ttl")
    finally:
        lock.close()
    assert done.returncode == 2
    assert "another pkograph build or add holds .contribute.lock" in done.stderr
    assert "Traceback" not in done.stderr
    assert contributed(contrib_project) == []


def test_lock_and_scratch_files_stay_out_of_the_build_inputs(contrib_project: Path) -> None:
    """The fingerprint covers data/: only the contribution itself may change it."""
    from pkograph.fingerprint import take
    from pkograph.paths import project

    def fingerprint() -> dict[str, str]:
        return {name: digest for name, (_, _, digest) in take(project(contrib_project)).items()}

    before = fingerprint()
    lock = _hold_lock(contrib_project)
    lock.close()
    assert fingerprint() == before
    assert run(contrib_project, "add", FORMATS / "valid.ttl").exit_code == 0
    assert fingerprint() != before
    assert [p.suffix for p in contributed(contrib_project)] == [".nq"]
