# expect-fail: one_hot.rejects_out_of_range | negative indices wrap around
# expect-pass: one_hot.matches_reference
def one_hot(indices, num_classes):
    if indices.numel() and indices.max() >= num_classes:
        raise ValueError("index out of range")
    return torch.eye(num_classes)[indices]
