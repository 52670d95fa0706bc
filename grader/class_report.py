"""What the class got wrong: `DIR/report.html` and a few lines on the terminal after `grade`.

Each check's pass rate; the misconceptions the checks named, most common first, with the students;
each exercise's score distribution; and the checks most often failed together. A check *failed* when
the learner's code ran and was wrong (or crashed, hung, exited); a file missing, not implemented yet
or not importable is counted apart, as *not run*, so that an exercise the class has not reached does
not read as one it got wrong, nor make all its checks "fail together".

The page is one file with its figure inside (a data URI) and no script: it opens from disk in any
browser, with no server. Everything in it comes from the results, in student order, so the same
results give the same bytes.
"""
from __future__ import annotations

import base64
import html
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from grader.report import write_atomically
from grader.result import Status

TEACH_AGAIN = 10  # checks on the page's first list (the terminal shows 5)
TOGETHER = 10  # rows of checks failed together


@dataclass
class CheckRate:
    exercise: str
    check: str
    says: str = ""
    passed: int = 0
    failed: int = 0  # ran and was wrong, crashed, hung or exited
    not_run: int = 0  # the file missing, not implemented yet, or not importable
    misconceptions: Counter = field(default_factory=Counter)  # name -> students whose failure named it

    @property
    def short(self) -> str:
        return f"{self.exercise[:4]} {self.check}"


@dataclass
class MisconceptionSeen:
    exercise: str
    name: str
    why: str
    students: list[str] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Together:
    """Checks failed by the same students. Checks that every one of their students failed together are
    one group (a wrong function fails all its checks at once: one row, not a row per pair of them);
    `second` is empty for such a group, else it is the group failed alongside `first`."""
    first: tuple[CheckRate, ...]
    second: tuple[CheckRate, ...]
    both: int  # students who failed both
    either: int  # students who failed at least one

    @property
    def names(self) -> tuple[str, str]:
        return " + ".join(r.short for r in self.first), " + ".join(r.short for r in self.second)


@dataclass
class Summary:
    students: list[str]
    checks: list[CheckRate]  # in the workbook's order
    misconceptions: list[MisconceptionSeen]  # most common first
    together: list[Together]  # most students first
    scores: dict[str, tuple[list[int], int]]  # exercise (and "total") -> (each student's points, the most)

    def headline(self, rate: CheckRate) -> tuple[str, str | None]:
        """("ex01 dot.unequal_lengths: 38% failed, 31% of the class with ", "zip truncating unequal lengths"):
        the check's failures, and the misconception they named most often, if any."""
        line = f"{rate.short}: {_percent(rate.failed, len(self.students))} failed"
        if not rate.misconceptions:
            return line, None
        (name, count), = rate.misconceptions.most_common(1)
        return f"{line}, {_percent(count, len(self.students))} of the class with ", name

    def most_failed(self, count: int) -> list[CheckRate]:
        failing = [r for r in self.checks if r.failed]
        return sorted(failing, key=lambda r: -r.failed)[:count]  # stable: the workbook's order breaks ties


def summarise(students: list[dict]) -> Summary:
    """The class's results (rows as `grading` writes them) summed up per check, misconception and group."""
    import numpy as np

    names = [s["student"] for s in students]
    rates: dict[tuple[str, str], CheckRate] = {}
    seen: dict[tuple[str, str], MisconceptionSeen] = {}
    scores: dict[str, tuple[list[int], int]] = {}
    failed_by_student: list[set[tuple[str, str]]] = []
    for student in students:
        failed: set[tuple[str, str]] = set()
        points: dict[str, list[int]] = {}
        for row in student["results"]:
            key = (row["exercise"], row["check"])
            rate = rates.setdefault(key, CheckRate(*key))
            rate.says = rate.says or row.get("says") or ""
            status = _status(row)
            got = points.setdefault(row["exercise"], [0, 0])
            got[0] += row["points"]
            got[1] += row["max_points"]
            if status is Status.PASSED:
                rate.passed += 1
            elif status.about_the_file:
                rate.not_run += 1
            else:
                rate.failed += 1
                failed.add(key)
                misconception = row.get("misconception")
                if isinstance(misconception, dict) and misconception.get("name"):
                    rate.misconceptions[misconception["name"]] += 1
                    entry = seen.setdefault((row["exercise"], misconception["name"]), MisconceptionSeen(
                        row["exercise"], misconception["name"], misconception.get("why", "")))
                    if not entry.students or entry.students[-1] != student["student"]:
                        entry.students.append(student["student"])
                    if row["check"] not in entry.checks:
                        entry.checks.append(row["check"])
        failed_by_student.append(failed)
        for exercise, (got, most) in [*points.items(), ("total", [sum(p[0] for p in points.values()),
                                                                  sum(p[1] for p in points.values())])]:
            scores.setdefault(exercise, ([], most))[0].append(got)
    checks = list(rates.values())
    order = {(r.exercise, r.check): i for i, r in enumerate(checks)}
    misconceptions = sorted(seen.values(), key=lambda m: (-len(m.students), order[m.exercise, m.checks[0]]))
    failing = np.zeros((len(students), len(checks)), dtype=np.int32)
    for i, failed in enumerate(failed_by_student):
        failing[i, [order[k] for k in failed]] = 1
    groups: dict[bytes, list[int]] = {}  # the students who failed -> the checks they all failed
    for c in range(len(checks)):
        if failing[:, c].sum() >= 2:
            groups.setdefault(failing[:, c].tobytes(), []).append(c)
    members = list(groups.values())
    by_group = failing[:, [g[0] for g in members]]
    both = by_group.T @ by_group  # groups x groups: students who failed both
    rows = [Together(tuple(checks[c] for c in g), (), int(both[a, a]), int(both[a, a]))
            for a, g in enumerate(members) if len(g) > 1]
    rows += [Together(tuple(checks[c] for c in members[a]), tuple(checks[c] for c in members[b]), int(both[a, b]),
                      int(both[a, a] + both[b, b] - both[a, b]))
             for a in range(len(members)) for b in range(a + 1, len(members)) if both[a, b] >= 2]
    rows.sort(key=lambda t: (-t.both, -t.both / t.either))
    return Summary(names, checks, misconceptions, rows[:TOGETHER], scores)


