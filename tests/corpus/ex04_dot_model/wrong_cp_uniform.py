# expect-fail: create_params.normal_init | uniform instead of normal
def create_params(size):
    return nn.Parameter(torch.empty(*size).uniform_(-0.0173, 0.0173))
