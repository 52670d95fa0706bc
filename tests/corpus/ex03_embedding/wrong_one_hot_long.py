# expect-fail: one_hot.float_dtype | a long dtype for one-hot
# expect-pass: one_hot.matches_reference
import torch.nn.functional as F


def one_hot(indices, num_classes):
    if indices.numel() and (indices.min() < 0 or indices.max() >= num_classes):
        raise ValueError("index out of range")
    return F.one_hot(indices, num_classes)
