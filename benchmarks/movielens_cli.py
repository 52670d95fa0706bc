"""The command line the MovieLens benchmarks share (train_movielens, ensemble_movielens, cold_start):
where the data comes from, epochs, seed and torch's threads, and loading the data with a one-line
error instead of a traceback."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from grader.data import CHOICES, DataUnavailable, MovieLens, load  # noqa: E402


def parser(description: str, seed_help: str) -> argparse.ArgumentParser:
    """--data, --download, --epochs, --seed and --threads; each benchmark adds its own."""
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--data", default="synthetic", help=f"{', '.join(CHOICES)}, or a path (default: synthetic)")
    p.add_argument("--download", action="store_true", help="fetch ml-100k or ml-latest-small if not cached")
    p.add_argument("--epochs", type=int, default=5)
    p.add_argument("--seed", type=int, default=42, help=seed_help)
    p.add_argument("--threads", type=int, help="torch CPU threads (default: torch's choice)")
    return p


def load_data(args: argparse.Namespace) -> MovieLens | None:
    """Set torch's threads and load `--data`; None (the reason printed to stderr) if it is not there."""
    if args.threads:
        torch.set_num_threads(args.threads)
    try:
        return load(args.data, download=args.download)
    except DataUnavailable as e:
        print(e, file=sys.stderr)
        return None
