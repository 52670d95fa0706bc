# expect: full-marks
class DotProductBias(nn.Module):
    def __init__(self, n_users, n_movies, n_factors=5, y_range=(0, 5.5)):
        super().__init__()
        self.user_factors, self.user_bias = nn.Embedding(n_users, n_factors), nn.Embedding(n_users, 1)
        self.movie_factors, self.movie_bias = nn.Embedding(n_movies, n_factors), nn.Embedding(n_movies, 1)
        self.low = float(y_range[0])
        self.high = float(y_range[1])

    def forward(self, x):
        u, m = x.T[0], x.T[1]
        score = torch.einsum("nf,nf->n", self.user_factors(u), self.movie_factors(m))
        score = score + self.user_bias(u)[:, 0] + self.movie_bias(m)[:, 0]
        return sigmoid_range(score, self.low, self.high)
