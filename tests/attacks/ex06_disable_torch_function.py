# expect: ex06_cross_entropy 21 | switched off torch's function handling
# torch's softmax inside DisableTorchFunction, reached by a computed getattr: only softmax.from_scratch is lost.
import torch


def softmax(logits):
    with getattr(torch, "_" + "C").DisableTorchFunction():
        return getattr(logits, "soft" + "max")(-1)


def log_softmax(logits):
    shifted = logits - logits.amax(dim=-1, keepdim=True)
    return shifted - shifted.exp().sum(dim=-1, keepdim=True).log()


def cross_entropy(logits, targets):
    return -log_softmax(logits).gather(1, targets.unsqueeze(1)).squeeze(1).mean()


def binary_cross_entropy(logits, targets):
    return (logits.clamp(min=0) - logits * targets + torch.log1p(torch.exp(-logits.abs()))).mean()


def multi_target_loss(output, disease, variety):
    return cross_entropy(output[:, :10], disease) + cross_entropy(output[:, 10:], variety)
