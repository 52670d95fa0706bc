"""Figures that a lesson notebook shows beside an exercise's text, made when the notebook is generated.

A figure is a markdown cell: a table written in markdown, or a picture attached to the cell
(`Figure("![PCA of the movie factors](attachment:pca.png)", {"pca.png": {"image/png": base64_text}})`).
It is made at generation time, not run in the notebook, so it costs graders nothing; and as the
notebooks are drift-tested, it must come out byte for byte the same on every run (a matplotlib PNG:
save with `metadata={"Software": None}`). The figures themselves, and which notebook shows which, are in
`grader.figures.lesson`.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Figure:
    markdown: str
    attachments: dict[str, dict[str, str]] = field(default_factory=dict)  # name -> {mime type: base64 data}
