# expect: full-marks
def train_accumulated(model, loss_fn, opt, batches, accum_steps):
    device = next(model.parameters()).device
    opt.zero_grad(set_to_none=False)
    losses, count = [], 0
    for x, y in batches:
        loss = loss_fn(model(x.to(device)), y.to(device))
        scaled = loss / accum_steps
        scaled.backward()
        losses.append(loss.detach().cpu().item())
        count += 1
        if count % accum_steps == 0:
            opt.step()
            opt.zero_grad(set_to_none=False)
    if count % accum_steps:
        opt.step()
        opt.zero_grad(set_to_none=False)
    return losses
