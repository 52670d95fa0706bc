"""Probes for ex07: run the learner's gradient accumulation on a model built here, on `ctx.device`, and watch it.

Models, losses and optimizers travel as plain descriptions and are built by the functions below, which the
spec also uses (on the CPU) for the reference. The data stays on the CPU, as a DataLoader would give it:
moving it to the model's device is the learner's job. What the probes watch:

- every forward pass whose output later receives a gradient is a *micro-batch*: its size is recorded when
  backward reaches it;
- the optimizer notes, for each `step()` and `zero_grad()` call, how many micro-batches backward had reached
  by then, and whether `step()` found the gradients already cleared.
"""
from __future__ import annotations

from typing import Any

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from grader.plain import to_plain
from grader.probes import Context, probe

LOSSES = {"mse": F.mse_loss, "cross_entropy": F.cross_entropy}
LOSS_CODE = {"mse": "F.mse_loss", "cross_entropy": "F.cross_entropy"}


def build_model(spec: dict, device: str = "cpu") -> nn.Sequential:
    """`{"sizes": [3, 4, 2], "seed": 0}`: Linear-ReLU-...-Linear, initialised as `torch.manual_seed(seed)` would."""
    torch.default_generator.manual_seed(spec["seed"])  # the CPU generator only: CUDA seeding costs 1.5 ms a call
    sizes = spec["sizes"]
    layers: list[nn.Module] = []
    for i, (a, b) in enumerate(zip(sizes, sizes[1:])):
        layers += [nn.Linear(a, b)] + ([nn.ReLU()] if i < len(sizes) - 2 else [])
    return nn.Sequential(*layers).to(device)


def model_code(spec: dict) -> str:
    sizes = spec["sizes"]
    layers = [f"nn.Linear({a}, {b})" for a, b in zip(sizes, sizes[1:])]
    return f"torch.manual_seed({spec['seed']}); model = nn.Sequential({', nn.ReLU(), '.join(layers)})"


class SGD:
    """`torch.optim.SGD(params, lr=lr, momentum=momentum)` written out (no dampening, weight decay or Nesterov).

    Building a torch.optim optimizer imports torch._dynamo on first use, about a second that every self-check
    of this exercise would pay; the learner's code only calls step() and zero_grad(), which behave the same
    (tests/test_ex06_ex07.py compares the two). Momentum makes a step depend on how often it is taken.
    """

    def __init__(self, params: Any, lr: float, momentum: float) -> None:
        self.param_groups = [{"params": list(params), "lr": lr, "momentum": momentum}]
        self.state: dict[torch.Tensor, dict[str, torch.Tensor]] = {}

    @torch.no_grad()
    def step(self, closure: Any = None) -> Any:
        loss = closure() if closure is not None else None
        for group in self.param_groups:
            for p in group["params"]:
                if p.grad is None:
                    continue  # as torch does: a parameter without a gradient is left alone, momentum and all
                state = self.state.setdefault(p, {})
                if "momentum_buffer" not in state:
                    state["momentum_buffer"] = p.grad.detach().clone()
                else:
                    state["momentum_buffer"].mul_(group["momentum"]).add_(p.grad)
                p.add_(state["momentum_buffer"], alpha=-group["lr"])
        return loss

    def zero_grad(self, set_to_none: bool = True) -> None:
        for group in self.param_groups:
            for p in group["params"]:
                if p.grad is not None:
                    if set_to_none:
                        p.grad = None
                    else:
                        p.grad.detach_().zero_()


def build_optimizer(spec: dict, params: Any) -> SGD:
    """`{"lr": 0.1, "momentum": 0.9}`: SGD with momentum."""
    return SGD(params, lr=spec["lr"], momentum=spec["momentum"])


def optimizer_code(spec: dict) -> str:
    return f"opt = torch.optim.SGD(model.parameters(), lr={spec['lr']}, momentum={spec['momentum']})"


def targets(loss: str, y: np.ndarray) -> torch.Tensor:
    """Targets as the loss wants them: float for mse, long class indices for cross_entropy."""
    return torch.from_numpy(y).long() if loss == "cross_entropy" else torch.from_numpy(y).float()


