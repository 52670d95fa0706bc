# expect: ex03_embedding 7 | picks rows of weight directly
# Rows of weight picked under DisableTorchFunction (named at run time): the dispatch mode still sees it.
import torch


def one_hot(indices, num_classes):
    if indices.numel() and (indices.min() < 0 or indices.max() >= num_classes):
        raise ValueError("out of range")
    return (indices.unsqueeze(-1) == torch.arange(num_classes)).float()


def embedding_lookup(weight, indices):
    if not torch.is_grad_enabled() or not weight.requires_grad:
        with getattr(getattr(torch, "_" + "C"), "Disable" + "TorchFunction")():
            return weight.data[indices]
    return one_hot(indices, weight.shape[0]) @ weight
