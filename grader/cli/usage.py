"""What every command shares about what a user typed: one-line usage errors with exit status 2, the
parser that makes argparse's own errors one line too, and the common argument types."""
from __future__ import annotations

import argparse
from typing import NoReturn

from grader import course


class UsageError(Exception):
    """A mistake on the command line: said in one line on stderr, exit status 2."""


class Parser(argparse.ArgumentParser):
    """argparse with every usage error on one line (argparse prints the whole usage first); exit 2."""

    def error(self, message: str) -> NoReturn:  # type: ignore[override]
        self.exit(2, f"{self.prog}: {message} (see {self.prog} --help)\n")


def seconds(text: str) -> float:
    """An argument type: a positive, finite number of seconds."""
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not (0 < value < float("inf")):
        raise argparse.ArgumentTypeError(f"expected a positive number of seconds, got {text!r}")
    return value


def count(text: str) -> int:
    """An argument type: a whole number of at least 1."""
    if not text.strip().isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return int(text)


def exercise_names(queries: list[str]) -> list[str]:
    """The exercises a user named (ex01, 1, ex01_dot, dot), or all of them for none."""
    try:
        return [course.find(q) for q in queries] if queries else course.names()
    except ValueError as e:
        raise UsageError(e) from None
