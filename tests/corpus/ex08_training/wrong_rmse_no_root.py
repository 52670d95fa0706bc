# expect-fail: rmse.matches_reference | the square root forgotten
def rmse(preds, targets):
    return ((preds.reshape(-1) - targets.reshape(-1)) ** 2).mean()
