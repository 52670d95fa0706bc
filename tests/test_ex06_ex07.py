"""ex06 and ex07 beyond their checks: the worked solutions' own examples and demo, the memory benchmark,
and the torch checks on CUDA (skipped where there is no GPU)."""
from __future__ import annotations

import doctest
import subprocess
import sys

import pytest
import torch

from grader.course import ROOT
from grader.loading import load_module

CUDA = pytest.mark.skipif(not torch.cuda.is_available(), reason="needs a CUDA GPU")


def test_softmax_examples_in_the_docstrings_hold():
    module = load_module(ROOT / "solutions" / "ex06_cross_entropy.py")
    result = doctest.testmod(module, extraglobs={"torch": torch})
    assert result.attempted >= 2 and result.failed == 0


def test_batchnorm_breaks_the_equivalence_and_nothing_else_does():
    differences = load_module(ROOT / "solutions" / "ex07_grad_accum.py")._batchnorm_demo()
    assert differences["without BatchNorm"] < 1e-5  # rounding only
    assert differences["with BatchNorm"] > 1e-2  # each micro-batch normalised with its own statistics


def _benchmark():
    return load_module(ROOT / "benchmarks" / "grad_accum_memory.py")


def test_memory_benchmark_on_the_cpu_reports_agreement_and_no_memory(capsys):
    results = _benchmark().main(["--device", "cpu", "--image-size", "16", "--steps", "1"])
    out = capsys.readouterr().out
    assert "memory is measured on CUDA only" in out
    assert [r["accum_steps"] for r in results] == [1, 2, 4, 8]
    assert all(r["peak"] is None and r["relative"] < 1e-4 for r in results), out


@CUDA
def test_memory_benchmark_on_cuda_needs_less_memory_for_smaller_micro_batches(capsys):
    results = _benchmark().main(["--device", "cuda", "--steps", "1"])
    peaks = [r["peak"] for r in results]
    assert peaks == sorted(peaks, reverse=True) and peaks[-1] < peaks[0] / 2, capsys.readouterr().out
    assert all(r["relative"] < 1e-4 for r in results)


@CUDA
def test_every_torch_check_passes_on_cuda():
    done = subprocess.run([sys.executable, "-m", "grader", "check", "--path", "solutions", "--device", "cuda"],
                          cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:]
    assert "CUDA is not available" not in done.stdout


def test_the_probes_sgd_is_torchs_sgd_with_momentum():
    from grader.probes.ex07_grad_accum import SGD

    torch.manual_seed(0)
    ours, theirs = torch.nn.Linear(3, 2), torch.nn.Linear(3, 2)
    theirs.load_state_dict(ours.state_dict())
    opts = [SGD(ours.parameters(), lr=0.1, momentum=0.9), torch.optim.SGD(theirs.parameters(), lr=0.1, momentum=0.9)]
    for step in range(6):
        x = torch.randn(4, 3)
        for model, opt in zip((ours, theirs), opts):
            model(x).pow(2).mean().backward()
            if step == 3:
                model.bias.grad = None  # a parameter without a gradient is skipped, momentum and all
            opt.step()
            if step == 4:
                opt.step()  # a second step on the same gradient moves the weights again
            opt.zero_grad(set_to_none=step % 2 == 0)
    for a, b in zip(ours.parameters(), theirs.parameters()):
        torch.testing.assert_close(a, b)
