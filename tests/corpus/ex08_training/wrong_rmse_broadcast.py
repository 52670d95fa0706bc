# expect-fail: rmse.column_predictions | [N, 1] minus [N] broadcast to [N, N]
# expect-pass: rmse.matches_reference
def rmse(preds, targets):
    return ((preds - targets) ** 2).mean().sqrt()
