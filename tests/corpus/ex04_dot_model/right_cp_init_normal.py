# expect: full-marks
def create_params(size):
    p = nn.Parameter(torch.empty(*size))
    nn.init.normal_(p, mean=0.0, std=0.01)
    return p
