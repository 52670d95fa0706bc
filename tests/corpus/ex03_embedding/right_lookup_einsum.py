# expect: full-marks
def embedding_lookup(weight, indices):
    return torch.einsum("...n,nd->...d", one_hot(indices, weight.size(0)), weight)
