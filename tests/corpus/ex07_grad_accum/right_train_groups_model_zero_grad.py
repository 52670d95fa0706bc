# expect: full-marks
def train_accumulated(model, loss_fn, opt, batches, accum_steps):
    device = next(model.parameters()).device
    batches = list(batches)
    losses = []
    for start in range(0, len(batches), accum_steps):
        for x, y in batches[start:start + accum_steps]:
            x, y = x.to(device), y.to(device)
            loss = loss_fn(model(x), y)
            loss.div(accum_steps).backward()
            losses.append(float(loss.detach()))
        opt.step()
        model.zero_grad()
    return losses
