# expect-fail: DotProductClasses.parts | one bias per user instead of one per class
class DotProductClasses(nn.Module):
    def __init__(self, n_users, n_movies, n_factors=5, n_classes=5):
        super().__init__()
        self.user_factors = nn.Embedding(n_users, n_factors)
        self.movie_factors = nn.Embedding(n_movies, n_factors)
        self.user_bias = nn.Embedding(n_users, 1)
        self.movie_bias = nn.Embedding(n_movies, 1)
        self.head = nn.Linear(n_factors, n_classes)

    def forward(self, x):
        u, m = x[:, 0], x[:, 1]
        return self.head(self.user_factors(u) * self.movie_factors(m)) + self.user_bias(u) + self.movie_bias(m)
