# expect-fail: bagged_models.trains_on_bootstraps | one model trained again and again
# expect-fail: bagged_models.returns_models | one model trained again and again
def bagged_models(make_model, train, x, y, n_models, seed=0):
    model = make_model()
    models = []
    for i in range(n_models):
        rows = bootstrap_sample(len(x), seed + i)
        train(model, x[rows], y[rows])
        models.append(model)
    return models
