# expect: full-marks
def fit(model, x_train, y_train, x_valid, y_valid, epochs=5, lr=5e-3, wd=0.1, bs=64):
    opt = torch.optim.Adam(model.parameters(), lr=lr)
    history = []
    for _ in range(epochs):
        order = torch.randperm(len(x_train))
        total = 0.0
        for i in range(0, len(order), bs):
            batch = order[i:i + bs]
            with torch.no_grad():  # decoupled weight decay, as AdamW and fastai do it
                for p in model.parameters():
                    p.mul_(1 - lr * wd)
            loss = F.mse_loss(model(x_train[batch]).view(-1), y_train[batch].float())
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += float(loss) * len(batch)
        with torch.no_grad():
            history.append((total / len(order), float(F.mse_loss(model(x_valid).view(-1), y_valid.float()))))
    return history
