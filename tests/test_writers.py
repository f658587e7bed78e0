"""Builds and adds never interleave, an accepted contribution is never lost, and reading the
graph never rebuilds it from library code nor re-hashes every input.

Run on the small fixture project of ``contribute_support`` (its extractors off), in processes
of their own, as users run the commands at the same time.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from contribute_support import (
    SOURCE,
    contrib_project,
    contribution_template,
    popen,
    run_process,
    select,
    turtle,
    write,
)

from pkograph import fingerprint
from pkograph.namespaces import ONTOLOGY_GRAPH
from pkograph.paths import project
from pkograph.store import GraphNotBuilt, open_embedded

__all__ = ["contrib_project", "contribution_template"]


def contribution(number: int) -> str:
    """A conforming contribution in kind, a new one for each number."""
    return turtle(SOURCE, f"""
<https://w3id.org/pkograph/id/contribution/test-2099-{number}> a pko:ContributionInKind ;
    pko:recipient organization:unhcr ;
    pko:decisionDate "2099-01-15"^^xsd:date ;
    pko:legalBasis instrument:international-peace-cooperation-law ;
    pko:hasItemLine <https://w3id.org/pkograph/id/item-line/test-2099-{number}/1> ;
    prov:wasDerivedFrom cite:l1 .
<https://w3id.org/pkograph/id/item-line/test-2099-{number}/1> a pko:ItemLine ;
    pko:itemType item-type:blanket ;
    pko:quantity {number}.0 ;
    prov:wasDerivedFrom cite:l1 .
""")


def contributions(root: Path) -> set[str]:
    rows = select(root, "SELECT DISTINCT ?c WHERE { ?c a pko:ContributionInKind "
                        'FILTER(CONTAINS(STR(?c), "test-2099-")) }')
    return {str(r["c"]).rsplit("-", 1)[-1] for r in rows}


def test_a_build_and_an_add_at_the_same_time_lose_nothing(contrib_project: Path,
                                                          tmp_path: Path) -> None:
    """Three times: a build and an add started together. The add's facts are in the graph
    afterwards, whichever ran first, and adding again adds nothing."""
    for number in (1, 2, 3):
        path = write(tmp_path, f"c{number}.ttl", contribution(number))
        runs = [popen(contrib_project, "build"), popen(contrib_project, "add", path)]
        outputs = [p.communicate(timeout=300) for p in runs]
        assert [p.returncode for p in runs] == [0, 0], outputs
        assert fingerprint.current_store(project(contrib_project)) is not None
        assert contributions(contrib_project) == {str(n) for n in range(1, number + 1)}
        again = run_process(contrib_project, "add", path)
        assert again.returncode == 0 and "nothing to add" in again.stderr


def test_twenty_adds_at_once_all_get_in(contrib_project: Path, tmp_path: Path) -> None:
    """Each add validates against the graph and extends the store under the lock, without
    rebuilding: twenty at once all finish within the default wait."""
    paths = [write(tmp_path, f"c{n}.ttl", contribution(n)) for n in range(1, 21)]
    runs = [popen(contrib_project, "add", path) for path in paths]
    outputs = [p.communicate(timeout=600) for p in runs]
    assert [p.returncode for p in runs] == [0] * 20, [err for _, err in outputs]
    assert all("rebuild" not in err and "building it" not in err for _, err in outputs)
    assert contributions(contrib_project) == {str(n) for n in range(1, 21)}
    assert len(list((contrib_project / "data" / "contributed").glob("*.nq"))) == 20
    # the graph is current: the next command reads it without building
    reading = run_process(contrib_project, "find", "unhcr")
    assert "building it" not in reading.stderr


def test_the_fingerprint_is_checked_by_stamps_and_hashes_only_what_changed(
        contrib_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    proj = project(contrib_project)
    assert fingerprint.current_store(proj) is not None
    hashed: list[Path] = []
    original = fingerprint.entry
    monkeypatch.setattr(fingerprint, "entry", lambda path, content=None: (
        hashed.append(path), original(path, content))[1])
    assert fingerprint.current_store(proj) is not None
    assert hashed == []  # nothing read: sizes and times only
    record = contrib_project / "data" / "curated" / "fixture.yaml"
    record.touch()  # touched, not changed
    assert fingerprint.current_store(proj) is not None
    assert hashed == [record]
    record.write_text(record.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    assert fingerprint.current_store(proj) is None


def test_library_code_never_builds(contrib_project: Path) -> None:
    record = contrib_project / "data" / "curated" / "fixture.yaml"
    record.write_text(record.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    with pytest.raises(GraphNotBuilt, match="not built or out of date: run `pkograph build`"):
        open_embedded(project(contrib_project))
    done = run_process(contrib_project, "find", "unhcr")
    assert done.returncode == 0 and "building it" in done.stderr  # the command line may


def test_an_add_leaves_the_graph_a_build_would_make(contrib_project: Path,
                                                     tmp_path: Path) -> None:
    """The store an add extends holds exactly the quads a full build makes from the same
    inputs, the statements restating a now twice-cited thing included."""
    from pkograph.build import build

    path = write(tmp_path, "alias.ttl", turtle(SOURCE, """
organization:unhcr skos:altLabel "TEST alias of UNHCR"@en ;
    prov:wasDerivedFrom cite:l1 .
"""))
    done = run_process(contrib_project, "add", path)
    assert done.returncode == 0, done.stderr
    proj = project(contrib_project)

    def quads() -> set[tuple[str, ...]]:
        store = open_embedded(proj)
        try:
            # the ontology's blank nodes are labelled anew by each build
            return {tuple(t.n3() for t in q) for q in store.quads()
                    if q[3] != ONTOLOGY_GRAPH}
        finally:
            store.close()

    added = quads()
    restated = [q for q in added if "rdf-syntax-ns#subject" in q[1]
                and q[2].endswith("organization/unhcr>")]
    assert restated, "the twice-cited UNHCR is restated per citation"
    build(proj)
    assert quads() == added
