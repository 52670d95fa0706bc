"""Question 15 asks to train a model with the rewritten class: the worked solution's demo must train."""
from __future__ import annotations

import importlib.util

from grader.course import ROOT


def test_train_demo_fits_planted_ratings():
    spec = importlib.util.spec_from_file_location("ex04_solution", ROOT / "solutions" / "ex04_dot_model.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    errors = module.train_demo(epochs=60)
    assert set(errors) == {"DotProduct", "DotProductBias", "DotProductBiasScratch"}
    for name, (before, after) in errors.items():
        assert after < before / 2, (name, before, after)
    # The planted ratings have biases: a model with bias terms fits them better than one without.
    assert errors["DotProductBias"][1] < errors["DotProduct"][1]
