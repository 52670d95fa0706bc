# expect-fail: CollabNN.matches_reference | no sigmoid_range
class CollabNN(nn.Module):
    def __init__(self, user_sz, item_sz, y_range=(0, 5.5), n_act=100):
        super().__init__()
        self.user_factors = nn.Embedding(*user_sz)
        self.item_factors = nn.Embedding(*item_sz)
        self.layers = nn.Sequential(nn.Linear(user_sz[1] + item_sz[1], n_act), nn.ReLU(), nn.Linear(n_act, 1))

    def forward(self, x):
        return self.layers(torch.cat([self.user_factors(x[:, 0]), self.item_factors(x[:, 1])], dim=1))
