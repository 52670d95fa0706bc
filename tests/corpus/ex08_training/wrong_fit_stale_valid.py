# expect-fail: fit.reports_valid_mse | the model's MSE on x_valid
# expect-pass: fit.loss_falls
def fit(model, x_train, y_train, x_valid, y_valid, epochs=5, lr=5e-3, wd=0.1, bs=64):
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=wd)
    history = []
    for _ in range(epochs):
        with torch.no_grad():  # measured before the epoch trains, so always one epoch behind
            valid_loss = F.mse_loss(model(x_valid), y_valid).item()
        total = 0.0
        for batch in torch.randperm(len(x_train)).split(bs):
            loss = F.mse_loss(model(x_train[batch]), y_train[batch])
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item() * len(batch)
        history.append((total / len(x_train), valid_loss))
    return history