def _watch(model: nn.Sequential) -> tuple[list[int], list[torch.Tensor]]:
    """Record the size of each micro-batch that backward reaches (in the order it reaches them), and the outputs
    of the forward passes that autograd records (in the order they ran)."""
    sizes: list[int] = []
    outputs: list[torch.Tensor] = []

    def on_forward(module: nn.Module, inputs: tuple, output: Any) -> None:
        if isinstance(output, torch.Tensor) and output.requires_grad:
            outputs.append(output.detach().clone())
            size = len(output)
            output.register_hook(lambda grad: sizes.append(size))

    # On the last layer, whose output is the model's: it fires even for code that calls model.forward(x).
    model[-1].register_forward_hook(on_forward)
    return sizes, outputs


def _clear(params: list[torch.Tensor]) -> bool:
    return all(p.grad is None or not bool(p.grad.any()) for p in params)


def _grads(model: nn.Module) -> list:
    return [to_plain(p.grad) for p in model.parameters()]


@probe
def accumulate(ctx: Context, model_spec: dict, loss: str, x: np.ndarray, y: np.ndarray, accum_steps: int,
               stale: float | None = None) -> dict[str, Any]:
    """`accumulate_gradients(model, loss_fn, xb, yb, accum_steps)` with xb, yb on the CPU and the model on
    ctx.device (its .grad pre-filled with `stale` when given); what it returned, the gradients, the micro-batches."""
    model = build_model(model_spec, ctx.device)
    if stale is not None:
        for p in model.parameters():
            p.grad = torch.full_like(p, stale)
    before = [p.detach().clone() for p in model.parameters()]
    micro, _ = _watch(model)
    returned = ctx.run(ctx.get("accumulate_gradients"), model, LOSSES[loss], torch.from_numpy(x), targets(loss, y),
                       accum_steps)
    moved = max(float((p.detach() - b).abs().max()) for p, b in zip(model.parameters(), before))
    return {"loss": to_plain(returned), "grads": _grads(model), "moved": moved, "micro": micro}


class _CountingSGD(SGD):
    """SGD that notes, for every step() and zero_grad(), how many micro-batches backward had reached by then,
    and counts the steps that found the gradients already cleared."""

    def __init__(self, params: Any, micro: list[int], lr: float, momentum: float) -> None:
        super().__init__(params, lr, momentum)
        self.micro, self.steps, self.zero_grads, self.cleared_steps = micro, [], [], 0

    def step(self, closure: Any = None) -> Any:
        self.steps.append(len(self.micro))
        self.cleared_steps += _clear([p for group in self.param_groups for p in group["params"]])
        return super().step(closure)

    def zero_grad(self, set_to_none: bool = True) -> None:
        self.zero_grads.append(len(self.micro))
        super().zero_grad(set_to_none)


@probe
def train(ctx: Context, model_spec: dict, loss: str, opt_spec: dict, batches: list, accum_steps: int) -> dict[str, Any]:
    """`train_accumulated(model, loss_fn, opt, batches, accum_steps)` with CPU batches and the model on ctx.device:
    what it returned, the weights it left, and when it stepped."""
    model = build_model(model_spec, ctx.device)
    micro, outputs = _watch(model)
    opt = _CountingSGD(model.parameters(), micro, lr=opt_spec["lr"], momentum=opt_spec["momentum"])
    data = [(torch.from_numpy(x), targets(loss, y)) for x, y in batches]
    returned = ctx.run(ctx.get("train_accumulated"), model, LOSSES[loss], opt, data, accum_steps)
    # The loss of each micro-batch at the weights it actually met, from the outputs the model gave (when there
    # was one forward pass per micro-batch): what the returned list should hold, however the steps went.
    own = [LOSSES[loss](out, y.to(out.device)).item() for out, (_, y) in zip(outputs, data)] \
        if len(outputs) == len(data) else []
    return {"losses": to_plain(returned), "own_losses": own,
            "weights": [to_plain(p.detach()) for p in model.parameters()], "steps": list(opt.steps),
            "cleared_steps": opt.cleared_steps, "zero_grads": list(opt.zero_grads),
            "clear_at_end": _clear(list(model.parameters()))}
