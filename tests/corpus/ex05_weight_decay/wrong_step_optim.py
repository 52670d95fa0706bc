# expect-fail: sgd_step.from_scratch | torch.optim inside sgd_step
def sgd_step(params, lr, wd=0.0):
    torch.optim.SGD(params, lr=lr, weight_decay=wd).step()
