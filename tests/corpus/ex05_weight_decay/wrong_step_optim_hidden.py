# expect-fail: sgd_step.from_scratch | while running, it reached torch.optim
import importlib


def sgd_step(params, lr, wd=0.0):
    optim = importlib.import_module("torch." + "op" + "tim")
    getattr(optim, "S" + "GD")(params, lr=lr, weight_decay=wd).step()
