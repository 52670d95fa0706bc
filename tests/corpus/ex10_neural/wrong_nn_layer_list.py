# expect-fail: CollabNN.sizes | layers not an nn.Sequential
class CollabNN(nn.Module):
    def __init__(self, user_sz, item_sz, y_range=(0, 5.5), n_act=100):
        super().__init__()
        self.user_factors = nn.Embedding(*user_sz)
        self.item_factors = nn.Embedding(*item_sz)
        self.layers = nn.ModuleList([nn.Linear(user_sz[1] + item_sz[1], n_act), nn.ReLU(), nn.Linear(n_act, 1)])
        self.y_range = y_range

    def forward(self, x):
        out = torch.cat([self.user_factors(x[:, 0]), self.item_factors(x[:, 1])], dim=1)
        for layer in self.layers:
            out = layer(out)
        return sigmoid_range(out, *self.y_range)
