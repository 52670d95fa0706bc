# expect: ex01_dot 5 | -
# Every write outside the working folder must be refused; one that works makes dot wrong.
import os
import pathlib
import shutil

TARGETS = ["../pwned-parent.txt", "{HOME}/pwned-home.txt", "{OUT}/gradebook.csv", "{OUT}/pwned-out.txt",
           "{SUBMISSIONS}/pwned-class.txt", "{ROOT}/pwned-root.txt"]


def _works(act):
    try:
        act()
        return True
    except Exception:
        return False


def dot(u, v):
    escaped = []
    for target in TARGETS:
        escaped += [_works(lambda: open(target, "w").write("pwned")),
                    _works(lambda: pathlib.Path(target).write_text("pwned")),
                    _works(lambda: os.close(os.open(target, os.O_WRONLY | os.O_CREAT))),
                    _works(lambda: shutil.copyfile(__file__, target))]
    escaped.append(_works(lambda: os.remove("{OUT}/results.json")))
    escaped.append(_works(lambda: os.symlink("/", "root-link")) and _works(lambda: open("root-link/tmp/x", "w")))
    open("work-note.txt", "w").write("writing in my own folder is fine")
    if any(escaped):
        return -1
    if len(u) != len(v):
        raise ValueError("lengths differ")
    return sum(a * b for a, b in zip(u, v))
