"""Every saved query: its header parses, it binds every parameter, and it gives the reviewed answer.

The answers are golden files (tests/golden/<query>.csv), compared as sets of rows in the stable
text form of :func:`pkograph.output.term_text`. A query without a golden file fails; after a
reviewed change of data or query, ``pytest --regen-golden`` rewrites them (see queries/README.md).
"""

from __future__ import annotations

import csv
import shlex
from pathlib import Path

import pytest
from rdflib import URIRef
from rdflib.plugins.sparql import prepareQuery

from pkograph.lookup import LookupFailed, NameLookup
from pkograph.namespaces import PKO, SKOS
from pkograph.output import term_text
from pkograph.queries import QueryFileError, SavedQuery, load_file, parse, run
from pkograph.store.base import GraphStore, Rows
from pkograph.store.embedded import MemoryStore
from pkograph.store.query_text import prepare

ROOT = Path(__file__).resolve().parents[1]
QUERY_FILES = sorted((ROOT / "queries").glob("*.rq"))
GOLDEN = ROOT / "tests" / "golden"
IDS = [p.stem for p in QUERY_FILES]


def test_the_query_folder_is_not_empty() -> None:
    assert len(QUERY_FILES) >= 20
    assert len([p for p in QUERY_FILES if p.stem.endswith("-violation")]) >= 5


@pytest.mark.parametrize("path", QUERY_FILES, ids=IDS)
def test_header_is_complete(path: Path) -> None:
    saved = load_file(path)
    assert saved.title and saved.description
    assert saved.examples and all(e.startswith(f"pkograph query {saved.name}")
                                  for e in saved.examples)
    for p in saved.params:
        assert p.description, f"parameter {p.name} has no description"


@pytest.mark.parametrize("path", QUERY_FILES, ids=IDS)
def test_every_parameter_can_be_bound(path: Path) -> None:
    """Every parameter is projected (each row says what it answers) and can be bound."""
    saved = load_file(path)
    empty = MemoryStore([])
    dummy = URIRef("https://w3id.org/pkograph/id/test/none")
    rows = empty.select(saved.text, {p.name: dummy for p in saved.params})
    assert len(rows) == 0 and {p.name for p in saved.params} <= set(rows.variables)


@pytest.mark.parametrize("path", QUERY_FILES, ids=IDS)
def test_every_query_as_sent_is_standard_sparql(path: Path) -> None:
    """The text every store is given (prefixes declared, parameters bound by VALUES) parses
    with a second, independent SPARQL 1.1 parser (rdflib's), not only with pyoxigraph's."""
    saved = load_file(path)
    dummy = URIRef("https://w3id.org/pkograph/id/test/none")
    sent = prepare(saved.text, {p.name: dummy for p in saved.params})
    prepareQuery(sent.text)


def rows_as_text(rows: Rows) -> set[tuple[str, ...]]:
    return {tuple(term_text(r.get(v)) for v in rows.variables) for r in rows}


def read_golden(path: Path) -> tuple[list[str], set[tuple[str, ...]]]:
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        return header, {tuple(r) for r in reader}


def write_golden(path: Path, rows: Rows) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(rows.variables)
        writer.writerows(sorted(rows_as_text(rows)))


@pytest.mark.parametrize("path", QUERY_FILES, ids=IDS)
def test_answer_matches_golden(path: Path, built_store: GraphStore, regen_golden: bool) -> None:
    saved = load_file(path)
    rows = run(built_store, saved)
    golden = GOLDEN / f"{saved.name}.csv"
    if regen_golden:
        write_golden(golden, rows)
        return
    assert golden.is_file(), f"no golden result for {saved.name}: review it, then regenerate"
    header, expected = read_golden(golden)
    assert rows.variables == header
    got = rows_as_text(rows)
    assert got == expected, (f"missing: {sorted(expected - got)[:5]}; "
                             f"unexpected: {sorted(got - expected)[:5]}")


def test_every_golden_file_has_a_query() -> None:
    assert {p.stem for p in GOLDEN.glob("*.csv")} <= set(IDS)
    examples = {f"{saved.name}-{n}" for saved in map(load_file, QUERY_FILES)
                for n in range(1, len(saved.examples) + 1)}
    assert {p.stem for p in (GOLDEN / "examples").glob("*.csv")} <= examples


# --- the documented examples -------------------------------------------------------------------

