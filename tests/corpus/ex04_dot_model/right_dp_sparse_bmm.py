# expect: full-marks
import torch.nn.functional as F


class DotProduct(nn.Module):
    def __init__(self, n_users, n_movies, n_factors=5, y_range=(0, 5.5)):
        super().__init__()
        self.user_factors = nn.Embedding(n_users, n_factors, sparse=True)
        self.movie_factors = nn.Embedding(n_movies, n_factors)
        self.register_buffer("bounds", torch.tensor([float(v) for v in y_range]))

    def forward(self, x):
        users, movies = x.unbind(1)
        u = self.user_factors(users).unsqueeze(1)
        m = F.embedding(movies, self.movie_factors.weight).unsqueeze(2)
        return sigmoid_range(torch.bmm(u, m).view(-1), *self.bounds)
