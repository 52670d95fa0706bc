# expect-fail: create_params.parameter | a plain tensor, not an nn.Parameter
# expect-pass: create_params.normal_init
def create_params(size):
    return torch.randn(size) * 0.01
