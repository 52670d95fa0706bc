# expect: full-marks
class DotProductClasses(nn.Module):
    def __init__(self, n_users, n_movies, n_factors=5, n_classes=5):
        super().__init__()
        self.user_factors, self.movie_factors = nn.Embedding(n_users, n_factors), nn.Embedding(n_movies, n_factors)
        self.user_bias, self.movie_bias = nn.Embedding(n_users, n_classes), nn.Embedding(n_movies, n_classes)
        self.head = nn.Linear(n_factors, n_classes)

    def forward(self, x):
        users, movies = x.T
        product = torch.einsum("nf,nf->nf", self.user_factors(users), self.movie_factors(movies))
        return torch.addmm(self.head.bias, product, self.head.weight.T) + self.user_bias(users) + self.movie_bias(movies)
