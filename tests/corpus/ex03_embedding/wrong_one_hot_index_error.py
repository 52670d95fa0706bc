# expect-fail: one_hot.rejects_out_of_range | raised IndexError
def one_hot(indices, num_classes):
    if indices.numel() and (indices.min() < 0 or indices.max() >= num_classes):
        raise IndexError("index out of range")
    return (indices.unsqueeze(-1) == torch.arange(num_classes)).float()
