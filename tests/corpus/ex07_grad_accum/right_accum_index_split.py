# expect: full-marks
def accumulate_gradients(model, loss_fn, xb, yb, accum_steps):
    device = next(model.parameters()).device
    model.zero_grad()
    losses = []
    for idx in torch.arange(len(xb)).tensor_split(accum_steps):
        out = model(xb[idx].to(device))
        loss = loss_fn(out, yb[idx].to(device)) * len(idx) / len(xb)
        loss.backward()
        losses.append(loss.item())
    return float(sum(losses))
