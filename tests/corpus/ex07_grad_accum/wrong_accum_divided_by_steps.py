# expect-fail: accumulate_gradients.matches_full_batch | micro-batches of different sizes weighted equally
# expect-fail: accumulate_gradients.returns_full_batch_loss | micro-batches of different sizes weighted equally
def accumulate_gradients(model, loss_fn, xb, yb, accum_steps):
    device = next(model.parameters()).device
    model.zero_grad()
    total = 0.0
    for x, y in zip(xb.tensor_split(accum_steps), yb.tensor_split(accum_steps)):
        loss = loss_fn(model(x.to(device)), y.to(device)) / accum_steps
        loss.backward()
        total += loss.item()
    return total
