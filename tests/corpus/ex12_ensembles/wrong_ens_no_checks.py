# expect-fail: ensemble_predict.rejects_bad_predictions | torch's own error instead of ValueError
# expect-fail: ensemble_predict.rejects_bad_weights | a negative weight accepted
# expect-pass: ensemble_predict.mean
# expect-pass: ensemble_predict.weighted
def ensemble_predict(predictions, weights=None):
    stacked = torch.stack(predictions)
    if weights is None:
        return stacked.mean(0)
    w = torch.tensor(weights, dtype=stacked.dtype)
    return (w[:, None] * stacked).sum(0) / w.sum()
