# expect: ex05_weight_decay 13 | reached torch.optim
# torch.optim's SGD update run in a thread that sgd_step starts, its module named at run time: only
# sgd_step.from_scratch is lost.
import importlib
import threading

import torch


def l2_penalty(params, wd):
    return wd * sum(((p ** 2).sum() for p in params), torch.zeros(()))


def l2_penalty_grad(param, wd):
    return 2 * wd * param.detach()


def sgd_step(params, lr, wd=0.0):
    params = [p for p in params if p.grad is not None]

    def step():
        update = getattr(importlib.import_module("torch." + "optim.sgd"), "s" + "gd")
        with torch.no_grad():
            update(params, [p.grad for p in params], [None] * len(params), weight_decay=wd, momentum=0.0, lr=lr,
                   dampening=0.0, nesterov=False, maximize=False)

    worker = threading.Thread(target=step)
    worker.start()
    worker.join()
