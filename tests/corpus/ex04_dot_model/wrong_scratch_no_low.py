# expect-fail: DotProductBiasScratch.matches_reference | sigmoid_range without + low
# expect-fail: DotProductBiasScratch.in_y_range | lies outside y_range
class DotProductBiasScratch(nn.Module):
    def __init__(self, n_users, n_movies, n_factors=5, y_range=(0, 5.5)):
        super().__init__()
        self.user_factors = create_params([n_users, n_factors])
        self.user_bias = create_params([n_users])
        self.movie_factors = create_params([n_movies, n_factors])
        self.movie_bias = create_params([n_movies])
        self.y_range = y_range

    def forward(self, x):
        users, movies = x[:, 0], x[:, 1]
        dot = (self.user_factors[users] * self.movie_factors[movies]).sum(1)
        lo, hi = self.y_range
        return torch.sigmoid(dot + self.user_bias[users] + self.movie_bias[movies]) * (hi - lo)
