# expect-fail: bagged_models.returns_models | what train returns instead of the models
# expect-pass: bagged_models.trains_on_bootstraps
def bagged_models(make_model, train, x, y, n_models, seed=0):
    results = []
    for i in range(n_models):
        rows = bootstrap_sample(len(x), seed + i)
        results.append(train(make_model(), x[rows], y[rows]))
    return results
