# expect-fail: embedding_lookup.from_scratch | picks rows of weight directly
def embedding_lookup(weight, indices):
    rows = list(weight.data.clone())
    picked = [rows[i] for i in indices.reshape(-1).tolist()]
    return one_hot(indices, weight.shape[0]) @ weight + 0 * torch.stack(picked).sum()
