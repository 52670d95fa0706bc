# expect: full-marks
def rmse(preds, targets):
    return torch.sqrt(F.mse_loss(preds.view(-1), targets.view(-1)))
