# expect-fail: fit.reports_valid_mse | training loss reported as validation loss
def fit(model, x_train, y_train, x_valid, y_valid, epochs=5, lr=5e-3, wd=0.1, bs=64):
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=wd)
    history = []
    for _ in range(epochs):
        for batch in torch.randperm(len(x_train)).split(bs):
            loss = F.mse_loss(model(x_train[batch]), y_train[batch])
            opt.zero_grad()
            loss.backward()
            opt.step()
        with torch.no_grad():
            train_loss = F.mse_loss(model(x_train), y_train).item()
        history.append((train_loss, train_loss))
    return history
