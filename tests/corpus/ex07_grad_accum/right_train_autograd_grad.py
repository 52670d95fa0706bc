# expect: full-marks
def train_accumulated(model, loss_fn, opt, batches, accum_steps):
    device = next(model.parameters()).device
    params = [p for p in model.parameters()]
    losses, pending, summed = [], 0, None
    for x, y in batches:
        loss = loss_fn(model(x.to(device)), y.to(device))
        grads = torch.autograd.grad(loss / accum_steps, params)
        summed = grads if summed is None else [a + b for a, b in zip(summed, grads)]
        losses.append(loss.item())
        pending += 1
        if pending == accum_steps:
            for p, g in zip(params, summed):
                p.grad = g
            opt.step()
            opt.zero_grad()
            pending, summed = 0, None
    if pending:
        for p, g in zip(params, summed):
            p.grad = g
        opt.step()
        opt.zero_grad()
    return losses
