# expect: full-marks
def accumulate_gradients(model, loss_fn, xb, yb, accum_steps):
    device = next(model.parameters()).device
    for p in model.parameters():
        p.grad = None
    n = xb.shape[0]
    base, extra = divmod(n, accum_steps)
    start, total = 0, 0.0
    for i in range(accum_steps):
        size = base + (1 if i < extra else 0)
        x = xb[start:start + size].to(device)
        y = yb[start:start + size].to(device)
        start += size
        loss = loss_fn(model(x), y)
        (loss * (size / n)).backward()
        total += loss.item() * size / n
    return total
