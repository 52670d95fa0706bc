# expect-fail: rmse.matches_reference | a sum instead of a mean
def rmse(preds, targets):
    return torch.sqrt(((preds.view(-1) - targets.view(-1)) ** 2).sum())
