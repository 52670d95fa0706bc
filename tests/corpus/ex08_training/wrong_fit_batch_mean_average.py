# expect-fail: fit.reports_valid_mse | an average of batch means
def fit(model, x_train, y_train, x_valid, y_valid, epochs=5, lr=5e-3, wd=0.1, bs=64):
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=wd)
    history = []
    for _ in range(epochs):
        losses = []
        for batch in torch.randperm(len(x_train)).split(bs):
            loss = F.mse_loss(model(x_train[batch]), y_train[batch])
            opt.zero_grad()
            loss.backward()
            opt.step()
            losses.append(loss.item())
        with torch.no_grad():
            valid = [F.mse_loss(model(xb), yb).item() for xb, yb in zip(x_valid.split(bs), y_valid.split(bs))]
        history.append((sum(losses) / len(losses), sum(valid) / len(valid)))
    return history
