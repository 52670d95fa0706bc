# expect-fail: ensemble_predict.weighted | divided by the number of models instead of the sum of the weights
# expect-pass: ensemble_predict.mean
def ensemble_predict(predictions, weights=None):
    if weights is None:
        weights = [1.0] * len(predictions)
    return sum(w * p for w, p in zip(weights, predictions)) / len(predictions)
