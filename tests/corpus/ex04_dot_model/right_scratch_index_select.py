# expect: full-marks
class DotProductBiasScratch(nn.Module):
    def __init__(self, n_users, n_movies, n_factors=5, y_range=(0, 5.5)):
        super().__init__()
        self.user_factors = create_params([n_users, n_factors])
        self.user_bias = create_params([n_users])
        self.movie_factors = create_params([n_movies, n_factors])
        self.movie_bias = create_params([n_movies])
        self.y_range = y_range

    def forward(self, x):
        users, movies = x.unbind(dim=1)
        u = self.user_factors.index_select(0, users)
        m = self.movie_factors.index_select(0, movies)
        res = torch.einsum("nf,nf->n", u, m) + self.user_bias.index_select(0, users) + self.movie_bias[movies]
        return sigmoid_range(res, *self.y_range)