def example_params(example: str) -> dict[str, str]:
    """The parameters of an @example command line (``--param key=value`` or ``-p``)."""
    words = shlex.split(example)
    assert words[:2] == ["pkograph", "query"], example
    params, rest = {}, words[3:]
    while rest:
        flag, value, *rest = rest
        assert flag in ("--param", "-p"), f"{example}: unexpected {flag!r}"
        key, _, text = value.partition("=")
        params[key] = text
    return params


EXAMPLES = [(path, n) for path in QUERY_FILES
            for n in range(1, len(load_file(path).examples) + 1)]


@pytest.mark.parametrize(("path", "number"), EXAMPLES,
                         ids=[f"{p.stem}-{n}" for p, n in EXAMPLES])
def test_every_documented_example_runs_and_gives_the_reviewed_answer(
        path: Path, number: int, built_store: GraphStore, regen_golden: bool) -> None:
    """Each @example resolves its names (no unknown or ambiguous name) and answers as reviewed;
    a question's example answers something, a quality check's nothing."""
    saved = load_file(path)
    rows = run(built_store, saved, example_params(saved.examples[number - 1]),
               NameLookup(built_store))
    golden = GOLDEN / "examples" / f"{saved.name}-{number}.csv"
    if regen_golden:
        write_golden(golden, rows)
        return
    assert (len(rows) == 0) is saved.is_check, f"{saved.examples[number - 1]}: {len(rows)} rows"
    assert golden.is_file(), f"no golden result for {golden.stem}: review it, then regenerate"
    header, expected = read_golden(golden)
    assert rows.variables == header
    got = rows_as_text(rows)
    assert got == expected, (f"missing: {sorted(expected - got)[:5]}; "
                             f"unexpected: {sorted(got - expected)[:5]}")


def test_the_examples_that_once_failed_now_resolve(built_store: GraphStore) -> None:
    """'Cambodia 1992' named no dispatch and 'stockpile' two supply arrangements."""
    lookup = NameLookup(built_store)
    with pytest.raises(LookupFailed, match="no dispatch is named"):
        lookup.resolve("Cambodia 1992", "dispatch", PKO.Dispatch, None)
    with pytest.raises(LookupFailed, match="names 2 things"):
        lookup.resolve("stockpile", "supply", SKOS.Concept,
                       URIRef("https://w3id.org/pkograph/id/scheme/supply-arrangement"))
    for name in ("personnel-by-assignment", "stockpile-contributions"):
        saved = load_file(next(p for p in QUERY_FILES if p.stem == name))
        assert "Cambodia 1992" not in saved.examples[0] and "=stockpile" not in saved.examples[0]
        assert len(run(built_store, saved, example_params(saved.examples[0]), lookup)) > 0


def test_quality_checks_pass_on_the_built_graph(built_store: GraphStore) -> None:
    for path in QUERY_FILES:
        saved = load_file(path)
        if saved.is_check:
            assert len(run(built_store, saved)) == 0, saved.name


# --- the header syntax --------------------------------------------------------------------------

GOOD = """# @title People
# @description Everyone,
#   on two lines.
# @param person person "Yasushi Akashi" The person
# @param since year * From this year
# @example pkograph query people --param person=Akashi
SELECT ?person ?since WHERE { ?person a foaf:Person }
"""


def test_header_syntax() -> None:
    saved = parse(GOOD, "people")
    assert isinstance(saved, SavedQuery)
    assert saved.description == "Everyone, on two lines."
    assert [(p.name, p.kind.name, p.default) for p in saved.params] == [
        ("person", "person", "Yasushi Akashi"), ("since", "year", None)]
    assert saved.params[0].description == "The person"


@pytest.mark.parametrize(("text", "message"), [
    (GOOD.replace("# @title People\n", ""), "needs @title"),
    (GOOD.replace("@param since year", "@param since color"), "unknown parameter kind"),
    (GOOD.replace('"Yasushi Akashi"', "Akashi"), "@param needs NAME KIND DEFAULT"),
    (GOOD.replace("@example", "@exemple"), "unknown header tag"),
    (GOOD.replace("?since WHERE", "WHERE"), "parameter 'since' is not used"),
])
def test_header_errors_name_the_line(text: str, message: str) -> None:
    with pytest.raises(QueryFileError, match=message) as info:
        parse(text, "people")
    assert str(info.value).startswith("people.rq:")


def test_a_check_takes_no_parameters() -> None:
    with pytest.raises(QueryFileError, match="takes no parameters"):
        parse(GOOD, "people-violation")
