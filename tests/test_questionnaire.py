"""docs/questionnaire.md lists every question of fastbook's chapter 8 (Q1-Q31, Further Research 1-4),
and each of its links points at a paragraph of solution notes that exists."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from grader.course import ROOT
from grader.markers import without_notes

INDEX = ROOT / "docs" / "questionnaire.md"
EXPECTED = [f"Q{n}" for n in range(1, 32)] + [f"FR{n}" for n in range(1, 5)]
ROW = re.compile(r"^\| (Q\d+|FR\d+) \| (.+?) \| (.+) \|$")
LINK = re.compile(r'\[[^\]]+\]\(([^)]+)\), "([^"]+)"')
MARK = re.compile(r"^(?:Question \d+|Further Research \d+) answered", re.M)


def rows() -> dict[str, tuple[str, list[tuple[str, str]]]]:
    """Item -> (question, [(link target, quoted phrase), ...])."""
    found: dict[str, tuple[str, list[tuple[str, str]]]] = {}
    for line in INDEX.read_text(encoding="utf-8").splitlines():
        match = ROW.match(line)
        if match:
            item, question, where = match.groups()
            assert item not in found, f"{item} is listed twice"
            found[item] = (question, LINK.findall(where))
    return found


def test_every_question_and_further_research_item_is_listed_once_in_order():
    assert list(rows()) == EXPECTED


@pytest.mark.parametrize("item", EXPECTED)
def test_each_link_points_at_an_answer_in_solution_notes(item):
    question, links = rows()[item]
    assert question.strip() and links, f"{item} has no question or no link"
    number = item.lstrip("QFR")
    for target, phrase in links:
        path = (INDEX.parent / target).resolve()
        assert path.is_file(), f"{item}: {target} does not exist"
        assert phrase == (f"Question {number} answered" if item.startswith("Q") else f"Further Research {number} answered")
        text = path.read_text(encoding="utf-8")
        assert re.search(rf"^{re.escape(phrase)}\b", text, re.M), f"{item}: no paragraph starts with {phrase!r} in {target}"
        # The answer is solution-only text: the stubs and notebooks are built without it.
        assert phrase not in without_notes(text), f"{item}: {phrase!r} in {target} is outside the solution notes"


def test_every_answer_in_the_solutions_is_in_the_index():
    listed = {(Path(target).name, phrase) for _, links in rows().values() for target, phrase in links}
    for path in sorted((ROOT / "solutions").glob("ex*.py")):
        for phrase in MARK.findall(path.read_text(encoding="utf-8")):
            assert (path.name, phrase) in listed, f"{path.name}: {phrase!r} is not linked from {INDEX.name}"
