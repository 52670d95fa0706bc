# expect: full-marks
def create_params(size):
    return nn.Parameter(torch.normal(0.0, 0.01, size=tuple(size)))
