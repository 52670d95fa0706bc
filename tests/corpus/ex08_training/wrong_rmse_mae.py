# expect-fail: rmse.matches_reference | the mean absolute error
def rmse(preds, targets):
    return (preds.flatten() - targets.flatten()).abs().mean()
