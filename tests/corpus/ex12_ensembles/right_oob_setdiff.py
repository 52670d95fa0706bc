# expect: full-marks
def out_of_bag(n, sample):
    return torch.from_numpy(np.setdiff1d(np.arange(n), sample.numpy()))
