# expect: full-marks
def bagged_models(make_model, train, x, y, n_models, seed=0):
    # The same draws as bootstrap_sample, written out.
    n = len(x)
    bag = []
    for i in range(n_models):
        model = make_model()
        rows = torch.from_numpy(np.random.default_rng(seed + i).integers(0, n, size=n, dtype=np.int64))
        _ = train(model, x[rows], y[rows])
        bag.append(model)
    return bag
