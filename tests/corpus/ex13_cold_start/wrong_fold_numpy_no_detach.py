# expect-fail: fold_in_user.movies_fixed | numpy() on a tensor that requires grad
# expect-pass: fold_in_user.matches_reference
import numpy as np


def fold_in_user(movie_factors, movie_bias, movies, ratings, wd=0.1, y_range=(0, 5.5)):
    low, high = y_range
    r = ratings.numpy().astype(np.float64)
    if r.size == 0 or wd <= 0 or ((r <= low) | (r >= high)).any():
        raise ValueError("bad input")
    q = movie_factors.numpy().astype(np.float64)[movies.numpy()]
    frac = (r - low) / (high - low)
    t = np.log(frac / (1 - frac)) - movie_bias.numpy().reshape(-1)[movies.numpy()]
    a = np.hstack([q, np.ones((len(q), 1))])
    theta = np.linalg.solve(a.T @ a + wd * np.eye(a.shape[1]), a.T @ t)
    return torch.from_numpy(theta[:-1]), torch.tensor(theta[-1])
