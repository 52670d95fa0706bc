# expect-fail: bagged_models.trains_on_bootstraps | every model trained on all the rows
# expect-pass: bagged_models.returns_models
def bagged_models(make_model, train, x, y, n_models, seed=0):
    models = []
    for _ in range(n_models):
        model = make_model()
        train(model, x, y)
        models.append(model)
    return models
