"""The pages in a real browser: headless Chromium (Debian's ``chromium`` and
``chromium-driver``, installed by ``tests/browser/install-chromium``), driven by Selenium,
against ``pkograph serve`` on a free port.

A researcher's path: the home page, a search for "Akashi", his page with his UNTAC and Sri
Lanka posts and their sources, a source followed to the highlighted line of its document, the
saved queries person-trail and contributions-in-kind run from their forms, and a SPARQL query
run on the query page. Each page is saved as a screenshot under ``build/test-artefacts/browser``.
The tests fail (they never skip) when the browser is missing.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from serving import serve

from pkograph.paths import Project
from pkograph.queries import load, run
from pkograph.store.base import GraphStore

ARTEFACTS = Path(__file__).resolve().parents[2] / "build" / "test-artefacts" / "browser"
FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--disable-sync",
         "--window-size=1280,900")


@pytest.fixture(scope="module")
def url(built_project: Project) -> Iterator[str]:
    with serve(built_project.root) as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[WebDriver]:
    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    if chromium is None or driver is None:
        pytest.fail("the browser tests need chromium and chromedriver: run "
                    "tests/browser/install-chromium (the README's test command does)")
    os.environ.setdefault("SE_OFFLINE", "true")  # Selenium never downloads a driver
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    profile = tempfile.mkdtemp(prefix="pkograph-chromium-")
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    session = webdriver.Chrome(options=options, service=Service(driver))
    session.set_page_load_timeout(60)
    try:
        yield session
    finally:
        session.quit()
        shutil.rmtree(profile, ignore_errors=True)


def screenshot(browser: WebDriver, name: str, whole: bool = True) -> Path:
    """Save the page (the whole of it, or what the window shows) as a test artefact."""
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTEFACTS / f"{name}.png"
    if whole:
        height = browser.execute_script("return document.documentElement.scrollHeight")
        browser.set_window_size(1280, min(max(int(height), 900), 8000))
    try:
        assert browser.save_screenshot(str(path))
    finally:
        browser.set_window_size(1280, 900)
    assert path.stat().st_size > 10_000
    return path


def rows_of(table: WebElement) -> list[list[WebElement]]:
    return [row.find_elements(By.TAG_NAME, "td")
            for row in table.find_elements(By.CSS_SELECTOR, "tbody tr")]


def test_from_search_to_akashi_to_the_cited_line(browser: WebDriver, url: str) -> None:
    browser.get(url + "/")
    assert browser.find_element(By.TAG_NAME, "h1").text == \
        "Japan's international peace cooperation since 1992"
    screenshot(browser, "home")

    box = browser.find_element(By.CSS_SELECTOR, "section.intro input[name=q]")
    box.send_keys("Akashi")
    box.submit()
    assert browser.current_url == url + "/search?q=Akashi"
    screenshot(browser, "search")
    browser.find_element(By.LINK_TEXT, "Yasushi Akashi").click()

    assert browser.current_url == url + "/id/person/yasushi-akashi"
    assert browser.find_element(By.TAG_NAME, "h1").text == "Yasushi Akashi"
    trail = browser.find_element(By.CSS_SELECTOR, "section.trail table")
    header = [th.text for th in trail.find_elements(By.CSS_SELECTOR, "thead th")]
    posts = [r for r in rows_of(trail) if r[header.index("link")].text == "post"]
    untac = [r for r in posts if r[header.index("with_label")].text ==
             "United Nations Transitional Authority in Cambodia"]
    sri_lanka = [r for r in posts if "Sri Lanka" in r[header.index("concerns_label")].text]
    assert len(untac) == 3 and len(sri_lanka) == 1
    for row in [*untac, *sri_lanka]:  # each post with its document and a link to its lines
        assert row[header.index("document")].text
        assert "?lines=" in row[header.index("locator")].find_element(
            By.TAG_NAME, "a").get_attribute("href")
    source = sri_lanka[0][header.index("document")].text
    assert source == "Japan's Efforts on Peacebuilding (c. 2007)"
    screenshot(browser, "person")

    sri_lanka[0][header.index("locator")].find_element(By.TAG_NAME, "a").click()
    assert browser.current_url == url + "/id/document/mofa-peacebuilding-2007?lines=248#L248"
    line = browser.find_element(By.ID, "L248")
    assert "cited" in line.get_attribute("class").split()
    assert browser.execute_script("return document.querySelector(':target').id") == "L248"
    top = browser.execute_script("return arguments[0].getBoundingClientRect().top", line)
    assert 0 <= top < browser.execute_script("return window.innerHeight")
    assert "Japan appointed former UN Under-Secretary-General Yasushi Akashi" in line.text
    assert len(browser.find_elements(By.CSS_SELECTOR, "span.line.cited")) == 1
    screenshot(browser, "document-line", whole=False)


def test_saved_queries_run_from_their_forms(browser: WebDriver, url: str,
                                            built_store: GraphStore,
                                            built_project: Project) -> None:
    browser.get(url + "/queries")
    browser.find_element(By.PARTIAL_LINK_TEXT, "A person's trail").click()
    person = browser.find_element(By.NAME, "person")
    person.clear()
    person.send_keys("akashi yasushi")
    person.submit()
    result = browser.find_element(By.CSS_SELECTOR, "section.result table")
    expected = run(built_store, load(built_project, "person-trail"), {"person": "Akashi"})
    assert len(rows_of(result)) == len(expected) == 10
    assert "person: Yasushi Akashi" in browser.find_element(By.CSS_SELECTOR, "p.hoisted").text
    screenshot(browser, "person-trail")

    browser.get(url + "/queries/contributions-in-kind")
    browser.find_element(By.NAME, "recipient").send_keys("UNHCR")
    browser.find_element(By.NAME, "item").send_keys("blanket")
    browser.find_element(By.CSS_SELECTOR, "form.params button[type=submit]").click()
    result = browser.find_element(By.CSS_SELECTOR, "section.result table")
    header = [th.text for th in result.find_elements(By.CSS_SELECTOR, "thead th")]
    rows = [[cell.text for cell in row] for row in rows_of(result)]
    expected = run(built_store, load(built_project, "contributions-in-kind"),
                   {"recipient": "UNHCR", "item": "blanket"})
    assert len(rows) == len(expected) > 5
    assert {r[header.index("item_label")] for r in rows} == {"Blanket"}
    decided = {(r[header.index("decision_date")], r[header.index("quantity")]) for r in rows}
    assert ("1994-08-12", "3550") in decided
    csv_link = browser.find_element(By.LINK_TEXT, "CSV").get_attribute("href")
    assert csv_link.endswith("/queries/contributions-in-kind.csv?recipient=UNHCR&item=blanket")
    screenshot(browser, "contributions-in-kind")


def test_a_sparql_query_on_the_query_page(browser: WebDriver, url: str) -> None:
    browser.get(url + "/query")
    editor = browser.find_element(By.NAME, "query")
    editor.clear()
    editor.send_keys("SELECT DISTINCT ?acronym WHERE {\n"
                     "  ?mission a pko:Mission ; pko:acronym ?acronym .\n"
                     "  FILTER(?acronym IN (\"UNTAC\", \"UNMISS\"))\n"
                     "} ORDER BY ?acronym")
    browser.find_element(By.CSS_SELECTOR, "form.sparql button:not(.secondary)").click()
    result = browser.find_element(By.CSS_SELECTOR, "section.result table")
    assert [[c.text for c in row] for row in rows_of(result)] == [["UNMISS"], ["UNTAC"]]
    screenshot(browser, "query")
