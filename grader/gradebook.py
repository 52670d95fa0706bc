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

from grader.report import write_atomically
from grader.submissions import output_names

GRADEBOOK_COLUMNS = ["student", "exercise", "check", "passed", "points", "max_points"]
PROBLEMS = {"timeout", "crash", "exit", "load", "grader_error"}  # statuses that mean more than a wrong answer
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


def _exercises(student: dict) -> list[tuple[str, list[dict]]]:
    return [(name, list(rows)) for name, rows in groupby(student["results"], key=lambda r: r["exercise"])]


def _summary(student: dict) -> dict:
    points, most = _total(student)
    return {"student": student["student"], "points": points, "max_points": most,
            "exercises": [{"exercise": name, "points": sum(r["points"] for r in rows),
                           "max_points": sum(r["max_points"] for r in rows),
                           "checks": [{k: r[k] for k in ("check", "passed", "points", "max_points", "message")}
                                      for r in rows]}
                          for name, rows in _exercises(student)]}


def feedback_markdown(student: dict) -> str:
    points, most = _total(student)
    lines = [f"# Feedback for {student['student']}: {points}/{most}", "", "| exercise | points |", "|---|---|"]
    lines += [f"| {name} | {sum(r['points'] for r in rows)}/{sum(r['max_points'] for r in rows)} |"
              for name, rows in _exercises(student)]
    for name, rows in _exercises(student):
        failed = [r for r in rows if not r["passed"]]
        if failed and all(r["status"] == "missing" for r in rows):
            lines += ["", f"## {name}", "", rows[0]["message"].splitlines()[-1]]
        elif failed:
            lines += ["", f"## {name}", ""]
            for r in failed:
                lines += [f"### ✗ {r['check']} (0/{r['max_points']})", "", "```text", r["message"], "```", ""]
    if points == most:
        lines += ["", "Every check passes."]
    return "\n".join(lines).rstrip() + "\n"


def feedback_html(student: dict) -> str:
    points, most = _total(student)
    esc = html.escape
    parts = [f"<!doctype html><meta charset='utf-8'><title>Feedback for {esc(student['student'])}</title>",
             "<style>body{font-family:sans-serif;max-width:60rem;margin:2rem auto}pre{background:#f6f6f6;padding:.6rem;"
             "white-space:pre-wrap}td,th{padding:.2rem .8rem;text-align:left}.ok{color:#176b2c}.bad{color:#a01c1c}</style>",
             f"<h1>Feedback for {esc(student['student'])}: {points}/{most}</h1>",
             "<table><tr><th>exercise</th><th>check</th><th>points</th></tr>"]
    for r in student["results"]:
        mark = "<span class=ok>✓</span>" if r["passed"] else "<span class=bad>✗</span>"
        parts.append(f"<tr><td>{esc(r['exercise'])}</td><td>{mark} {esc(r['check'])}</td>"
                     f"<td>{r['points']}/{r['max_points']}</td></tr>")
    parts.append("</table>")
    for r in student["results"]:
        if not r["passed"]:
            parts.append(f"<h3 class=bad>✗ {esc(r['check'])} (0/{r['max_points']})</h3><pre>{esc(r['message'])}</pre>")
    return "\n".join(parts) + "\n"


def gradescope(student: dict) -> str:
    """Gradescope's autograder results schema: one test per check."""
    points, _ = _total(student)
    tests = [{"name": r["check"], "number": f"{r['exercise'][2:4]}.{i}", "score": r["points"],
              "max_score": r["max_points"], "status": "passed" if r["passed"] else "failed",
              "output": r["message"], "visibility": "visible"}
             for name, rows in _exercises(student) for i, r in enumerate(rows, 1)]
    return json.dumps({"score": points, "visibility": "visible", "stdout_visibility": "hidden", "tests": tests},
                      indent=1, ensure_ascii=False) + "\n"


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
            by_exercise.setdefault(name, []).append((sum(r["points"] for r in rows), sum(r["max_points"] for r in rows)))
    print(f"{'exercise':<22}{'mean':>8}{'max':>6}{'full marks':>13}")
    for name, scores in [*by_exercise.items(), ("total", [_total(s) for s in students])]:
        mean = sum(p for p, _ in scores) / len(scores)
        full = sum(p == m for p, m in scores)
        print(f"{name:<22}{mean:>8.1f}{scores[0][1]:>6}{f'{full}/{len(scores)}':>13}")
    troubled = [s["student"] for s in students if any(r["status"] in PROBLEMS for r in s["results"])]
    if troubled:
        shown = ", ".join(troubled[:10]) + (", ..." if len(troubled) > 10 else "")
        print(f"problems (hang, crash, exit or import error): {len(troubled)} students: {shown}")
