"""One typed result, rendered at the edges: numbers in their own precision, prose wrapped at 100
columns without breaking words, calls that still paste, a file-wide problem said once, the summary
before the details."""
from __future__ import annotations

import ast
import json
import re
import subprocess
import sys

import numpy as np

from grader.corpus import stub
from grader.course import ROOT
from grader import as_python, course, gradebook, message
from grader.plain import TensorArg, TensorValue
from grader.result import Misconception, Result, Status

SOFTMAX_NO_MAX = ("import torch\n\ndef softmax(logits):\n    e = logits.exp()\n    return e / e.sum(-1, keepdim=True)\n")


def grader(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "grader", *args], cwd=cwd, capture_output=True, text=True)


def test_float32_values_show_as_the_shortest_text_that_reads_back_as_float32():
    got = TensorValue(np.array([0.2, -0.4, 0.1], np.float32), "float32")
    assert as_python.value(got) == "tensor of shape [3], dtype float32: [0.2, -0.4, 0.1]"
    assert all(np.float32(float(t)) == v for t, v in zip(re.findall(r"-?[\d.]+", as_python.value(got))[2:], got.array))
    # a float64 reference value labelled float32 is shown as the float32 it stands for
    assert as_python.value(TensorValue(np.array([-20000.69314718056]), "float32")).endswith("[-20000.693]")
    assert as_python.value(TensorValue(np.array([0.1]), "float64")).endswith("[0.1]")
    assert as_python.number(np.float32(0.2), np.float32) == "0.2" and as_python.number(0.30000000000000004) == "0.30000000000000004"
    assert as_python.call_text("f", [TensorArg(np.array([0.1, 1e-8]), "float32")]) == "f(torch.tensor([0.1, 1e-08]))"


def test_numbers_are_plain_python_not_numpy_reprs():
    assert as_python.code(np.int64(0)) == "0" and as_python.code(np.float64(0.0)) == "0.0" and as_python.code(np.bool_(True)) == "True"
    assert as_python.code([np.int64(3), np.float32(0.5)]) == "[3, 0.5]"


def test_calls_are_never_cut_and_wrap_only_where_python_allows():
    long = TensorArg(np.arange(400, dtype=np.float32).reshape(20, 20) / 7, "float32")
    call = as_python.call_text("softmax", [long])
    assert "..." not in call and ast.parse(call)
    result = Result("ex06_cross_entropy", "softmax.matches_reference", Status.FAILED, 0, 2, "says", call=call, got="x")
    lines = message.message_lines(result)
    assert all(len(line) <= message.WIDTH for line in lines)
    call_lines = [line for line in lines if line.startswith(("call:", " " * message.LABEL))][: len(lines) - 2]
    pasted = "\n".join(line[message.LABEL:] for line in call_lines)
    assert ast.parse(pasted) and ast.unparse(ast.parse(pasted)) == ast.unparse(ast.parse(call))


def test_prose_wraps_at_100_columns_between_words():
    why = "exp() overflows float32 to inf beyond about 88, so exp(x) / exp(x).sum() becomes inf / inf = nan; " * 3
    result = Result("ex06_cross_entropy", "softmax.stable_for_large_logits", Status.FAILED, 0, 1, "s " * 80,
                    misconception=Misconception("softmax without max-subtraction", why), hint="h " * 70)
    lines = message.message_lines(result)
    assert all(len(line) <= 100 for line in lines)
    assert " ".join(lines).split() == result.message.split()  # the same words, none broken
    assert result.message.count("\n") < len(lines)  # and the unwrapped message keeps one line per field


def test_a_result_survives_json_and_a_row_with_only_the_contract_keys_is_read():
    result = Result("ex01_dot", "dot.empty", Status.FAILED, 0, 1, "says", call="dot([], [])", expected="0",
                    got="1", misconception=Misconception("n", "w."), hint="h", output="printed")
    row = json.loads(json.dumps(result.as_dict()))
    assert Result.from_dict(row) == result and row["message"] == result.message and row["status"] == "failed"
    passed = Result("ex01_dot", "dot.empty", Status.PASSED, 1, 1, "says")
    assert passed.as_dict()["message"] == "" and Result.from_dict(passed.as_dict()) == passed
    legacy = Result.from_dict({"exercise": "ex01_dot", "check": "dot.empty", "passed": False, "points": 0,
                               "max_points": 1, "message": "says\nex01_dot.py is missing", "status": "missing"})
    assert legacy.status is Status.MISSING and legacy.says == "says" and legacy.detail == "ex01_dot.py is missing"


