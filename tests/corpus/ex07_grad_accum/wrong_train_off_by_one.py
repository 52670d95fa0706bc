# expect-fail: train_accumulated.steps_on_schedule | opt.step() after micro-batches 1
def train_accumulated(model, loss_fn, opt, batches, accum_steps):
    device = next(model.parameters()).device
    losses = []
    for i, (x, y) in enumerate(batches):
        loss = loss_fn(model(x.to(device)), y.to(device))
        (loss / accum_steps).backward()
        losses.append(loss.item())
        if i % accum_steps == 0:
            opt.step()
            opt.zero_grad()
    return losses
