# expect: full-marks
def ensemble_predict(predictions, weights=None):
    if len(predictions) == 0 or any(p.shape != predictions[0].shape for p in predictions):
        raise ValueError("predictions: a non-empty list of tensors of one shape")
    w = torch.ones(len(predictions)) if weights is None else torch.as_tensor(weights, dtype=torch.float32)
    if w.shape != (len(predictions),) or (w < 0).any() or w.sum() <= 0:
        raise ValueError("weights: one non-negative number per prediction, not all zero")
    return torch.tensordot(w / w.sum(), torch.stack(predictions), dims=1)
