# expect-fail: fit.loss_falls | stepping uphill
def fit(model, x_train, y_train, x_valid, y_valid, epochs=5, lr=5e-3, wd=0.1, bs=64):
    params = list(model.parameters())
    history = []
    for _ in range(epochs):
        total = 0.0
        for batch in torch.randperm(len(x_train)).split(bs):
            loss = F.mse_loss(model(x_train[batch]), y_train[batch])
            for p in params:
                p.grad = None
            loss.backward()
            with torch.no_grad():
                for p in params:
                    p += lr * 20 * p.grad  # "moving along the gradient"
            total += loss.item() * len(batch)
        with torch.no_grad():
            history.append((total / len(x_train), F.mse_loss(model(x_valid), y_valid).item()))
    return history
