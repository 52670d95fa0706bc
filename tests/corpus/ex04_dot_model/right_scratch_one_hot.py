# expect: full-marks
import torch.nn.functional as F


class DotProductBiasScratch(nn.Module):
    def __init__(self, n_users, n_movies, n_factors=5, y_range=(0, 5.5)):
        super().__init__()
        self.n_users, self.n_movies = n_users, n_movies
        self.user_factors = create_params([n_users, n_factors])
        self.user_bias = create_params([n_users])
        self.movie_factors = create_params([n_movies, n_factors])
        self.movie_bias = create_params([n_movies])
        self.low, self.high = y_range

    def forward(self, x):
        u = F.one_hot(x[:, 0], self.n_users).float()
        m = F.one_hot(x[:, 1], self.n_movies).float()
        dot = ((u @ self.user_factors) * (m @ self.movie_factors)).sum(dim=1)
        return sigmoid_range(dot + u @ self.user_bias + m @ self.movie_bias, self.low, self.high)
