"""What `python -m grader grade` writes: the gradebook, results, feedback, Gradescope files, a
histogram, and a summary on the terminal. Every file is written atomically, and nothing in the
gradebook or results depends on timing, so grading a class twice gives the same bytes."""
from __future__ import annotations

import csv
import html
import io
import json
from itertools import groupby
from pathlib import Path

from grader import hints, message, render
from grader.report import write_atomically
from grader.result import PROBLEMS, Result
from grader.submissions import output_names

GRADEBOOK_COLUMNS = ["student", "exercise", "check", "passed", "points", "max_points"]
UNCONFINED = ("graded with --unconfined: learner code was not confined by the kernel, so a hostile submission "
              "could have read or changed files; do not trust these grades against cheating")


def write_all(out: Path, students: list[dict], formats: list[str], confinement: str | None = "") -> None:
    """`confinement` None: graded --unconfined, which every student's entry in results.json says."""
    write_atomically(out / "gradebook.csv", gradebook_csv(students))
    summaries = [{**_summary(s), **({"warning": UNCONFINED} if confinement is None else {})} for s in students]
    write_atomically(out / "results.json", json.dumps(summaries, indent=1, ensure_ascii=False) + "\n")
    names = output_names([s["student"] for s in students])
    for student in students:
        name = names[student["student"]]
        write_atomically(out / "feedback" / f"{name}.md", feedback_markdown(student))
        write_atomically(out / "feedback" / f"{name}.html", feedback_html(student))
        if "gradescope" in formats:
            write_atomically(out / "gradescope" / name / "results.json", gradescope(student))
    write_atomically(out / "grades.png", histogram([_total(s)[0] for s in students], _total(students[0])[1]))


