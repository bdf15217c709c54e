"""The whole report suite on a corpus full of hostile markup, opened in headless Chromium.

Asserts, for every HTML page a run writes (index, each report with code hidden and shown): no script
from an article ran (no ``window.__pwned``, title unchanged, no dialog), no event-handler attribute,
``javascript:`` URL, iframe or article-made script element exists in the DOM, no console error other
than blocked offline resources, and every image loaded. A full-page screenshot of each page is saved
under ``test-artifacts/browser/`` as the test's artifact.

Chromium comes from the system (Debian's ``chromium``, or ``NEWSPRISM_CHROMIUM``), driven by
Playwright for Python; ``playwright install`` is never needed. Without a browser the tests skip.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from analysis.report.runner import list_templates, run_reports
from tests.hostile import OUTLETS, PAYLOADS, TITLES, build_hostile_corpus

pytestmark = [pytest.mark.slow, pytest.mark.browser]

ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "test-artifacts" / "browser"
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
BLOCKED = "Failed to load resource"  # what Chromium logs for a request we aborted (offline CDN)
PAGES = ["index.html"] + [f"{t.stem}{suffix}.html" for t in list_templates()
                          for suffix in ("", ".code")]

DOM_CHECKS = """() => {
  const all = [...document.querySelectorAll('*')];
  const handlers = all.flatMap(e => [...e.attributes].filter(a => a.name.startsWith('on'))
                                     .map(a => e.tagName + ' ' + a.name));
  const urls = all.flatMap(e => ['href', 'src', 'action', 'formaction', 'xlink:href']
      .map(n => e.getAttribute(n) || '').filter(v => /^\\s*(javascript|data:text\\/html)/i.test(v)));
  return {
    pwned: typeof window.__pwned !== 'undefined',
    title: document.title,
    handlers, urls,
    frames: document.querySelectorAll('iframe, frame, object, embed').length,
    articleScripts: [...document.scripts].filter(s => s.text.includes('__pwned')).length,
    images: [...document.images].map(i => ({src: i.src.slice(0, 40), ok: i.complete && i.naturalWidth > 0})),
    text: document.body ? document.body.innerText : '',
  };
}"""


def find_chromium() -> str | None:
    """The system Chromium: ``NEWSPRISM_CHROMIUM``, Debian's /usr/bin/chromium, or one on PATH."""
    for candidate in (os.environ.get("NEWSPRISM_CHROMIUM"), "/usr/bin/chromium",
                      shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


@pytest.fixture(scope="module")
def chromium() -> str:
    path = find_chromium()
    if path is None:
        pytest.skip("no Chromium installed: `apt-get install chromium` (Debian) or set "
                    "NEWSPRISM_CHROMIUM to a Chromium binary; .ci/run installs it")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        pytest.skip("Playwright for Python is missing: pip install -e '.[dev]'")
    return path


@pytest.fixture(scope="module")
def hostile_run(chromium, tmp_path_factory):
    base = tmp_path_factory.mktemp("hostile")
    corpus = build_hostile_corpus(base / "harbour-summit")
    out = base / "reports"
    summary = run_reports(corpus, out, show_code=True, progress=False)
    return summary, out


@pytest.fixture(scope="module")
def plain_browser(chromium):
    """One Chromium for the whole module (Playwright's sync API allows one instance per thread)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        try:
            launched = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_FLAGS)
        except Exception as error:  # noqa: BLE001 - a broken browser install is a skip, not a failure
            pytest.skip(f"Chromium at {chromium} does not start: {error}")
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def browser(plain_browser, hostile_run):
    return plain_browser


def open_page(browser, path: Path, screenshot: Path | None = None) -> dict:
    """Load ``path`` offline (every non-file request aborted); the DOM findings plus dialogs and
    console errors seen."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    dialogs, errors = [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("console", lambda msg: errors.append((msg.text, msg.location.get("url", "")))
            if msg.type == "error" else None)
    page.on("pageerror", lambda error: errors.append((f"uncaught: {error}", "")))
    page.route("**/*", lambda route: route.continue_()
               if route.request.url.startswith(("file:", "data:")) else route.abort())
    page.goto(path.as_uri(), wait_until="load")
    page.wait_for_timeout(300)  # let any onload / onerror / autofocus handler fire
    page.mouse.move(300, 300)
    found = page.evaluate(DOM_CHECKS)
    if screenshot is not None:
        screenshot.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(screenshot), full_page=True)
    page.close()
    found["dialogs"], found["console_errors"] = dialogs, errors
    return found


