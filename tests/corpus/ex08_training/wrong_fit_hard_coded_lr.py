# expect-fail: fit.respects_lr | the learning rate ignored
def fit(model, x_train, y_train, x_valid, y_valid, epochs=5, lr=5e-3, wd=0.1, bs=64):
    opt = torch.optim.AdamW(model.parameters(), lr=5e-3 if lr < 0.05 else lr, weight_decay=wd)
    history = []
    for _ in range(epochs):
        total = 0.0
        for batch in torch.randperm(len(x_train)).split(bs):
            loss = F.mse_loss(model(x_train[batch]), y_train[batch])
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item() * len(batch)
        with torch.no_grad():
            history.append((total / len(x_train), F.mse_loss(model(x_valid), y_valid).item()))
    return history
