# expect-fail: embedding_lookup.from_scratch | indexing instead of the matrix product
# expect-pass: embedding_lookup.matches_reference
# expect-pass: embedding_lookup.same_gradient
def embedding_lookup(weight, indices):
    return weight[indices]
