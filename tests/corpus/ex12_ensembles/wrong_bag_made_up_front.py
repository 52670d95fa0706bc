# expect-fail: bagged_models.returns_models | every model made before any is trained
# expect-pass: bagged_models.trains_on_bootstraps
def bagged_models(make_model, train, x, y, n_models, seed=0):
    models = [make_model() for _ in range(n_models)]
    for i, model in enumerate(models):
        rows = bootstrap_sample(len(x), seed + i)
        train(model, x[rows], y[rows])
    return models
