# expect-fail: one_hot.matches_reference | shape is
def one_hot(indices, num_classes):
    if indices.numel() and (indices.min() < 0 or indices.max() >= num_classes):
        raise ValueError("index out of range")
    return (indices.unsqueeze(-1) == torch.arange(num_classes + 1)).float()
