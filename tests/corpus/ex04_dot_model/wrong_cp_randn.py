# expect-fail: create_params.normal_init | standard deviation 1 instead of 0.01
def create_params(size):
    return nn.Parameter(torch.randn(*size))
