# expect-fail: DotProductBias.matches_reference | DotProductBias.user_bias.weight has shape
class DotProductBias(nn.Module):
    def __init__(self, n_users, n_movies, n_factors=5, y_range=(0, 5.5)):
        super().__init__()
        self.user_factors = nn.Embedding(n_users, n_factors)
        self.movie_factors = nn.Embedding(n_movies, n_factors)
        self.user_bias = nn.Embedding(n_users, n_factors)
        self.movie_bias = nn.Embedding(n_movies, n_factors)
        self.y_range = y_range

    def forward(self, x):
        users, movies = x[:, 0], x[:, 1]
        res = (self.user_factors(users) * self.movie_factors(movies)).sum(dim=1)
        res = res + self.user_bias(users).sum(1) + self.movie_bias(movies).sum(1)
        return sigmoid_range(res, *self.y_range)
