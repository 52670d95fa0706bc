# expect: full-marks
def create_params(size):
    return nn.Parameter(torch.randn(size) * 0.01)
