# expect: full-marks
def fit(model, x_train, y_train, x_valid, y_valid, epochs=5, lr=5e-3, wd=0.1, bs=64):
    """Adam at a constant rate, with weight decay written as fastbook's L2 term in the loss."""
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    history = []
    for epoch in range(epochs):
        seen, total = 0, 0.0
        shuffled = torch.randperm(len(x_train))
        for start in range(0, len(x_train), bs):
            rows = shuffled[start:start + bs]
            xb, yb = x_train[rows], y_train[rows]
            mse = ((model(xb) - yb) ** 2).mean()
            penalty = sum((p ** 2).sum() for p in model.parameters())
            opt.zero_grad()
            (mse + wd * penalty).backward()
            opt.step()
            total += mse.item() * len(xb)
            seen += len(xb)
        with torch.no_grad():
            valid_loss = ((model(x_valid) - y_valid) ** 2).mean().item()
        history.append((total / seen, valid_loss))
    return history
