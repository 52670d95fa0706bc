# expect-fail: DotProduct.gradients | a weight outside autograd
# expect-pass: DotProduct.matches_reference
# expect-pass: DotProduct.in_y_range
class DotProduct(nn.Module):
    def __init__(self, n_users, n_movies, n_factors=5, y_range=(0, 5.5)):
        super().__init__()
        self.user_factors = nn.Embedding(n_users, n_factors)
        self.movie_factors = nn.Embedding(n_movies, n_factors)
        self.y_range = y_range

    def forward(self, x):
        users = self.user_factors.weight.data[x[:, 0]]
        movies = self.movie_factors(x[:, 1])
        return sigmoid_range((users * movies).sum(dim=1), *self.y_range)