def _status(row: dict) -> Status:
    status = row.get("status") or ("passed" if row.get("passed") else "failed")
    return Status(status) if status in Status._value2member_map_ else Status.FAILED


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.0f}%"


# -- the terminal --------------------------------------------------------------------------------------

def print_summary(students: list[dict], out: Path) -> None:
    summary = summarise(students)
    where = out / "report.html"
    worst = summary.most_failed(5)
    if not worst:
        print(f"class report: every check that ran passed ({where})")
        return
    print(f"what the class got wrong (all of it in {where}):")
    for rate in worst:
        line, misconception = summary.headline(rate)
        print(f"  {line}" + (f"*{misconception}*" if misconception else ""))
    if summary.misconceptions:
        shown = "; ".join(f"{m.name} ({m.exercise[:4]}): {len(m.students)}" for m in summary.misconceptions[:3])
        print(f"  misconceptions, most common first (students): {shown}")
    if summary.together:
        top = summary.together[0]
        print(f"  failed together most often: {' + '.join(n for n in top.names if n)} ({top.both} students)")


# -- the page ------------------------------------------------------------------------------------------

def write(out: Path, students: list[dict]) -> None:
    write_atomically(out / "report.html", page(summarise(students)))


STYLE = """
body{font-family:system-ui,sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem;color:#1d1d1f}
h1{margin-bottom:.2rem} h2{margin-top:2.2rem;border-bottom:1px solid #ddd;padding-bottom:.2rem}
.sub{color:#555;margin-top:0} table{border-collapse:collapse;width:100%} td,th{padding:.25rem .6rem;text-align:left;
vertical-align:top} tr:nth-child(even){background:#f7f7f9} th{border-bottom:2px solid #ccc}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.bar{display:flex;width:12rem;height:.9rem;border-radius:3px;overflow:hidden;background:#eee;margin-top:.2rem}
.bar span{display:block;height:100%} .p{background:#2e7d32} .f{background:#c62828} .n{background:#b0b0b0}
ol.teach li{margin:.35rem 0} em{font-style:italic;color:#8e1b1b} .why{color:#555;font-size:.92em}
details summary{cursor:pointer;color:#24527a} .names{font-size:.9em;color:#333} img{max-width:100%}
.legend span{display:inline-block;width:.8rem;height:.8rem;margin:0 .25rem 0 .8rem;vertical-align:middle}
"""


def _emphasis(escaped: str) -> str:
    """The hints' markdown emphasis (`the lookup *is* one_hot @ weight`) as HTML, in text already escaped."""
    return re.sub(r"\*(\w[^*]*?)\*", r"<i>\1</i>", escaped)