def unexpected(errors: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Console errors other than a blocked request for a remote (CDN) resource."""
    return [(text, url) for text, url in errors
            if not (text.startswith(BLOCKED) and url.startswith(("http://", "https://")))]


def test_the_checks_catch_a_script_that_runs(browser, tmp_path):
    page = tmp_path / "canary.html"
    page.write_text(f"<html><body><p>{PAYLOADS['img']}</p><img src='missing.png'></body></html>")
    found = open_page(browser, page)
    assert found["pwned"] and found["title"] == "PWNED" and found["dialogs"] == ["1"]
    assert found["handlers"] and not all(image["ok"] for image in found["images"])
    assert unexpected(found["console_errors"])  # the missing local image is an error


def test_every_report_runs_on_the_hostile_corpus(hostile_run):
    summary, out = hostile_run
    assert summary.n_articles == 6
    # the hostile corpus carries no hand annotation: validation is "not applicable", never failed
    assert [(n.name, n.status) for n in summary.notebooks] == [
        (t.stem, "not applicable" if "validation" in t.stem else "ok") for t in list_templates()]
    assert all(n.error == "" for n in summary.notebooks if n.status == "ok")


@pytest.mark.parametrize("name", PAGES)
def test_no_script_runs_and_every_figure_loads(browser, hostile_run, name):
    summary, out = hostile_run
    path = out / name
    assert path.exists(), f"{name} was not written"
    found = open_page(browser, path, ARTIFACTS / f"{path.stem}.png")
    assert not found["pwned"] and found["title"] != "PWNED" and not found["dialogs"]
    assert found["handlers"] == [] and found["urls"] == []
    assert found["frames"] == 0 and found["articleScripts"] == 0
    assert unexpected(found["console_errors"]) == []
    assert all(image["ok"] for image in found["images"]), found["images"]
    assert (ARTIFACTS / f"{path.stem}.png").stat().st_size > 10_000


def test_hostile_text_is_shown_as_text(browser, hostile_run):
    summary, out = hostile_run
    found = open_page(browser, out / "01-corpus-overview.html")
    for text in (OUTLETS[0], OUTLETS[1], TITLES[0], TITLES[2], TITLES[4]):
        assert text in found["text"], text
    assert found["images"] and all(image["ok"] for image in found["images"])


# ---- Reports of 2, 10 and 50 outlets: pages you can send, readable at every size (issue 18) ----

OUTLET_COUNTS = (2, 10, 50)
LAYOUT_ARTIFACTS = ROOT / "test-artifacts" / "outlets"
FORBIDDEN_TEXT = ("Warning", "Traceback", "ipykernel")
PLACEHOLDER_ALTS = ("No description has been provided for this image",
                    "A figure; the table behind it is linked below it.",  # our template's fallback
                    "A figure; its table is linked below it.")  # display.describe_figure's
LAYOUT_CHECKS = """() => {
  const all = [...document.querySelectorAll('*')];
  const scrollers = all.filter(e => {
    const x = getComputedStyle(e).overflowX;
    return (x === 'auto' || x === 'scroll') && e.scrollWidth > e.clientWidth + 1;
  }).map(e => e.tagName + '.' + e.className);
  const csp = document.querySelector('meta[http-equiv="Content-Security-Policy"]');
  const external = all.flatMap(e => ['src', 'href', 'action', 'poster', 'data']
      .map(n => e.getAttribute(n) || '').filter(v => /^\\s*(https?:)?\\/\\//i.test(v)));
  return {
    scrollWidth: document.documentElement.scrollWidth, width: window.innerWidth, scrollers,
    csp: csp ? csp.getAttribute('content') : null, external,
    scripts: document.querySelectorAll('script').length,
    alts: [...document.images].map(i => i.getAttribute('alt')),
    images: [...document.images].map(i => i.complete && i.naturalWidth > 0),
    text: document.body ? document.body.innerText : '',
  };
}"""


@pytest.fixture(scope="module", params=OUTLET_COUNTS, ids=lambda n: f"{n}-outlets")
def outlet_run(request, chromium, tmp_path_factory):
    """Every report on a synthetic corpus of ``n`` outlets with 2 articles each (the 2-outlet
    corpus without an ``event`` column, as a manifest without events has)."""
    from tests.outlet_corpora import build_outlet_corpus

    n = request.param
    base = tmp_path_factory.mktemp(f"outlets-{n}")
    corpus = build_outlet_corpus(base / f"summit-{n}-outlets", n, per_outlet=2, with_event=n != 2)
    out = base / "reports"
    summary = run_reports(corpus, out, progress=False)
    # synthetic corpora carry no hand annotation: validation is "not applicable", never failed
    assert [(r.name, r.status) for r in summary.notebooks] == [
        (t.stem, "not applicable" if "validation" in t.stem else "ok") for t in list_templates()]
    assert all(r.error == "" for r in summary.notebooks if r.status == "ok")
    return n, out


def open_report(browser, path: Path, screenshot: Path, full_page: bool = True) -> tuple[dict, list[str]]:
    """The layout findings of one page at 1280 px, offline, and every request it tried to make
    beyond its own file (none is allowed)."""
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    requests = []
    page.route("**/*", lambda route: (route.continue_() if route.request.url == path.as_uri()
                                      or route.request.url.startswith("data:")
                                      else (requests.append(route.request.url), route.abort())))
    page.goto(path.as_uri(), wait_until="load")
    found = page.evaluate(LAYOUT_CHECKS)
    screenshot.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(screenshot), full_page=full_page)
    page.close()
    return found, requests


def test_every_page_is_self_contained_clean_and_fits_1280_px(plain_browser, outlet_run):
    from analysis.report.runner import INDEX_CSP

    n, out = outlet_run
    pages = ["index.html"] + [f"{t.stem}.html" for t in list_templates()]
    for name in pages:
        path = out / name
        raw = path.read_text(encoding="utf-8")
        found, requests = open_report(plain_browser, path, LAYOUT_ARTIFACTS / f"{n}-outlets" / f"{path.stem}.png")
        assert "<script" not in raw.lower() and found["scripts"] == 0, name
        assert re.search(r"https?://", raw) is None, (name, re.findall(r".{30}https?://.{30}", raw)[:3])
        assert found["external"] == [] and requests == [], (name, found["external"], requests)
        assert found["csp"] == INDEX_CSP, name
        assert all(alt and alt not in PLACEHOLDER_ALTS for alt in found["alts"]), (name, found["alts"])
        assert all(found["images"]), name
        assert [w for w in FORBIDDEN_TEXT if w in found["text"]] == [], name
        assert found["scrollWidth"] <= found["width"] and found["scrollers"] == [], (name, found)


def test_the_summary_opens_with_findings_and_names_every_outlet(plain_browser, outlet_run):
    from tests.outlet_corpora import outlet_names

    n, out = outlet_run
    found, _ = open_report(plain_browser, out / "00-summary.html",
                           LAYOUT_ARTIFACTS / f"{n}-outlets" / "00-summary-first-screen.png",
                           full_page=False)
    text = found["text"]
    assert text.index("Findings: the largest differences") < text.index("Every measure, outlet by outlet")
    assert "Too small to call" in text or "No clear difference" in text or re.search(r"\(\d+ and \d+ ", text)
    missing = [o for o in outlet_names(n) if o not in text]
    assert missing == []


def test_each_outlet_has_one_colour_on_every_page(outlet_run):
    import pandas as pd

    from analysis.views.palette import outlet_colours
    from tests.outlet_corpora import outlet_names

    n, out = outlet_run
    expected = outlet_colours(outlet_names(n))
    seen: dict[str, set] = {}
    tables = sorted((out / "figure-tables").glob("*.csv"))
    coloured = [t for t in tables if "colour" in pd.read_csv(t, nrows=0).columns]
    assert {t.stem.split("-")[0] for t in coloured} >= {"summary", "overview", "sentiment",
                                                         "readability", "framing", "attribution"}
    for table in coloured:
        frame = pd.read_csv(table, usecols=["outlet", "colour"])
        for outlet, colour in zip(frame["outlet"], frame["colour"]):
            seen.setdefault(outlet, set()).add(colour)
    assert {o: c.pop() for o, c in seen.items() if len(c) == 1} == {o: expected[o] for o in seen}
    assert set(seen) == set(outlet_names(n))
