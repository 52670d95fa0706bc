# expect-fail: create_params.parameter | scaled after wrapping in nn.Parameter
def create_params(size):
    return nn.Parameter(torch.randn(*size)) * 0.01
