# expect-fail: one_hot.matches_reference | shape
def one_hot(indices, num_classes):
    if indices.numel() and (indices.min() < 0 or indices.max() >= num_classes):
        raise ValueError("index out of range")
    flat = indices.reshape(-1)
    out = torch.zeros(len(flat), num_classes)
    out[torch.arange(len(flat)), flat] = 1.0
    return out
