# expect-fail: bagged_models.trains_on_bootstraps | x and y indexed by different rows
def bagged_models(make_model, train, x, y, n_models, seed=0):
    models = []
    for i in range(n_models):
        model = make_model()
        # Two draws: the targets no longer belong to the inputs beside them.
        train(model, x[bootstrap_sample(len(x), seed + i)], y[bootstrap_sample(len(y), seed + i + n_models)])
        models.append(model)
    return models
