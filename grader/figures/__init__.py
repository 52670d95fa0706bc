"""Figures that a lesson notebook shows beside an exercise's text, made when the notebook is generated.

Each module here names the exercise it belongs to and makes its figure:

    EXERCISE = "ex02_crosstab"
    def figure() -> Figure: ...

A figure is a markdown cell: a table written in markdown, or a picture attached to the cell
(`Figure("![PCA of the movie factors](attachment:pca.png)", {"pca.png": {"image/png": base64_text}})`).
It is made at generation time, not run in the notebook, so it costs graders nothing; and as the
notebooks are drift-tested, it must come out byte for byte the same on every run (a matplotlib PNG:
save with `metadata={"Software": None}`). The PCA plot of `python -m grader plot pca` joins this way.
"""
from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Figure:
    markdown: str
    attachments: dict[str, dict[str, str]] = field(default_factory=dict)  # name -> {mime type: base64 data}


def for_exercise(exercise: str) -> list[Figure]:
    """The figures of `exercise`, in the order of their module names."""
    figures = []
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{__name__}.{info.name}")
        if getattr(module, "EXERCISE", None) == exercise:
            figures.append(module.figure())
    return figures
