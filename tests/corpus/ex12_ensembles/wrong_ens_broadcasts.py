# expect-fail: ensemble_predict.rejects_bad_predictions | broadcasting hides a shape mismatch
# expect-pass: ensemble_predict.mean
def ensemble_predict(predictions, weights=None):
    if len(predictions) == 0:
        raise ValueError("no predictions")
    if weights is None:
        weights = [1.0] * len(predictions)
    if len(weights) != len(predictions) or min(weights) < 0 or sum(weights) == 0:
        raise ValueError("bad weights")
    return sum(w * p for w, p in zip(weights, predictions)) / sum(weights)
