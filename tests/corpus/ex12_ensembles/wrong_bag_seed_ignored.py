# expect-fail: bagged_models.trains_on_bootstraps | the seed argument not added
# expect-pass: bagged_models.returns_models
def bagged_models(make_model, train, x, y, n_models, seed=0):
    models = []
    for i in range(n_models):
        model = make_model()
        rows = bootstrap_sample(len(x), i)
        train(model, x[rows], y[rows])
        models.append(model)
    return models
