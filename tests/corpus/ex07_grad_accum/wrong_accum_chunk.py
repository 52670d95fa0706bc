# expect-fail: accumulate_gradients.in_micro_batches | micro-batch sizes that differ by more than one
# expect-pass: accumulate_gradients.matches_full_batch
def accumulate_gradients(model, loss_fn, xb, yb, accum_steps):
    device = next(model.parameters()).device
    model.zero_grad()
    n, total = len(xb), 0.0
    for x, y in zip(xb.chunk(accum_steps), yb.chunk(accum_steps)):
        loss = loss_fn(model(x.to(device)), y.to(device)) * len(x) / n
        loss.backward()
        total += loss.item()
    return total
