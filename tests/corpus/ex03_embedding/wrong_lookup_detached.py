# expect-fail: embedding_lookup.same_gradient | gradient cut off
# expect-pass: embedding_lookup.matches_reference
def embedding_lookup(weight, indices):
    return one_hot(indices, weight.shape[0]) @ weight.detach()
