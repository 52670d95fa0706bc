"""The baseline for train_movielens.py: DotProductBias trained by a plain PyTorch loop, nothing else.

    python benchmarks/plain_loop.py --data PATH [--epochs 5] [--seed 42]

Same data (loaded by grader.data, so loading costs the same), same split (numpy's permutation seeded
by --seed, 42 by default, the first 20% for validation, as reference.ex08_training.train_valid_split
draws it), same model, optimizer and schedule (AdamW with fastai's betas (0.9, 0.99) and eps 1e-5,
OneCycleLR to 5e-3 with 25% warm-up and a last rate of 5e-3 / 1e5, weight decay 0.1, batches of 64); but ids
encoded with pd.factorize, the model written inline, and batches sliced from one torch.randperm per
epoch, and the default (unfused) AdamW unless --fused. Its last line is the same JSON object, with
"model": "dotbias-plain", so the two can be compared line for line.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd
import torch
import torch.nn.functional as F
from torch import nn

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from grader.data import CHOICES, DataUnavailable, load  # noqa: E402


class DotProductBias(nn.Module):
    def __init__(self, n_users: int, n_movies: int, n_factors: int = 50, y_range=(0, 5.5)) -> None:
        super().__init__()
        self.user_factors, self.movie_factors = nn.Embedding(n_users, n_factors), nn.Embedding(n_movies, n_factors)
        self.user_bias, self.movie_bias = nn.Embedding(n_users, 1), nn.Embedding(n_movies, 1)
        for e in (self.user_factors, self.movie_factors, self.user_bias, self.movie_bias):
            nn.init.normal_(e.weight, 0, 0.01)
        self.y_range = y_range

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        u, m = x[:, 0], x[:, 1]
        out = (self.user_factors(u) * self.movie_factors(m)).sum(1) + self.user_bias(u)[:, 0] + self.movie_bias(m)[:, 0]
        return torch.sigmoid(out) * (self.y_range[1] - self.y_range[0]) + self.y_range[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="synthetic", help=f"{', '.join(CHOICES)}, or a path (default: synthetic)")
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--threads", type=int, help="torch CPU threads (default: torch's choice)")
    parser.add_argument("--seed", type=int, default=42, help="the seed of the 80/20 split (default 42)")
    parser.add_argument("--fused", action="store_true", help="fused AdamW, as train_movielens.py uses where it can")
    args = parser.parse_args()
    if args.threads:
        torch.set_num_threads(args.threads)
    start = time.perf_counter()
    try:
        data = load(args.data)
    except DataUnavailable as e:
        print(e, file=sys.stderr)
        return 2
    ratings = data.ratings
    users, movies = pd.factorize(ratings["user"], sort=True)[0], pd.factorize(ratings["movie"], sort=True)[0]
    x = torch.from_numpy(np.stack([users, movies], axis=1).astype(np.int64))
    y = torch.tensor(ratings["rating"].to_numpy(), dtype=torch.float32)
    order = torch.from_numpy(np.random.default_rng(args.seed).permutation(len(x)))
    cut = int(0.2 * len(x))
    x_valid, y_valid, x_train, y_train = x[order[:cut]], y[order[:cut]], x[order[cut:]], y[order[cut:]]

    torch.manual_seed(0)
    model = DotProductBias(int(users.max()) + 1, int(movies.max()) + 1)
    opt = torch.optim.AdamW(model.parameters(), lr=5e-3, weight_decay=0.1, betas=(0.9, 0.99), eps=1e-5,
                            fused=args.fused or None)
    bs = 64
    steps = args.epochs * -(-len(x_train) // bs)
    schedule = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=5e-3, total_steps=steps, pct_start=0.25,
                                                   final_div_factor=1e5 / 25)
    for epoch in range(args.epochs):
        total = 0.0
        for batch in torch.randperm(len(x_train)).split(bs):
            loss = F.mse_loss(model(x_train[batch]), y_train[batch])
            opt.zero_grad()
            loss.backward()
            opt.step()
            schedule.step()
            total += loss.item() * len(batch)
        with torch.no_grad():
            valid_mse = F.mse_loss(model(x_valid), y_valid).item()
        print(f"epoch {epoch + 1}/{args.epochs}  train_loss {total / len(x_train):.4f}  valid_mse {valid_mse:.4f}  "
              f"({time.perf_counter() - start:.1f} s)", flush=True)
    print(json.dumps({"dataset": data.name, "model": "dotbias-plain", "epochs": args.epochs, "seed": args.seed,
                      "valid_mse": round(valid_mse, 4), "seconds": round(time.perf_counter() - start, 2)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