def page(summary: Summary) -> str:
    esc = html.escape
    n = len(summary.students)
    totals, most = summary.scores["total"]
    parts = ["<!doctype html>", "<html lang='en'><head><meta charset='utf-8'>",
             "<meta name='viewport' content='width=device-width,initial-scale=1'>",
             f"<title>Class report: {n} students</title><style>{STYLE}</style></head><body>",
             f"<h1>Class report: {n} students</h1>",
             f"<p class=sub>mean {sum(totals) / n:.1f} of {most} points; {sum(t == most for t in totals)} with full "
             "marks. A check <b>failed</b> when the code ran and was wrong (or crashed, hung or exited); "
             "<b>not run</b> means the file was missing, not implemented yet, or not importable.</p>",
             "<h2>What to teach again</h2>"]
    worst = summary.most_failed(TEACH_AGAIN)
    if worst:
        parts.append("<ol class=teach>")
        for rate in worst:
            line, misconception = summary.headline(rate)
            parts.append(f"<li>{esc(line)}" + (f"<em>{esc(misconception)}</em>" if misconception else "")
                         + (f"<div class=why>{esc(rate.says)}</div>" if rate.says else "") + "</li>")
        parts.append("</ol>")
    else:
        parts.append("<p>Every check that ran passed.</p>")

    parts.append("<h2>Score distributions</h2>")
    parts.append(f"<img alt='histograms of the points per exercise' src='data:image/png;base64,"
                 f"{base64.b64encode(distributions(summary)).decode()}'>")

    parts.append("<h2>Misconceptions met</h2>")
    if summary.misconceptions:
        parts.append("<table><tr><th>misconception</th><th>exercise</th><th class=num>students</th><th>checks</th></tr>")
        for m in summary.misconceptions:
            parts.append(f"<tr><td><em>{esc(m.name)}</em><div class=why>{_emphasis(esc(m.why))}</div></td><td>{esc(m.exercise)}</td>"
                         f"<td class=num>{len(m.students)} ({_percent(len(m.students), n)})</td>"
                         f"<td>{esc(', '.join(m.checks))}<details><summary>the students</summary>"
                         f"<div class=names>{esc(', '.join(m.students))}</div></details></td></tr>")
        parts.append("</table>")
    else:
        parts.append("<p>No failure matched a known misconception.</p>")

    parts.append("<h2>Checks most often failed together</h2>")
    if summary.together:
        parts.append("<table><tr><th>checks</th><th>failed with</th><th class=num>students who failed both</th>"
                     "<th class=num>of those who failed either</th></tr>")
        for t in summary.together:
            first, second = (esc(names).replace(" + ", "<br>") for names in t.names)
            parts.append(f"<tr><td>{first}</td><td>{second or '(always together)'}</td><td class=num>{t.both}</td>"
                         f"<td class=num>{_percent(t.both, t.either)}</td></tr>")
        parts.append("</table>")
    else:
        parts.append("<p>No two checks were failed by the same two students.</p>")

    parts.append("<h2>Every check's pass rate</h2><p class=legend><span class=p></span>passed<span class=f></span>"
                 "failed<span class=n></span>not run</p>")
    parts.append("<table><tr><th>exercise</th><th>check</th><th class=num>passed</th><th class=num>failed</th>"
                 "<th class=num>not run</th></tr>")
    for r in summary.checks:
        widths = [(c, 100 * k / n) for c, k in (("p", r.passed), ("f", r.failed), ("n", r.not_run))]
        bar = "".join(f"<span class={c} style='width:{w:.1f}%'></span>" for c, w in widths if w)
        parts.append(f"<tr><td>{esc(r.exercise)}</td><td>{esc(r.check)}<div class=bar>{bar}</div></td>"
                     f"<td class=num>{_percent(r.passed, n)}</td><td class=num>{_percent(r.failed, n)}</td>"
                     f"<td class=num>{_percent(r.not_run, n)}</td></tr>")
    parts.append("</table></body></html>")
    return "\n".join(parts) + "\n"


def distributions(summary: Summary) -> bytes:
    """Each exercise's points (and the totals) as small histograms, one PNG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    panels = list(summary.scores.items())
    panels = panels[-1:] + panels[:-1]  # the totals first
    columns = 5
    rows = -(-len(panels) // columns)
    figure, axes = plt.subplots(rows, columns, figsize=(2.6 * columns, 2.1 * rows), dpi=90, squeeze=False)
    for ax, (name, (points, most)) in zip(axes.flat, panels):
        width = max(1, -(-most // 25))  # a bar per point, or per few points for the totals
        counts = Counter(min(p // width, most // width) for p in points)
        xs = list(range(most // width + 1))
        ax.bar([x * width for x in xs], [counts[x] for x in xs], width=0.85 * width,
               color=["#3b6ea5"] * (len(xs) - 1) + ["#2e7d32" if width == 1 else "#3b6ea5"])
        ax.set_title(name if name == "total" else f"{name[:4]} {name[5:]}", fontsize=9)
        ax.tick_params(labelsize=7)
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_xlim(-0.7 * width, most + 0.7 * width)
        ax.spines[["top", "right"]].set_visible(False)
    for ax in list(axes.flat)[len(panels):]:
        ax.axis("off")
    figure.supxlabel("points (green: full marks)", fontsize=9)
    figure.supylabel("students", fontsize=9)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    plt.close(figure)
    return buffer.getvalue()
