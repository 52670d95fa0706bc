# expect-fail: accumulate_gradients.returns_full_batch_loss | micro-batch losses added without weights
def accumulate_gradients(model, loss_fn, xb, yb, accum_steps):
    device = next(model.parameters()).device
    model.zero_grad()
    n, total = len(xb), 0.0
    for x, y in zip(xb.tensor_split(accum_steps), yb.tensor_split(accum_steps)):
        loss = loss_fn(model(x.to(device)), y.to(device))
        (loss * len(x) / n).backward()
        total += loss.item()
    return total
