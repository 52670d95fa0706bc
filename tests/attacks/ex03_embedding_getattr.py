# expect: ex03_embedding 7 | reached F.embedding
import torch
import torch.nn.functional as F


def one_hot(indices, num_classes):
    if indices.numel() and (indices.min() < 0 or indices.max() >= num_classes):
        raise ValueError("out of range")
    return (indices.unsqueeze(-1) == torch.arange(num_classes)).float()


def embedding_lookup(weight, indices):
    return getattr(F, "embed" + "ding")(indices, weight)
