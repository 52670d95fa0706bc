# expect: full-marks
def accumulate_gradients(model, loss_fn, xb, yb, accum_steps):
    device = next(model.parameters()).device
    model.zero_grad()
    total = 0.0
    for x, y in zip(xb.tensor_split(accum_steps), yb.tensor_split(accum_steps)):
        loss = loss_fn(model.forward(x.to(device)), y.to(device)) * (len(x) / len(xb))
        loss.backward()
        total += loss.item()
    return total
