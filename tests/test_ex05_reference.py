"""The ex05 reference steps with torch.optim.SGD's update function (the class costs seconds to build
the first time); here it is checked against the class itself, and the worked solution with it."""
from __future__ import annotations

import importlib.util

import pytest
import torch

import reference.ex05_weight_decay as ref
from grader.course import ROOT


def _params(seed: int) -> list[torch.nn.Parameter]:
    g = torch.Generator().manual_seed(seed)
    params = [torch.nn.Parameter(torch.randn(*shape, generator=g)) for shape in [(3,), (2, 4), (1,), (2, 2, 2)]]
    for i, p in enumerate(params):
        p.grad = None if i == 2 else torch.randn(p.shape, generator=g)  # one parameter without a gradient
    return params


def _solution():
    spec = importlib.util.spec_from_file_location("ex05_solution", ROOT / "solutions" / "ex05_weight_decay.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("lr, wd", [(0.1, 0.0), (0.5, 0.01), (1.0, 0.3)])
def test_reference_step_equals_torch_optim_sgd(lr, wd):
    ours, theirs, solved = _params(0), _params(0), _params(0)
    ref.sgd_step(iter(ours), lr, wd)
    torch.optim.SGD(theirs, lr=lr, weight_decay=wd).step()
    _solution().sgd_step(iter(solved), lr, wd)
    for a, b, c in zip(ours, theirs, solved):
        torch.testing.assert_close(a.detach(), b.detach(), rtol=0, atol=0)
        torch.testing.assert_close(c.detach(), b.detach())
        assert (a.grad is None) == (b.grad is None)
