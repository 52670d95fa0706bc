"""The class report (`DIR/report.html` and the terminal's lines): pass rates, misconceptions with their
students, score distributions and checks failed together, counted the way an instructor reads them;
a page that needs no server, shown in headless Chromium (Debian's package, driven by Playwright).

With LESSON7_SCREENSHOTS=docs/img the page's screenshot is written there; with LESSON7_CLASS_REPORT
set to a report.html that `grade` wrote (the README's is of a generated class of 50), that page is
the one shown."""
from __future__ import annotations

import html
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from grader import class_report, course
from grader.result import Misconception, Result, Status

ZIP = Misconception("zip truncating unequal lengths", "zip() stops at the end of the shorter sequence.")
ASSERT = Misconception("assert for input validation", "assert raises AssertionError.")
CHECKS = {c.id: c for c in course.all_exercises()["ex01_dot"].checks}


def student(name: str, failing: dict[str, Misconception | None] | None = None, status: Status | None = None) -> dict:
    """A student's ex01 results: every check passed but those `failing` (with the misconception each
    named), or every check ended with `status` (not implemented, missing)."""
    rows = []
    for check in CHECKS.values():
        ended = status or (Status.FAILED if check.id in (failing or {}) else Status.PASSED)
        misconception = (failing or {}).get(check.id)
        rows.append(Result("ex01_dot", check.id, ended, check.points if ended is Status.PASSED else 0, check.points,
                           check.says, misconception=misconception).as_dict())
    return {"student": name, "problem": False, "results": rows}


def thirteen() -> list[dict]:
    """5 of 13 fail dot.unequal_lengths (38%), 4 of them by zip's truncation (31%), 2 of those dot.empty
    too; 2 others fail two checks and nothing else; 2 have not started and 1 handed nothing in (not run,
    not failed)."""
    return ([student(f"zip{i}", {"dot.unequal_lengths": ZIP, **({"dot.empty": None} if i < 2 else {})})
             for i in range(4)]
            + [student("asserts", {"dot.unequal_lengths": ASSERT})]
            + [student(f"right{i}") for i in range(3)]
            + [student(f"pair{i}", {"dot.matches_reference": None, "dot.from_scratch": None}) for i in range(2)]
            + [student(f"stub{i}", status=Status.TODO) for i in range(2)]
            + [student("absent", status=Status.MISSING)])


def test_failures_misconceptions_and_checks_failed_together_are_counted_as_an_instructor_reads_them():
    summary = class_report.summarise(thirteen())
    rates = {r.check: r for r in summary.checks}
    line, misconception = summary.headline(rates["dot.unequal_lengths"])
    assert (line + f"*{misconception}*" ==
            "ex01 dot.unequal_lengths: 38% failed, 31% of the class with *zip truncating unequal lengths*")
    assert (rates["dot.unequal_lengths"].passed, rates["dot.unequal_lengths"].failed,
            rates["dot.unequal_lengths"].not_run) == (5, 5, 3)  # a stub or a missing file is not a wrong answer
    assert summary.headline(rates["dot.empty"]) == ("ex01 dot.empty: 15% failed", None)
    assert [(m.name, m.students, m.checks) for m in summary.misconceptions] == [
        (ZIP.name, ["zip0", "zip1", "zip2", "zip3"], ["dot.unequal_lengths"]),
        (ASSERT.name, ["asserts"], ["dot.unequal_lengths"])]
    assert [(t.names, t.both, t.either) for t in summary.together] == [  # the stubs' checks do not "fail together"
        (("ex01 dot.matches_reference + ex01 dot.from_scratch", ""), 2, 2),  # a group: always failed together
        (("ex01 dot.unequal_lengths", "ex01 dot.empty"), 2, 5)]
    assert summary.most_failed(2) == [rates["dot.unequal_lengths"], rates["dot.matches_reference"]]
    points, most = summary.scores["ex01_dot"]
    assert most == 5 and sorted(points).count(most) == 3 and len(points) == 13


