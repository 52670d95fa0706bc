"""The options of the learner's commands (check, watch, progress), and what they need of a folder."""
from __future__ import annotations

import argparse
import os
from pathlib import Path

from grader.cli.usage import UsageError, count, seconds


def add(p: argparse.ArgumentParser) -> None:
    p.add_argument("--path", type=Path, default=Path("exercises"), help="folder holding exNN_*.py (default: exercises)")
    p.add_argument("--timeout", type=seconds, default=None, metavar="S",
                   help="seconds of your code's time per check (default 10)")
    p.add_argument("--device", choices=["cpu", "cuda"], default="cpu",
                   help="where torch checks put their tensors and models (default: cpu)")
    p.add_argument("--jobs", type=count, default=os.cpu_count() or 1, metavar="N",
                   help="exercises checked at once, each in its own process (default: the number of cores)")


def time_limit(args: argparse.Namespace) -> float:
    """Check the folder and the device; the time limit per check."""
    from grader import engine, selfcheck

    if not args.path.is_dir():
        raise UsageError(f"{args.path} is not a folder")
    if not selfcheck.exercise_files(args.path):
        raise UsageError(f"{args.path} holds no exercise files (exNN_name.py or .ipynb): is it the right folder?")
    if args.device == "cuda" and not cuda_available():
        raise UsageError("CUDA is not available on this machine (the CPU run is --device cpu)")
    return args.timeout if args.timeout is not None else engine.DEFAULT_TIME_LIMIT


def cuda_available() -> bool:
    import torch

    return torch.cuda.is_available()
