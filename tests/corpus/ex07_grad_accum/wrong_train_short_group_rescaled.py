# expect-fail: train_accumulated.matches_reference | the short last group divided by its own size
# expect-pass: train_accumulated.steps_on_schedule
def train_accumulated(model, loss_fn, opt, batches, accum_steps):
    device = next(model.parameters()).device
    batches = list(batches)
    losses = []
    for start in range(0, len(batches), accum_steps):
        group = batches[start:start + accum_steps]
        for x, y in group:
            loss = loss_fn(model(x.to(device)), y.to(device))
            (loss / len(group)).backward()
            losses.append(loss.item())
        opt.step()
        opt.zero_grad()
    return losses
