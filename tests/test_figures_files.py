"""The figures as files: deterministic SVG with its labels, sources and metadata; PNG and PDF;
the Python entry point; and the figures committed under docs/figures/ being current.

``pytest tests/test_figures_files.py --regen-golden`` rewrites the committed figures from the
graph built from the checkout (as for the saved queries' golden files: review them first).
"""

from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import matplotlib
import pytest
from matplotlib.font_manager import FontProperties, findfont

import pkograph
from pkograph.figures import FIGURES, draw, figure_bytes, figure_svg
from pkograph.figures.common import FAMILY, style
from pkograph.queries import UsageError
from pkograph.store.base import GraphStore
from pkograph.terms import nquads_lines

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")

#: The figures the README shows: file, figure and parameters (the README gives the command).
COMMITTED = {
    "docs/figures/timeline.svg": ("timeline", {}),
    "docs/figures/network-akashi.svg": ("network", {"person": "Akashi"}),
}


def texts(svg: str) -> list[str]:
    """The texts of an SVG written by matplotlib (glyph outlines, each text in a comment)."""
    return [html.unescape(t) for t in re.findall(r"<!-- (.*?) -->", svg, re.DOTALL)]


@pytest.fixture(scope="module")
def svgs(built_store: GraphStore) -> dict[str, str]:
    return {name: figure_svg(built_store, name) for name in FIGURES}


@pytest.mark.parametrize("name", list(FIGURES))
def test_every_figure_has_a_title_labelled_axes_or_legend_and_its_sources(
        built_store: GraphStore, svgs: dict[str, str], name: str) -> None:
    svg = svgs[name]
    fig = draw(built_store, name)
    shown = texts(svg)
    assert fig.title_text in shown
    words = " ".join(" ".join(t.split()) for t in shown)  # wrapped lines are texts apart
    assert fig.source_text.startswith("Source") and " ".join(fig.source_text.split()) in words
    assert "Road to Peace (2019)" in fig.source_text
    ax = fig.axes[0]
    assert ax.get_legend() is not None
    if name != "network":
        assert ax.get_xlabel() in shown and ax.get_ylabel() in shown
    # metadata: our name, the title and the sources, and no date
    assert "<dc:date>" not in svg
    assert f"<dc:title>{html.escape(fig.title_text, quote=False)}</dc:title>" in svg
    assert "<cc:Agent>\n      <dc:title>pkograph</dc:title>" in svg
    root = ElementTree.fromstring(svg.encode("utf-8"))  # well-formed, hover texts included
    assert root.findall(".//{http://www.w3.org/2000/svg}title")


def test_the_svgs_hold_the_expected_labels(svgs: dict[str, str]) -> None:
    timeline = texts(svgs["timeline"])
    for label in ("Cambodia (1992)", "≠ East Timor (1999)", "Ukraine evacuees (2022)",
                  "UN Peacekeeping Operations", "more than 200", "1,332"):
        assert label in timeline, label
    assert any(t.startswith("[") and "1997-07" in t for t in timeline)
    network = texts(svgs["network"])
    for label in ("Yasushi Akashi", "UNTAC", "AGICP", "Sri Lanka peace", "process", "Chair"):
        assert label in network, label
    assert "UNHCR: Office of the United Nations High" in texts(svgs["supplies"])
    assert "International Humanitarian Relief Operations" in texts(svgs["personnel"])
    assert any(t.startswith("Amendment, 2015") for t in texts(svgs["law-timeline"]))


def test_the_same_graph_gives_the_same_svg_in_another_process_with_a_fresh_font_cache(
        built_store: GraphStore, svgs: dict[str, str], tmp_path: Path) -> None:
    graph = tmp_path / "graph.nq"
    graph.write_text("".join(nquads_lines(built_store.quads())), encoding="utf-8")
    script = ("import sys\nfrom pathlib import Path\n"
              "from pkograph.store.embedded import MemoryStore\n"
              "from pkograph.figures import figure_svg\n"
              "store = MemoryStore.from_nquads(Path(sys.argv[1]).read_bytes())\n"
              "sys.stdout.write(figure_svg(store, 'network'))\n")
    cache = tmp_path / "matplotlib"
    result = subprocess.run([sys.executable, "-c", script, str(graph)], capture_output=True,
                            text=True, check=True,
                            env={"MPLCONFIGDIR": str(cache), "PATH": "", "HOME": str(tmp_path)})
    assert result.stdout == svgs["network"]
    assert figure_svg(built_store, "network") == svgs["network"]
    fig = draw(built_store, "supplies")
    assert figure_bytes(fig, "svg") == figure_bytes(fig, "svg") == svgs["supplies"].encode()


def test_the_font_is_matplotlibs_own_dejavu_sans() -> None:
    bundled = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    with style():
        assert Path(findfont(FontProperties(family=FAMILY))) == bundled / "DejaVuSans.ttf"
        assert Path(findfont(FontProperties(family=FAMILY, weight="bold"))) == (
            bundled / "DejaVuSans-Bold.ttf")
        assert matplotlib.rcParams["svg.hashsalt"] == "pkograph"


def test_png_and_pdf(built_store: GraphStore) -> None:
    fig = draw(built_store, "law-timeline")
    png, pdf = figure_bytes(fig, "png"), figure_bytes(fig, "pdf")
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert pdf.startswith(b"%PDF-") and b"/CreationDate" not in pdf
    assert pdf == figure_bytes(draw(built_store, "law-timeline"), "pdf")


def test_pkograph_plot_writes_the_figure(built_store: GraphStore, tmp_path: Path) -> None:
    out = tmp_path / "figures" / "supplies.svg"
    fig = pkograph.plot("supplies", out, store=built_store, by="item")
    assert out.read_text(encoding="utf-8") == figure_svg(built_store, "supplies", {"by": "item"})
    assert fig.title_text.startswith("Japan's contributions in kind per year, by item type")
    with pytest.raises(UsageError, match=r"name the file \.svg, \.png or \.pdf"):
        pkograph.plot("supplies", tmp_path / "supplies.gif", store=built_store)
    with pytest.raises(UsageError, match="takes one of recipient, item"):
        pkograph.plot("supplies", tmp_path / "x.svg", store=built_store, by="colour")
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == ["supplies.svg"]


@pytest.mark.parametrize("path", list(COMMITTED))
def test_the_committed_figures_are_current_and_the_readme_shows_them(
        built_store: GraphStore, regen_golden: bool, path: str) -> None:
    name, params = COMMITTED[path]
    command = " ".join(["pkograph plot", name, *(f"--param {k}={v}" for k, v in params.items()),
                        "-o", path])
    assert command in README
    assert f"]({path})" in README
    svg = figure_svg(built_store, name, params)
    if regen_golden:
        (ROOT / path).parent.mkdir(parents=True, exist_ok=True)
        (ROOT / path).write_text(svg, encoding="utf-8")
    assert (ROOT / path).read_text(encoding="utf-8") == svg, (
        f"{path} is out of date: pytest {Path(__file__).name} --regen-golden")
