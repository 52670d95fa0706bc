# expect: full-marks
# The history as a numpy array [epochs, 2]: one (train_loss, valid_loss) pair of floats per epoch.
import numpy as np


def fit(model, x_train, y_train, x_valid, y_valid, epochs=5, lr=5e-3, wd=0.1, bs=64):
    device = next(model.parameters()).device
    x_train, y_train, x_valid, y_valid = (t.to(device) for t in (x_train, y_train, x_valid, y_valid))
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=wd)
    history = np.zeros((epochs, 2))
    for epoch in range(epochs):
        model.train()
        total = 0.0
        for batch in torch.randperm(len(x_train), device=device).split(bs):
            loss = F.mse_loss(model(x_train[batch]).reshape(-1), y_train[batch])
            opt.zero_grad()
            loss.backward()
            opt.step()
            total += loss.item() * len(batch)
        with torch.no_grad():
            history[epoch] = total / len(x_train), F.mse_loss(model(x_valid).reshape(-1), y_valid).item()
    return history
