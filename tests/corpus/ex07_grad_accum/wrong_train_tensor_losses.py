# expect-fail: train_accumulated.returns_unscaled_losses | tensors instead of floats
# expect-pass: train_accumulated.matches_reference
def train_accumulated(model, loss_fn, opt, batches, accum_steps):
    device = next(model.parameters()).device
    losses = []
    for i, (x, y) in enumerate(batches, 1):
        loss = loss_fn(model(x.to(device)), y.to(device))
        (loss / accum_steps).backward()
        losses.append(loss.detach())
        if i % accum_steps == 0 or i == len(batches):
            opt.step()
            opt.zero_grad()
    return losses
