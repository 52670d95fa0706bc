# expect: full-marks
def accumulate_gradients(model, loss_fn, xb, yb, accum_steps):
    device = next(model.parameters()).device
    xb, yb = xb.to(device), yb.to(device)
    model.zero_grad(set_to_none=False)
    for x, y in zip(torch.tensor_split(xb, accum_steps), torch.tensor_split(yb, accum_steps)):
        summed = loss_fn(model(x), y) * x.shape[0]  # the micro-batch's sum of per-row losses
        (summed / xb.shape[0]).backward()
    with torch.no_grad():
        return float(loss_fn(model(xb), yb))
