# expect-fail: l2_penalty.from_scratch | imports torch.optim
from torch.optim import SGD


def l2_penalty(params, wd):
    group = SGD(params, lr=0.0).param_groups[0]
    return wd * sum((p ** 2).sum() for p in group["params"])
