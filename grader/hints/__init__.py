"""Hints, misconceptions and TODO lines, kept as data in `grader/hints/<exercise>.toml`.

Each file has:
  title = "..."                       the exercise in a few words
  hints = ["gentle", ..., "specific"] what `python -m grader hint EXERCISE` prints, in order
  [todo]            name = "..."      the TODO line the stub gets for that name ("Class.method" for one method)
  [checks]          "<check id>" = "..."   the hint printed under that check's failure
  [misconceptions.<key>]  name = "...", why = "..."   named in a failure's message
  [table]           names = "...", does = "...", fastbook = "..."   the exercise's row of the README's
                                      table of exercises (`python -m grader build` writes the table)
"""
from __future__ import annotations

import sys
from functools import cache
from pathlib import Path
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

FOLDER = Path(__file__).parent


@cache
def load(exercise: str) -> dict[str, Any]:
    path = FOLDER / f"{exercise}.toml"
    return tomllib.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def title(exercise: str) -> str:
    return load(exercise).get("title", exercise)


def general(exercise: str) -> list[str]:
    return list(load(exercise).get("hints", []))


def for_check(exercise: str, check_id: str) -> str | None:
    return load(exercise).get("checks", {}).get(check_id)


def todo(exercise: str, name: str) -> str:
    """The TODO line for `name`; for a method (`DotProduct.forward`) its own line, else its class's."""
    lines = load(exercise).get("todo", {})
    return lines.get(name) or lines.get(name.split(".")[0], f"implement {name}")


def misconception(exercise: str, key: str) -> tuple[str, str]:
    entry = load(exercise).get("misconceptions", {})[key]
    return entry["name"], entry["why"]


def table_row(exercise: str) -> dict[str, str]:
    """The exercise's row of the table of exercises: its public names, what each must do, the fastbook
    questions it answers (markdown)."""
    row = load(exercise).get("table", {})
    return {key: row.get(key, "TODO") for key in ("names", "does", "fastbook")}
