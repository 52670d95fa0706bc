# expect: full-marks
def ensemble_predict(predictions, weights=None):
    if not len(predictions):
        raise ValueError("nothing to average")
    if len({tuple(p.shape) for p in predictions}) != 1:
        raise ValueError("shapes differ")
    if weights is not None:
        weights = np.asarray(weights, dtype=np.float64)
        if weights.shape != (len(predictions),) or (weights < 0).any() or weights.sum() == 0:
            raise ValueError("bad weights")
    stacked = np.stack([p.detach().numpy() for p in predictions])
    return torch.from_numpy(np.average(stacked, axis=0, weights=weights))
