# expect: full-marks
from torch.utils.data import DataLoader, TensorDataset


def fit(model, x_train, y_train, x_valid, y_valid, epochs=5, lr=5e-3, wd=0.1, bs=64):
    device = next(model.parameters()).device
    loader = DataLoader(TensorDataset(x_train, y_train), batch_size=bs, shuffle=True)
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=wd)
    loss_fn = nn.MSELoss()
    history = []
    for epoch in range(epochs):
        model.train()
        losses, sizes = [], []
        for xb, yb in loader:
            xb, yb = xb.to(device), yb.to(device)
            loss = loss_fn(model(xb), yb)
            loss.backward()
            opt.step()
            opt.zero_grad()
            losses.append(loss.item())
            sizes.append(len(xb))
        model.eval()
        with torch.no_grad():
            # Batches of the validation set, each weighted by its size: the same number as one big batch.
            errors = sum(((model(xb.to(device)) - yb.to(device)) ** 2).sum().item()
                         for xb, yb in zip(x_valid.split(bs), y_valid.split(bs)))
        history.append((sum(l * s for l, s in zip(losses, sizes)) / sum(sizes), errors / len(x_valid)))
    return history
