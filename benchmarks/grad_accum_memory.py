"""What gradient accumulation buys: peak GPU memory against micro-batch size, at the same gradient.

    python benchmarks/grad_accum_memory.py [--device cpu|cuda] [--image-size N] [--steps 2]

A small convnet is trained on random images with an effective batch of 64, split into micro-batches of
64, 32, 16 and 8 (accum_steps 1, 2, 4, 8), using the worked solution of exercise 7. For each split it
prints the largest difference between its first gradient and the gradient of the unsplit batch, the
largest weight difference after `--steps` SGD steps, and, on CUDA, `torch.cuda.max_memory_allocated`
during the run. On the CPU it prints the agreement only: memory is measured on CUDA only.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

import torch
import torch.nn.functional as F
from torch import nn

from grader.loading import load_module

SOLUTION = load_module(Path(__file__).resolve().parent.parent / "solutions" / "ex07_grad_accum.py")
accumulate_gradients, train_accumulated = SOLUTION.accumulate_gradients, SOLUTION.train_accumulated

BATCH = 64
MICRO_BATCHES = [64, 32, 16, 8]


def convnet() -> nn.Module:
    """Three stride-2 convolutions and a linear head: activations, not weights, dominate its memory."""
    torch.manual_seed(0)
    return nn.Sequential(
        nn.Conv2d(3, 32, 3, stride=2, padding=1), nn.ReLU(),
        nn.Conv2d(32, 64, 3, stride=2, padding=1), nn.ReLU(),
        nn.Conv2d(64, 128, 3, stride=2, padding=1), nn.ReLU(),
        nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(128, 10))


def run(micro: int, batches: list[tuple[torch.Tensor, torch.Tensor]], device: str) -> dict:
    """One accumulated gradient on the first batch, then `len(batches)` training steps; data stays on the CPU."""
    accum_steps = BATCH // micro
    model = convnet().to(device)
    if device == "cuda":
        torch.cuda.synchronize()
        torch.cuda.reset_peak_memory_stats()
    start = time.perf_counter()
    accumulate_gradients(model, F.cross_entropy, *batches[0], accum_steps)
    gradient = torch.cat([p.grad.flatten() for p in model.parameters()]).cpu()
    opt = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    opt.zero_grad()
    micro_batches = [(x[i:i + micro], y[i:i + micro]) for x, y in batches for i in range(0, BATCH, micro)]
    train_accumulated(model, F.cross_entropy, opt, micro_batches, accum_steps)
    if device == "cuda":
        torch.cuda.synchronize()
    seconds = time.perf_counter() - start
    weights = torch.cat([p.detach().flatten() for p in model.parameters()]).cpu()
    peak = torch.cuda.max_memory_allocated() / 2**20 if device == "cuda" else None
    return {"micro": micro, "accum_steps": accum_steps, "gradient": gradient, "weights": weights, "peak": peak,
            "seconds": seconds}


def main(argv: list[str] | None = None) -> list[dict]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--device", choices=["cpu", "cuda"], default="cuda" if torch.cuda.is_available() else "cpu")
    parser.add_argument("--image-size", type=int, default=None,
                        help="side of the random images (default: 224 on CUDA, 64 on the CPU, to finish in seconds)")
    parser.add_argument("--steps", type=int, default=2, help="effective batches to train on")
    args = parser.parse_args(argv)
    if args.device == "cuda" and not torch.cuda.is_available():
        parser.error("CUDA is not available on this machine; --device cpu measures the gradient agreement only")
    size = args.image_size or (224 if args.device == "cuda" else 64)
    generator = torch.Generator().manual_seed(0)
    batches = [(torch.randn(BATCH, 3, size, size, generator=generator),
                torch.randint(0, 10, (BATCH,), generator=generator)) for _ in range(args.steps)]
    # TF32 rounds convolutions to ~1e-3 on CUDA: it would hide the agreement this measures. Full float32 instead.
    tf32 = torch.backends.cudnn.allow_tf32, torch.backends.cuda.matmul.allow_tf32
    torch.backends.cudnn.allow_tf32 = torch.backends.cuda.matmul.allow_tf32 = False
    try:
        # Start-up costs (kernel choice, the allocator, torch.optim's first import of torch._dynamo) are paid
        # here, not charged to the first row.
        warm = convnet().to(args.device)
        F.cross_entropy(warm(batches[0][0][:2].to(args.device)), batches[0][1][:2].to(args.device)).backward()
        torch.optim.SGD(warm.parameters(), lr=0.01).step()
        results = [run(micro, batches, args.device) for micro in MICRO_BATCHES]
    finally:
        torch.backends.cudnn.allow_tf32, torch.backends.cuda.matmul.allow_tf32 = tf32
    print(f"device: {args.device}" + ("" if args.device == "cuda" else
                                      " (memory is measured on CUDA only: run with a GPU for the memory column)"))
    print(f"model: 3-conv convnet, {sum(p.numel() for p in convnet().parameters()):,} parameters; "
          f"images 3x{size}x{size}; effective batch {BATCH}; {args.steps} SGD steps")
    _table(results)
    return results


def _table(results: list[dict]) -> None:
    """Print one row per split, and add its differences from the unsplit batch (the first row) to it."""
    print(f"{'micro-batch':>11} {'accum_steps':>11} {'peak MiB':>9} {'max |grad diff|':>15} {'rel.':>8} "
          f"{'max |weight diff|':>17} {'seconds':>8}")
    base = results[0]
    scale = float(base["gradient"].abs().max())
    for r in results:
        r["grad_diff"] = float((r["gradient"] - base["gradient"]).abs().max())
        r["relative"] = r["grad_diff"] / scale
        r["weight_diff"] = float((r["weights"] - base["weights"]).abs().max())
        peak = f"{r['peak']:9.1f}" if r["peak"] is not None else f"{'-':>9}"
        print(f"{r['micro']:>11} {r['accum_steps']:>11} {peak} {r['grad_diff']:>15.2e} {r['relative']:>8.1e} "
              f"{r['weight_diff']:>17.2e} {r['seconds']:>8.2f}")


if __name__ == "__main__":
    main()
