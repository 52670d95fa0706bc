# expect: full-marks
def bagged_models(make_model, train, x, y, n_models, seed=0):
    models, i = [], 0
    while len(models) < n_models:
        models.append(make_model())
        sample = bootstrap_sample(x.shape[0], seed=seed + i)
        train(models[-1], x.index_select(0, sample), y.index_select(0, sample))
        i += 1
    return models
