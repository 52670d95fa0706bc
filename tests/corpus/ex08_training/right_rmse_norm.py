# expect: full-marks
def rmse(preds, targets):
    diff = preds.reshape(targets.shape) - targets
    return torch.linalg.vector_norm(diff) / diff.numel() ** 0.5
