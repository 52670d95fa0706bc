# expect-fail: ensemble_predict.weighted | weights not scaled to sum to 1
# expect-pass: ensemble_predict.mean
def ensemble_predict(predictions, weights=None):
    if weights is None:
        return torch.stack(predictions).mean(0)
    return sum(w * p for w, p in zip(weights, predictions))
