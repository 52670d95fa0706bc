"""Checks for ex07: `accumulate_gradients` and `train_accumulated`.

A case is plain data: a small Linear-ReLU-Linear model (by its sizes and seed), a loss by name, the shape of
the data and a seed for its values. The probe builds the model on the checked device and hands the learner
CPU tensors; the reference runs here on the CPU, on a model built by the same function. Data values are
multiples of 0.5, so a failing call prints short numbers that paste back exactly.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache

import numpy as np
import torch
from hypothesis import strategies as st

import reference.ex07_grad_accum as ref
from grader import as_python, expect
from grader.plain import TensorValue, tensor
from grader.probes.ex07_grad_accum import LOSS_CODE, LOSSES, build_model, build_optimizer, model_code, \
    optimizer_code, targets
from grader.specs import Exercise
from grader.probes import ex07_grad_accum as probes

EXERCISE = Exercise("ex07_grad_accum", names=["accumulate_gradients", "train_accumulated"])

RTOL, ATOL = 1e-4, 1e-5
STALE = 7.0  # what .grad holds before the call in the stale-gradient check
OPTIMIZER = {"lr": 0.1, "momentum": 0.9}  # momentum: a step taken twice, even on a zero gradient, moves the weights


@dataclass(frozen=True)
class Batch:
    """`n` rows for a model with `sizes`, targets for `loss`, values drawn from `seed`."""
    sizes: tuple[int, ...]
    loss: str
    n: int
    seed: int

    @property
    def model(self) -> dict:
        return {"sizes": list(self.sizes), "seed": self.seed % 4}

    def arrays(self, n: int | None = None, offset: int = 0) -> tuple[np.ndarray, np.ndarray]:
        rng = np.random.default_rng(self.seed * 1000 + offset)
        n = self.n if n is None else n
        x = (rng.integers(-4, 5, size=(n, self.sizes[0])) / 2).astype(np.float32)
        if self.loss == "cross_entropy":
            return x, rng.integers(0, self.sizes[-1], size=n).astype(np.int64)
        return x, (rng.integers(-4, 5, size=(n, self.sizes[-1])) / 2).astype(np.float32)


def _batches(n: st.SearchStrategy[int]) -> st.SearchStrategy[Batch]:
    # (cross-entropy over a single class would have a zero gradient: no way to tell what was accumulated)
    model = st.sampled_from([((2, 3, 1), "mse"), ((3, 4, 2), "mse"), ((3, 4, 2), "cross_entropy"),
                             ((2, 4, 3), "cross_entropy")])
    return st.builds(lambda m, n, seed: Batch(*m, n, seed), model, n, st.integers(0, 99))


def _uneven(k: int) -> st.SearchStrategy[tuple[Batch, int]]:
    """N = q * k + r with 0 < r < k: the micro-batches cannot all have the same size."""
    return st.tuples(_batches(st.builds(lambda q, r: q * k + r, st.integers(1, 2), st.integers(1, k - 1))), st.just(k))


uneven_cases = st.integers(2, 4).flatmap(_uneven)
any_cases = st.integers(2, 4).flatmap(lambda k: st.tuples(_batches(st.integers(k, 3 * k)), st.just(k)))


def _cpu(case: Batch) -> tuple[torch.Tensor, torch.Tensor]:
    x, y = case.arrays()
    return torch.from_numpy(x), targets(case.loss, y)


def _flat(grads: list) -> np.ndarray:
    return np.concatenate([np.asarray(g.array if isinstance(g, TensorValue) else g, np.float64).ravel() for g in grads])


def _reference(case: Batch) -> tuple[float, np.ndarray]:
    """The full-batch loss and gradient, in one backward pass."""
    model = build_model(case.model)
    loss = ref.accumulate_gradients(model, LOSSES[case.loss], *_cpu(case), 1)
    return loss, _flat([p.grad.numpy() for p in model.parameters()])


def _micro_batches(case: Batch, k: int) -> list[tuple[int, float, np.ndarray]]:
    """(size, mean loss, gradient of the mean loss) of each micro-batch, all at the initial weights."""
    model = build_model(case.model)
    out = []
    for x, y in zip(*(t.tensor_split(k) for t in _cpu(case))):
        model.zero_grad()
        loss = LOSSES[case.loss](model(x), y)
        loss.backward()
        out.append((len(x), loss.item(), _flat([p.grad.numpy() for p in model.parameters()])))
    return out


def _numbers(values: np.ndarray, shown: int = 12) -> str:
    """`[0.0167, -0.005, ...] (26 numbers)`: the first few values, to 4 decimals."""
    head = ", ".join(f"{v:.4g}" for v in np.asarray(values, np.float64)[:shown])
    return f"[{head}, ...] ({len(values)} numbers)" if len(values) > shown else f"[{head}]"


def _close(a, b) -> bool:
    return bool(np.allclose(np.asarray(a, np.float64), np.asarray(b, np.float64), rtol=RTOL, atol=ATOL))


def _call(case: Batch, k: int, stale: float | None = None) -> str:
    x, y = case.arrays()
    lines = [model_code(case.model)]
    if stale is not None:
        lines.append(f"for p in model.parameters(): p.grad = torch.full_like(p, {stale})")
    lines.append(f"loss = accumulate_gradients(model, {LOSS_CODE[case.loss]}, {as_python.code(tensor(x))}, "
                 f"{as_python.code(tensor(y))}, {k})")
    lines.append("loss, [p.grad for p in model.parameters()]")
    return "\n".join(lines)


RAISED = [  # errors the usual slips raise
    ("grad_none", lambda e: e.type == "AttributeError" and "NoneType" in e.message),
    ("data_not_moved", lambda e: "device" in e.message),
]


def _gradient_misreadings(case: Batch, k: int, expected: np.ndarray, stale: float | None) -> list:
    @cache
    def micro() -> list:
        return _micro_batches(case, k)

    def weighted(weights) -> np.ndarray:
        return sum(w * g for w, (_, _, g) in zip(weights, micro()))

    n = case.n
    last = lambda: micro()[-1]  # noqa: E731
    return [
        ("stale_not_cleared", lambda got: stale is not None and _close(got, expected + stale)),
        ("not_divided", lambda got: _close(got, weighted([1.0] * k))),
        ("equal_weights", lambda got: _close(got, weighted([1 / k] * k))),
        ("zero_grad_inside_loop", lambda got: any(_close(got, last()[2] * w) for w in (1.0, 1 / k, last()[0] / n))),
    ]


def _gradient_check(learner, case: Batch, k: int, stale: float | None) -> None:
    x, y = case.arrays()
    answer = learner.probe(probes.accumulate, case.model, case.loss, x, y, k, stale,
                           call=lambda: _call(case, k, stale), expect_error=True)
    expect.no_error(answer, RAISED)
    _, expected = _reference(case)
    result = answer.value
    expected_shown = f"gradients {_numbers(expected)}, all parameters flattened"
    missing = [i for i, g in enumerate(result["grads"]) if not isinstance(g, TensorValue)]
    if missing:
        expect.fail(answer, f"parameter {missing[0]}'s .grad is None: no gradient reached it", expected_shown,
                    misconception="no_backward")
    got = _flat(result["grads"])
    expect.compare_arrays(answer, got, expected, got_shown=f"gradients {_numbers(got)}",
                          expected_shown=expected_shown, rtol=RTOL, atol=ATOL,
                          misconceptions=_gradient_misreadings(case, k, expected, stale), got_value=got)
    if result["moved"] > 0:
        expect.fail(answer, f"the weights changed by up to {result['moved']:.3g}", "the weights unchanged",
                    misconception="stepped")


UNEVEN_EXAMPLES = [(Batch((3, 4, 2), "mse", 5, 0), 2), (Batch((2, 4, 3), "cross_entropy", 7, 1), 3)]


@EXERCISE.check("accumulate_gradients.matches_full_batch", points=2, given=uneven_cases, examples=UNEVEN_EXAMPLES,
                max_examples=8,
                says="accumulate_gradients must leave in every .grad the gradient of the full batch's mean loss, also "
                     "when N is not a multiple of accum_steps (micro-batches of different sizes), and must not step.")
def full_batch_gradient(learner, case):
    _gradient_check(learner, *case, stale=None)


@EXERCISE.check("accumulate_gradients.clears_stale_grads", points=1, given=any_cases,
                examples=[(Batch((3, 4, 2), "mse", 4, 2), 2)], max_examples=6,
                says="accumulate_gradients must start from clear gradients: whatever .grad held before the call "
                     f"(here {STALE} everywhere) must not end up in the result.")
def stale_gradient(learner, case):
    _gradient_check(learner, *case, stale=STALE)


@EXERCISE.check("accumulate_gradients.returns_full_batch_loss", points=1, given=uneven_cases,
                examples=UNEVEN_EXAMPLES, max_examples=6,
                says="accumulate_gradients must return the full batch's mean loss as a Python float.")
def full_batch_loss(learner, case):
    batch, k = case
    x, y = batch.arrays()
    answer = learner.probe(probes.accumulate, batch.model, batch.loss, x, y, k,
                           call=lambda: _call(batch, k), expect_error=True)
    expect.no_error(answer, RAISED)
    expected, _ = _reference(batch)
    micro = cache(lambda: _micro_batches(batch, k))
    expect.number(replace(answer, value=answer.value["loss"]), expected, rtol=RTOL, atol=ATOL, misconceptions=[
        ("returned_a_tensor", lambda got: isinstance(got, TensorValue)),
        ("no_return", lambda got: got is None),
        ("last_micro_loss", lambda got: _close(got, micro()[-1][1])
         or _close(got, micro()[-1][1] * micro()[-1][0] / batch.n)),
        ("summed_micro_losses", lambda got: _close(got, sum(m[1] for m in micro()))),
        ("equal_weights", lambda got: _close(got, sum(m[1] for m in micro()) / k)),
    ])


@EXERCISE.check("accumulate_gradients.in_micro_batches", points=1, given=any_cases,
                examples=[(Batch((3, 4, 2), "mse", 10, 3), 4), (Batch((2, 3, 1), "mse", 9, 4), 3)], max_examples=6,
                says="accumulate_gradients must run backward on accum_steps micro-batches, whose sizes differ by at "
                     "most one and add up to N, never on the whole batch at once.")
def micro_batch_sizes(learner, case):
    batch, k = case
    x, y = batch.arrays()
    answer = learner.probe(probes.accumulate, batch.model, batch.loss, x, y, k,
                           call=lambda: _call(batch, k), expect_error=True)
    expect.no_error(answer, RAISED)
    sizes, n = answer.value["micro"], batch.n
    expected = sorted((n // k + (i < n % k) for i in range(k)), reverse=True)
    if sorted(sizes, reverse=True) != expected:
        got = f"backward reached micro-batches of sizes {sizes}" if sizes else "backward never reached the model"
        misconception = "no_accumulation" if sizes == [n] else \
            "accum_steps_as_size" if sizes and max(sizes) == k < n and len(sizes) == -(-n // k) else \
            "uneven_split" if sizes and sum(sizes) == n else None
        expect.fail(answer, got, f"{k} micro-batches of sizes {expected} (in any order)",
                    misconception=misconception)


# -- train_accumulated --------------------------------------------------------------------------------

@dataclass(frozen=True)
class Training:
    """`n` micro-batches of `size` rows (the last one `last` rows), `k` of them to a step; `batch` gives the
    model, the loss and the seed of the values (its own `n` is not used)."""
    batch: Batch
    n: int
    size: int
    last: int
    k: int

    def micro_batches(self) -> list[tuple[np.ndarray, np.ndarray]]:
        sizes = [self.size] * (self.n - 1) + [self.last]
        return [self.batch.arrays(s, offset=i) for i, s in enumerate(sizes)]

    def expected_steps(self) -> list[int]:
        """After how many micro-batches each step comes: every k, and after a shorter last group."""
        return list(range(self.k, self.n + 1, self.k)) + ([self.n] if self.n % self.k else [])


def _training(n: int, k: int, size: int, last: int, batch: Batch) -> Training:
    return Training(batch, n, size, min(last, size), k)


trainings = st.builds(_training, st.integers(1, 7), st.integers(1, 4), st.integers(1, 2), st.integers(1, 2),
                      _batches(st.just(0)))
TRAIN_EXAMPLES = [Training(Batch((2, 3, 1), "mse", 0, 0), n=5, size=2, last=1, k=2),
                  Training(Batch((3, 4, 2), "mse", 0, 1), n=4, size=2, last=2, k=2)]


def _train_call(t: Training) -> str:
    pairs = ", ".join(f"({as_python.code(tensor(x))}, {as_python.code(tensor(y))})" for x, y in t.micro_batches())
    return "\n".join([model_code(t.batch.model), optimizer_code(OPTIMIZER), f"batches = [{pairs}]",
                      f"losses = train_accumulated(model, {LOSS_CODE[t.batch.loss]}, opt, batches, {t.k})",
                      "losses, [p.data for p in model.parameters()]"])


def _train(learner, t: Training):
    answer = learner.probe(probes.train, t.batch.model, t.batch.loss, OPTIMIZER, t.micro_batches(), t.k,
                           call=lambda: _train_call(t), expect_error=True)
    expect.no_error(answer, RAISED)
    return answer


def _simulate(t: Training, *, divide: str = "accum_steps", step_every: bool = False, last_group: bool = True,
              zero: str = "after_step") -> np.ndarray:
    """The final weights of a training loop with one of the usual slips (for naming them, not for grading).
    `divide`: what each loss is divided by: "accum_steps", "nothing", or "group" (the size of its own group)."""
    model = build_model(t.batch.model)
    opt = build_optimizer(OPTIMIZER, model.parameters())
    for i, (x, y) in enumerate(t.micro_batches(), 1):
        if zero == "inside":
            opt.zero_grad()
        loss = LOSSES[t.batch.loss](model(torch.from_numpy(x)), targets(t.batch.loss, y))
        group_size = min(t.k, t.n - (i - 1) // t.k * t.k)
        (loss / {"accum_steps": t.k, "nothing": 1, "group": group_size}[divide]).backward()
        end_of_group = i % t.k == 0 or (i == t.n and last_group)
        if zero == "before_step" and end_of_group:
            opt.zero_grad()
        if step_every or end_of_group:
            opt.step()
        if (zero == "after_step" and (step_every or end_of_group)) or (zero == "every_k" and end_of_group):
            opt.zero_grad()
    return _flat([p.detach().numpy() for p in model.parameters()])


def _reference_training(t: Training) -> tuple[list[float], np.ndarray]:
    model = build_model(t.batch.model)
    opt = build_optimizer(OPTIMIZER, model.parameters())
    data = [(torch.from_numpy(x), targets(t.batch.loss, y)) for x, y in t.micro_batches()]
    losses = ref.train_accumulated(model, LOSSES[t.batch.loss], opt, data, t.k)
    return losses, _flat([p.detach().numpy() for p in model.parameters()])


@EXERCISE.check("train_accumulated.matches_reference", points=2, given=trainings, examples=TRAIN_EXAMPLES,
                max_examples=8,
                says="train_accumulated must leave the weights that the reference leaves: backward of loss / "
                     "accum_steps for each micro-batch, opt.step() and opt.zero_grad() after every accum_steps of "
                     "them and after a shorter last group (optimizer: SGD with momentum).")
def training_weights(learner, t):
    answer = _train(learner, t)
    _, expected = _reference_training(t)
    got = _flat(answer.value["weights"])
    slips = [("not_divided", {"divide": "nothing"}), ("forgot_last_group", {"last_group": False}),
             ("short_group_rescaled", {"divide": "group"}),
             ("zero_grad_inside_loop", {"zero": "inside"}), ("never_cleared", {"zero": "never"}),
             ("zero_grad_before_step", {"zero": "before_step"}),
             ("step_every_micro_batch", {"step_every": True}),
             ("step_every_micro_batch", {"step_every": True, "zero": "every_k"})]
    expect.compare_arrays(answer, got, expected, got_shown=f"weights {_numbers(got)}",
                          expected_shown=f"weights {_numbers(expected)}, all parameters flattened",
                          rtol=RTOL, atol=ATOL, got_value=got,
                          misconceptions=[(key, lambda got, flags=flags: _close(got, _simulate(t, **flags)))
                                          for key, flags in slips])


def _after(counts: list[int]) -> str:
    return "micro-batches " + ", ".join(map(str, counts)) if counts else "no micro-batch (never)"


@EXERCISE.check("train_accumulated.steps_on_schedule", points=1, given=trainings, examples=TRAIN_EXAMPLES,
                max_examples=8,
                says="train_accumulated must call opt.step() after every accum_steps micro-batches and once after a "
                     "shorter last group, no more and no less, each on its group's gradients and followed by "
                     "opt.zero_grad(); never opt.zero_grad() inside a group.")
def step_schedule(learner, t):
    answer = _train(learner, t)
    result, expected = answer.value, t.expected_steps()
    steps = result["steps"]
    if steps != expected:
        misconception = "step_every_micro_batch" if steps == list(range(1, t.n + 1)) else \
            "forgot_last_group" if steps == expected[:-1] else None
        expect.fail(answer, f"opt.step() after {_after(steps)}", f"opt.step() after {_after(expected)}",
                    misconception=misconception, detail=f"{t.n} micro-batches, accum_steps={t.k}")
    if result["cleared_steps"]:
        expect.fail(answer, f"{result['cleared_steps']} of the {len(steps)} steps found the gradients already cleared",
                    "every opt.step() on its group's accumulated gradients", misconception="zero_grad_before_step")
    # Between groups (or before the first) opt.zero_grad() is harmless; inside a group it loses gradients.
    inside = [c for c in result["zero_grads"] if c not in {0, *expected}]
    if inside:
        expect.fail(answer, f"opt.zero_grad() after {_after(inside)}, inside a group",
                    f"opt.zero_grad() only right after each opt.step(), after {_after(expected)}",
                    misconception="zero_grad_inside_loop")
    if not result["clear_at_end"]:
        expect.fail(answer, "the gradients were left in .grad after the last step",
                    "opt.zero_grad() after every opt.step(), the last one too",
                    misconception="no_zero_grad_at_end" if result["zero_grads"] else "never_cleared")


@EXERCISE.check("train_accumulated.returns_unscaled_losses", points=1, given=trainings, examples=TRAIN_EXAMPLES,
                max_examples=6,
                says="train_accumulated must return a list with each micro-batch's loss as a Python float, as computed "
                     "(not divided by accum_steps).")
def returned_losses(learner, t):
    answer = _train(learner, t)
    got, own = answer.value["losses"], answer.value["own_losses"]
    expected = own if len(own) == t.n else _reference_training(t)[0]
    shown = as_python.code([round(v, 6) for v in expected])
    if not isinstance(got, list) or not all(isinstance(v, float) for v in got):
        expect.fail(answer, as_python.code(got), f"a list of floats: {shown}", misconception=(
            "no_return" if got is None else
            "returned_tensors" if isinstance(got, list) and any(isinstance(v, TensorValue) for v in got) else None))
    if len(got) != len(expected) or not _close(got, expected):
        scaled = len(got) == len(expected) and _close(np.array(got) * t.k, expected)
        per_group = len(got) == len(t.expected_steps()) != t.n
        expect.fail(answer, as_python.code([round(v, 6) for v in got]), shown,
                    misconception="scaled_losses" if scaled else "group_losses" if per_group else None)
