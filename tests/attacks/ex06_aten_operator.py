# expect: ex06_cross_entropy 21 | reached torch's softmax (the aten._softmax operator)
# torch's softmax operator called through a name assembled at run time, past the function mode.
import torch


def softmax(logits):
    operators = getattr(getattr(torch, "op" + "s"), "aten")
    with getattr(torch, "_" + "C").DisableTorchFunction():
        return getattr(operators, "_soft" + "max")(logits, -1, False)


def log_softmax(logits):
    shifted = logits - logits.amax(dim=-1, keepdim=True)
    return shifted - shifted.exp().sum(dim=-1, keepdim=True).log()


def cross_entropy(logits, targets):
    return -log_softmax(logits).gather(1, targets.unsqueeze(1)).squeeze(1).mean()


def binary_cross_entropy(logits, targets):
    return (logits.clamp(min=0) - logits * targets + torch.log1p(torch.exp(-logits.abs()))).mean()


def multi_target_loss(output, disease, variety):
    return cross_entropy(output[:, :10], disease) + cross_entropy(output[:, 10:], variety)
