# expect-fail: create_params.parameter | requires_grad=False
def create_params(size):
    return nn.Parameter(torch.randn(*size) * 0.01, requires_grad=False)
