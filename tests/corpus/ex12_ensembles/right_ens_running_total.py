# expect: full-marks
def ensemble_predict(predictions, weights=None):
    if not predictions:
        raise ValueError("ensemble_predict() of an empty list")
    weights = [1] * len(predictions) if weights is None else list(weights)
    if len(weights) != len(predictions):
        raise ValueError("one weight per model")
    if any(w < 0 for w in weights):
        raise ValueError("negative weight")
    if sum(weights) == 0:
        raise ValueError("weights sum to zero")
    total = torch.zeros_like(predictions[0])
    for w, p in zip(weights, predictions):
        if p.shape != total.shape:
            raise ValueError("shapes differ")
        total = total + w * p
    return total / sum(weights)
