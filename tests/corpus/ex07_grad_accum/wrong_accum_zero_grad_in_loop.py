# expect-fail: accumulate_gradients.matches_full_batch | zero_grad inside the micro-batch loop
def accumulate_gradients(model, loss_fn, xb, yb, accum_steps):
    device = next(model.parameters()).device
    n, total = len(xb), 0.0
    for x, y in zip(xb.tensor_split(accum_steps), yb.tensor_split(accum_steps)):
        model.zero_grad()
        loss = loss_fn(model(x.to(device)), y.to(device)) * len(x) / n
        loss.backward()
        total += loss.item()
    return total