def test_untouched_files_are_one_line_each_and_a_broken_file_is_said_once(tmp_path, fresh_build):
    done = grader("check", "--path", str(fresh_build / "exercises"))
    lines = done.stdout.splitlines()
    assert done.returncode == 1 and len(lines) < 25, done.stdout
    assert sum(line.startswith("✗ ex") and line.endswith("(not started)") for line in lines) == len(course.names())
    assert "NotImplementedError" not in done.stdout
    (tmp_path / "ex01_dot.py").write_text("def dot(u, v)\n    return 0\n")
    (tmp_path / "ex04_dot_model.py").write_text(stub("ex04_dot_model").replace(
        "    # TODO", "    return torch.sigmoid(x) * (high - low) + low\n    # TODO", 1))
    done = grader("check", "ex01", "ex04", "--path", ".", cwd=tmp_path)
    assert done.stdout.count("has a syntax error at line 1") == 1 and "hint:" not in done.stdout
    assert done.stdout.count("still raises NotImplementedError") == 4  # one line each for ex04's four other names
    assert all(len(line) <= 100 for line in done.stdout.splitlines())
    verbose = grader("check", "ex01", "--path", ".", "--verbose", cwd=tmp_path)
    assert verbose.stdout.count("has a syntax error at line 1") == 4  # --verbose: every check, whole


def test_an_exercises_summary_comes_before_its_details(tmp_path):
    (tmp_path / "ex06_cross_entropy.py").write_text(SOFTMAX_NO_MAX)
    done = grader("check", "ex06", "--path", str(tmp_path))
    lines = done.stdout.splitlines()
    assert lines[0].startswith("✗ ex06_cross_entropy") and "/22" in lines[0]
    assert lines.index("  ✗ softmax.stable_for_large_logits  0/1") > 0
    assert "✓ softmax.matches_reference" not in done.stdout  # passing checks only with --verbose
    assert "✓ softmax.matches_reference" in grader("check", "ex06", "--path", str(tmp_path), "-v").stdout


def _student(results: list[Result]) -> dict:
    return {"student": "ada", "results": [r.as_dict() for r in results]}


def test_feedback_files_results_and_gradescope_render_the_same_result():
    wrong = Result("ex01_dot", "dot.unequal_lengths", Status.FAILED, 0, 1, "dot must raise", call="dot([], [0])",
                   expected="raises ValueError", got="returned 0", hint="check the lengths")
    right = Result("ex01_dot", "dot.empty", Status.PASSED, 1, 1, "dot of empty is 0")
    todo = [Result("ex02_crosstab", f"ratings_crosstab.c{i}", Status.TODO, 0, 1, "says",
                   detail="not implemented yet: ratings_crosstab still raises NotImplementedError.") for i in range(5)]
    student = _student([wrong, right, *todo])
    markdown = gradebook.feedback_markdown(student)
    assert markdown.index("| ex01_dot | 1/2 | in progress |") < markdown.index("### ✗ dot.unequal_lengths")
    assert "| ex02_crosstab | 0/5 | not started |" in markdown and "ratings_crosstab.c1" not in markdown
    assert "call:     dot([], [0])" in markdown and "hint: check the lengths" in markdown
    page = gradebook.feedback_html(student)
    assert "dot.unequal_lengths" in page and "ratings_crosstab.c1" not in page and "not started" in page
    summary = gradebook._summary(student)
    check = summary["exercises"][0]["checks"][0]
    assert check["status"] == "failed" and check["call"] == "dot([], [0])" and check["got"] == "returned 0"
    scope = json.loads(gradebook.gradescope(student))
    outputs = {t["name"]: t["output"] for t in scope["tests"]}
    assert outputs["ratings_crosstab.c0"] == "not implemented yet: ratings_crosstab still raises NotImplementedError."
    assert "expected: raises ValueError" in outputs["dot.unequal_lengths"] and "ex02_crosstab: 0/5 (not started)" in scope["output"]
