# expect-fail: train_accumulated.matches_reference | zero_grad inside the micro-batch loop
# expect-fail: train_accumulated.steps_on_schedule | zero_grad inside the micro-batch loop
def train_accumulated(model, loss_fn, opt, batches, accum_steps):
    device = next(model.parameters()).device
    losses = []
    for i, (x, y) in enumerate(batches, 1):
        opt.zero_grad()
        loss = loss_fn(model(x.to(device)), y.to(device))
        (loss / accum_steps).backward()
        losses.append(loss.item())
        if i % accum_steps == 0 or i == len(batches):
            opt.step()
    opt.zero_grad()
    return losses
