# expect: full-marks
def _member(make_model, train, x, y, seed):
    model = make_model()
    rows = bootstrap_sample(len(x), seed)
    train(model, x[rows], y[rows])
    return model


def bagged_models(make_model, train, x, y, n_models, seed=0):
    return [_member(make_model, train, x, y, seed + i) for i in range(n_models)]
