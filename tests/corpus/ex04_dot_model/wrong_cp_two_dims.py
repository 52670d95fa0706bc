# expect-fail: create_params.parameter | assuming two dimensions
def create_params(size):
    return nn.Parameter(torch.zeros(size[0], size[1]).normal_(0, 0.01))