def test_the_terminal_shows_the_worst_checks_and_the_commonest_misconceptions(capsys, tmp_path):
    class_report.print_summary(thirteen(), tmp_path)
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"what the class got wrong (all of it in {tmp_path / 'report.html'}):"
    assert lines[1] == "  ex01 dot.unequal_lengths: 38% failed, 31% of the class with *zip truncating unequal lengths*"
    assert "zip truncating unequal lengths (ex01): 4; assert for input validation (ex01): 1" in "\n".join(lines)
    assert lines[-1] == "  failed together most often: ex01 dot.matches_reference + ex01 dot.from_scratch (2 students)"
    class_report.print_summary([student("right")], tmp_path)
    assert capsys.readouterr().out.startswith("class report: every check that ran passed")


def test_the_page_is_one_file_that_quotes_learner_names_as_text(tmp_path):
    hostile = "<img src=x onerror=alert(1)>"
    students = [*thirteen(), student(hostile, {"dot.unequal_lengths": ZIP})]
    class_report.write(tmp_path, students)
    page = (tmp_path / "report.html").read_text()
    assert hostile not in page and html.escape(hostile) in page
    elements = Elements()
    elements.feed(page)
    assert "script" not in elements.tags and "img" in elements.tags
    assert elements.links and all(link.startswith("data:image/png;base64,") for link in elements.links), elements.links
    again = tmp_path / "again"
    class_report.write(again, students)
    assert (again / "report.html").read_bytes() == (tmp_path / "report.html").read_bytes()


class Elements(HTMLParser):
    """The tags of a page, and every address an attribute of theirs points at."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.add(tag)
        self.links += [value for name, value in attrs if name in ("src", "href", "srcset", "action", "data")]


CHROMIUM = Path(os.environ.get("LESSON7_CHROMIUM", "/usr/bin/chromium"))


@pytest.mark.skipif(not CHROMIUM.exists(), reason=f"no Chromium at {CHROMIUM} (Debian: apt-get install chromium)")
def test_the_page_opens_from_disk_in_chromium_with_nothing_fetched(tmp_path):
    sync_api = pytest.importorskip("playwright.sync_api")
    given = os.environ.get("LESSON7_CLASS_REPORT")
    if given:
        path = Path(given).resolve()
    else:
        class_report.write(tmp_path, thirteen())
        path = tmp_path / "report.html"
    args = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"]
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=args)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            requests: list[str] = []
            errors: list[str] = []
            page.on("request", lambda r: requests.append(r.url))
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.goto(path.as_uri())
            page.wait_for_load_state("load")
            assert all(u.startswith(("file:", "data:")) for u in requests), requests  # no server, no network
            assert not errors, errors
            assert page.title().startswith("Class report:")
            figure = page.locator("img").first
            assert figure.evaluate("i => i.complete && i.naturalWidth > 400 && i.naturalHeight > 100")
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")  # nothing runs off
            first = page.locator("ol.teach li").first
            assert re.match(r"ex\d\d \S+: \d+% failed", first.inner_text())
            names = page.locator("details").first
            assert not names.locator(".names").is_visible()
            names.locator("summary").click()  # the students behind a misconception, with no script
            assert names.locator(".names").is_visible()
            if not given:
                assert first.inner_text().startswith(
                    "ex01 dot.unequal_lengths: 38% failed, 31% of the class with zip truncating unequal lengths")
                assert first.locator("em").inner_text() == ZIP.name
                assert names.locator(".names").inner_text() == "zip0, zip1, zip2, zip3"
            shots = Path(os.environ.get("LESSON7_SCREENSHOTS", tmp_path))
            names.locator("summary").click()
            page.screenshot(path=str(shots / "class-report.png"), clip={"x": 0, "y": 0, "width": 1280, "height": 1300},
                            full_page=True)
        finally:
            browser.close()


def test_a_hints_emphasis_reads_as_emphasis_and_arithmetic_stays_as_written():
    said = class_report._emphasis(html.escape("the lookup *is* one_hot(indices) @ weight, and a * b * c <b>"))
    assert said == "the lookup <i>is</i> one_hot(indices) @ weight, and a * b * c &lt;b&gt;"
