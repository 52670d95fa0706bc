# expect-fail: DotProductBiasScratch.parameters | parameters not made by create_params
# expect-pass: DotProductBiasScratch.matches_reference
class DotProductBiasScratch(nn.Module):
    def __init__(self, n_users, n_movies, n_factors=5, y_range=(0, 5.5)):
        super().__init__()
        self.user_factors = create_params([n_users, n_factors])
        self.user_bias = nn.Parameter(torch.zeros(n_users))
        self.movie_factors = create_params([n_movies, n_factors])
        self.movie_bias = nn.Parameter(torch.zeros(n_movies))
        self.y_range = y_range

    def forward(self, x):
        users, movies = x[:, 0], x[:, 1]
        dot = (self.user_factors[users] * self.movie_factors[movies]).sum(1)
        return sigmoid_range(dot + self.user_bias[users] + self.movie_bias[movies], *self.y_range)
