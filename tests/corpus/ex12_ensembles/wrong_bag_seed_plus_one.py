# expect-fail: bagged_models.trains_on_bootstraps | seeds counted from seed + 1
# expect-pass: bagged_models.returns_models
def bagged_models(make_model, train, x, y, n_models, seed=0):
    models = []
    for i in range(1, n_models + 1):
        model = make_model()
        rows = bootstrap_sample(len(x), seed + i)
        train(model, x[rows], y[rows])
        models.append(model)
    return models
