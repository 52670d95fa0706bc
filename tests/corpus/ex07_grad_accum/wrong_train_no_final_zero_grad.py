# expect-fail: train_accumulated.steps_on_schedule | no zero_grad after the last step
# expect-pass: train_accumulated.matches_reference
def train_accumulated(model, loss_fn, opt, batches, accum_steps):
    device = next(model.parameters()).device
    losses = []
    for i, (x, y) in enumerate(batches):
        if i % accum_steps == 0:
            opt.zero_grad()
        loss = loss_fn(model(x.to(device)), y.to(device))
        (loss / accum_steps).backward()
        losses.append(loss.item())
        if (i + 1) % accum_steps == 0 or i + 1 == len(batches):
            opt.step()
    return losses
