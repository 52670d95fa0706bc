# expect-fail: accumulate_gradients.in_micro_batches | the whole batch in one backward pass
# expect-pass: accumulate_gradients.matches_full_batch
# expect-pass: accumulate_gradients.returns_full_batch_loss
def accumulate_gradients(model, loss_fn, xb, yb, accum_steps):
    device = next(model.parameters()).device
    model.zero_grad()
    loss = loss_fn(model(xb.to(device)), yb.to(device))
    loss.backward()
    return loss.item()
