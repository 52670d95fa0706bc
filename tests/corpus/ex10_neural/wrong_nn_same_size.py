# expect-fail: CollabNN.sizes | one factor size for both
class CollabNN(nn.Module):
    def __init__(self, user_sz, item_sz, y_range=(0, 5.5), n_act=100):
        super().__init__()
        n_factors = user_sz[1]
        self.user_factors = nn.Embedding(user_sz[0], n_factors)
        self.item_factors = nn.Embedding(item_sz[0], n_factors)
        self.layers = nn.Sequential(nn.Linear(2 * n_factors, n_act), nn.ReLU(), nn.Linear(n_act, 1))
        self.y_range = y_range

    def forward(self, x):
        embs = torch.cat([self.user_factors(x[:, 0]), self.item_factors(x[:, 1])], dim=1)
        return sigmoid_range(self.layers(embs), *self.y_range)
