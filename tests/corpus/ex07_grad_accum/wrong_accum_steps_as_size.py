# expect-fail: accumulate_gradients.in_micro_batches | accum_steps taken as the micro-batch size
# expect-pass: accumulate_gradients.matches_full_batch
def accumulate_gradients(model, loss_fn, xb, yb, accum_steps):
    device = next(model.parameters()).device
    model.zero_grad()
    n, total = len(xb), 0.0
    for start in range(0, n, accum_steps):
        x, y = xb[start:start + accum_steps].to(device), yb[start:start + accum_steps].to(device)
        loss = loss_fn(model(x), y) * len(x) / n
        loss.backward()
        total += loss.item()
    return total
