# expect-fail: embedding_lookup.matches_reference | transposed product
def embedding_lookup(weight, indices):
    return (weight.T @ one_hot(indices, weight.shape[0]).T).T
