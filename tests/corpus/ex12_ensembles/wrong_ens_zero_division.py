# expect-fail: ensemble_predict.rejects_bad_weights | a ZeroDivisionError instead of ValueError
# expect-pass: ensemble_predict.weighted
def ensemble_predict(predictions, weights=None):
    if not predictions or len({p.shape for p in predictions}) > 1:
        raise ValueError("need predictions of one shape")
    if weights is None:
        weights = [1.0] * len(predictions)
    if len(weights) != len(predictions) or any(w < 0 for w in weights):
        raise ValueError("one non-negative weight per model")
    total = sum(weights)
    return sum(w / total * p for w, p in zip(weights, predictions))
