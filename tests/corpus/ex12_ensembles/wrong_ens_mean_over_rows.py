# expect-fail: ensemble_predict.mean | one number per model (each model averaged over its rows, as a loss is)
def ensemble_predict(predictions, weights=None):
    if not predictions:
        raise ValueError("no predictions")
    return torch.stack(predictions).mean(1)
