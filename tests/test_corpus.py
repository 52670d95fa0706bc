"""The corpus (`grader.corpus`): wrong versions learners really write are caught by the check meant for
each, with that check's message; correct versions in other styles get full marks; and a header that
would assert nothing is refused."""
from __future__ import annotations

import pytest

from grader import corpus, course

EXERCISES = course.all_exercises()
CASES = corpus.load_cases()


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_corpus_case(case):
    assert case.problems(EXERCISES[case.exercise]) == []


@pytest.mark.parametrize("name", sorted(EXERCISES))
def test_corpus_is_thick_enough_and_shows_every_check_failing(name):
    """A check that no wrong version fails could be a check that cannot fail."""
    cases = corpus.load(EXERCISES[name])
    assert corpus.thin_names(EXERCISES[name], cases) == []
    assert corpus.never_failed(EXERCISES[name], cases) == []


@pytest.mark.parametrize("header, error", [
    ("# expect-fial: dot.empty | 0\n", "is not a directive"),
    ("# expect-pass: dot.emtpy\n", "'dot.emtpy' is no check of ex01_dot"),
    ("# expect:full marks\n", "is not a directive"),
    ("# expect-fail: dot.empty\n", "is not a directive"),  # no `| text`
    ("# A version with no directive at all.\n", "the header expects nothing"),
    ("\n# expect: full-marks\n", "the header expects nothing"),  # after the header: a comment in the code
])
def test_a_header_that_would_assert_nothing_is_an_error(tmp_path, header, error):
    path = tmp_path / "case.py"
    path.write_text(header + "def dot(u, v):\n    return 0\n")
    with pytest.raises(corpus.CorpusError, match=error):
        corpus.read_case(path, EXERCISES["ex01_dot"])


def test_a_good_header_reads_as_written(tmp_path):
    path = tmp_path / "case.py"
    path.write_text("# expect-fail: dot.empty | must be 0\n# Prose: why this version is wrong.\n"
                    "# expect-pass: dot.unequal_lengths\ndef dot(u, v):\n    return 1\n")
    case = corpus.read_case(path, EXERCISES["ex01_dot"])
    assert (case.fails, case.passes, case.full_marks) == ({"dot.empty": "must be 0"}, ["dot.unequal_lengths"], False)
