# expect-fail: accumulate_gradients.matches_full_batch | zeroing a .grad that is None
# expect-pass: accumulate_gradients.clears_stale_grads
def accumulate_gradients(model, loss_fn, xb, yb, accum_steps):
    device = next(model.parameters()).device
    for p in model.parameters():
        p.grad.zero_()
    n, total = len(xb), 0.0
    for x, y in zip(xb.tensor_split(accum_steps), yb.tensor_split(accum_steps)):
        loss = loss_fn(model(x.to(device)), y.to(device)) * len(x) / n
        loss.backward()
        total += loss.item()
    return total
