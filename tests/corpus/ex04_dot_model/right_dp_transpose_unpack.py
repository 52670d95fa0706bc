# expect: full-marks
class DotProduct(nn.Module):
    def __init__(self, n_users, n_movies, n_factors=5, y_range=(0, 5.5)):
        super().__init__()
        self.user_factors = nn.Embedding(n_users, n_factors)
        self.movie_factors = nn.Embedding(n_movies, n_factors)
        self.y_range = list(y_range)

    def forward(self, x):
        users, movies = x.T
        dot = torch.sum(self.user_factors(users) * self.movie_factors(movies), dim=-1)
        return sigmoid_range(dot, self.y_range[0], self.y_range[1])
