# expect-fail: create_params.normal_init | 0.01 as the variance
def create_params(size):
    return nn.Parameter(torch.randn(*size) * 0.01 ** 0.5)
