# expect-fail: accumulate_gradients.matches_full_batch | stepping inside accumulate_gradients
def accumulate_gradients(model, loss_fn, xb, yb, accum_steps):
    device = next(model.parameters()).device
    model.zero_grad()
    n, total = len(xb), 0.0
    for x, y in zip(xb.tensor_split(accum_steps), yb.tensor_split(accum_steps)):
        loss = loss_fn(model(x.to(device)), y.to(device)) * len(x) / n
        loss.backward()
        total += loss.item()
    with torch.no_grad():
        for p in model.parameters():
            p -= 0.1 * p.grad
    return total
