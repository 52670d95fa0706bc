# expect-fail: bagged_models.trains_on_bootstraps | the same seed for every model
# expect-pass: bagged_models.returns_models
def bagged_models(make_model, train, x, y, n_models, seed=0):
    models = []
    for _ in range(n_models):
        model = make_model()
        rows = bootstrap_sample(len(x), seed)
        train(model, x[rows], y[rows])
        models.append(model)
    return models
