# expect-fail: ensemble_predict.weighted | the weights are ignored
# expect-pass: ensemble_predict.mean
def ensemble_predict(predictions, weights=None):
    return torch.stack(predictions).mean(dim=0)
