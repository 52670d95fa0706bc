# expect-fail: create_params.normal_init | all zeros
# expect-pass: create_params.parameter
def create_params(size):
    return nn.Parameter(torch.zeros(*size))
