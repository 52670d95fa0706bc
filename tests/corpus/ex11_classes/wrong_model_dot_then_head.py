# expect-fail: DotProductClasses.parts | head.weight of shape (5, 1)
class DotProductClasses(nn.Module):
    def __init__(self, n_users, n_movies, n_factors=5, n_classes=5):
        super().__init__()
        self.user_factors = nn.Embedding(n_users, n_factors)
        self.movie_factors = nn.Embedding(n_movies, n_factors)
        self.user_bias = nn.Embedding(n_users, n_classes)
        self.movie_bias = nn.Embedding(n_movies, n_classes)
        self.head = nn.Linear(1, n_classes)

    def forward(self, x):
        u, m = x[:, 0], x[:, 1]
        dot = (self.user_factors(u) * self.movie_factors(m)).sum(1, keepdim=True)
        return self.head(dot) + self.user_bias(u) + self.movie_bias(m)