def gradebook_csv(students: list[dict]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(GRADEBOOK_COLUMNS)
    for student in students:
        for r in student["results"]:
            writer.writerow([student["student"], r["exercise"], r["check"], str(r["passed"]).lower(), r["points"],
                             r["max_points"]])
    return buffer.getvalue()


def _total(student: dict) -> tuple[int, int]:
    return sum(r["points"] for r in student["results"]), sum(r["max_points"] for r in student["results"])


def _exercises(student: dict) -> list[tuple[str, list[Result]]]:
    """A student's results, typed, by exercise (rows from the cache or a grading process are dicts)."""
    typed = [Result.from_dict(r) for r in student["results"]]
    return [(name, list(rows)) for name, rows in groupby(typed, key=lambda r: r.exercise)]


def _summary(student: dict) -> dict:
    points, most = _total(student)
    return {"student": student["student"], "points": points, "max_points": most,
            "exercises": [{"exercise": name, "points": sum(r.points for r in rows),
                           "max_points": sum(r.max_points for r in rows), "state": render.state(rows),
                           "checks": [{k: v for k, v in r.as_dict().items() if k != "exercise"} for r in rows]}
                          for name, rows in _exercises(student)]}


def feedback_markdown(student: dict) -> str:
    """The student's points per exercise first, then what to fix: each failure's message, and a
    problem that every check of a file shares (not implemented, missing, not importable) once."""
    points, most = _total(student)
    lines = [f"# Feedback for {student['student']}: {points}/{most}", "", "| exercise | points | state |", "|---|---|---|"]
    exercises = _exercises(student)
    lines += [f"| {name} | {sum(r.points for r in rows)}/{sum(r.max_points for r in rows)} | {render.state(rows)} |"
              for name, rows in exercises]
    for name, rows in exercises:
        problems = render.problems(rows)
        if problems:
            lines += ["", f"## {name}: {hints.title(name)}", ""]
        for heading, body in map(_problem_text, problems):
            lines += [f"### {heading}", "", "```text", *body, "```", ""]
    if points == most:
        lines += ["", "Every check passes."]
    return "\n".join(lines).rstrip() + "\n"


def feedback_html(student: dict) -> str:
    points, most = _total(student)
    esc = html.escape
    parts = [f"<!doctype html><meta charset='utf-8'><title>Feedback for {esc(student['student'])}</title>",
             "<style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto}pre{background:#f6f6f6;padding:.6rem;"
             "white-space:pre-wrap;overflow-wrap:break-word}td,th{padding:.2rem .8rem;text-align:left}"
             ".ok{color:#176b2c}.bad{color:#a01c1c}</style>",
             f"<h1>Feedback for {esc(student['student'])}: {points}/{most}</h1>",
             "<table><tr><th>exercise</th><th>points</th><th>state</th></tr>"]
    exercises = _exercises(student)
    for name, rows in exercises:
        state = render.state(rows)
        css = "ok" if state == "done" else "bad"
        parts.append(f"<tr><td>{esc(name)}</td><td>{sum(r.points for r in rows)}/{sum(r.max_points for r in rows)}</td>"
                     f"<td class={css}>{esc(state)}</td></tr>")
    parts.append("</table>")
    for name, rows in exercises:
        problems = render.problems(rows)
        if problems:
            parts.append(f"<h2>{esc(name)}: {esc(hints.title(name))}</h2>")
        parts += [f"<h3 class=bad>{esc(heading)}</h3><pre>{esc(chr(10).join(body))}</pre>"
                  for heading, body in map(_problem_text, problems)]
    return "\n".join(parts) + "\n"


def _problem_text(problem: render.Problem) -> tuple[str, list[str]]:
    """A heading and the lines under it: a failed check's message, or the reason several checks share."""
    if problem.file_wide:
        return f"✗ {problem.cost}", message.prose(problem.reason, message.WIDTH, message.HANG)
    (r,) = problem.results
    return f"✗ {r.check} (0/{r.max_points})", message.message_lines(r)


def gradescope(student: dict) -> str:
    """Gradescope's autograder results schema: one test per check, and the exercise table on top."""
    points, most = _total(student)
    exercises = _exercises(student)
    tests = [{"name": r.check, "number": f"{r.exercise[2:4]}.{i}", "score": r.points, "max_score": r.max_points,
              "status": "passed" if r.passed else "failed", "output": _test_output(r), "visibility": "visible"}
             for name, rows in exercises for i, r in enumerate(rows, 1)]
    table = [f"{name}: {sum(r.points for r in rows)}/{sum(r.max_points for r in rows)} ({render.state(rows)})"
             for name, rows in exercises]
    return json.dumps({"score": points, "output": "\n".join([f"{points}/{most} points", *table]),
                       "visibility": "visible", "stdout_visibility": "hidden", "tests": tests},
                      indent=1, ensure_ascii=False) + "\n"


def _test_output(result: Result) -> str:
    if result.passed:
        return ""
    if result.status.about_the_file:  # the file-wide reason, without the property it could not test
        return result.detail or result.says
    return "\n".join(message.message_lines(result))


def histogram(totals: list[int], most: int) -> bytes:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axes = plt.subplots(figsize=(6, 3.5), dpi=100)
    axes.hist(totals, bins=range(0, most + 2), color="#3b6ea5", edgecolor="white", align="left")
    axes.set_xlabel(f"total points (of {most})")
    axes.set_ylabel("students")
    axes.set_title(f"{len(totals)} students, mean {sum(totals) / len(totals):.1f}")
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    plt.close(figure)
    return buffer.getvalue()


def print_summary(students: list[dict], seconds: float, graded: int, confinement: str | None = "") -> None:
    if confinement is None:
        print(f"WARNING: {UNCONFINED}.")
    elif confinement:
        print(f"learner code confined by {confinement}")
    reused = f", {len(students) - graded} unchanged since the last run" if graded < len(students) else ""
    print(f"graded {graded} students in {seconds:.1f} s ({seconds / max(graded, 1):.2f} s per student){reused}")
    by_exercise: dict[str, list[tuple[int, int]]] = {}
    for student in students:
        for name, rows in _exercises(student):
            by_exercise.setdefault(name, []).append((sum(r.points for r in rows), sum(r.max_points for r in rows)))
    print(f"{'exercise':<22}{'mean':>8}{'max':>6}{'full marks':>13}")
    for name, scores in [*by_exercise.items(), ("total", [_total(s) for s in students])]:
        mean = sum(p for p, _ in scores) / len(scores)
        full = sum(p == m for p, m in scores)
        print(f"{name:<22}{mean:>8.1f}{scores[0][1]:>6}{f'{full}/{len(scores)}':>13}")
    troubled = [s["student"] for s in students if any(r.get("status") in PROBLEMS for r in s["results"])]
    if troubled:
        shown = ", ".join(troubled[:10]) + (", ..." if len(troubled) > 10 else "")
        print(f"problems (hang, crash, exit or import error): {len(troubled)} students: {shown}")
