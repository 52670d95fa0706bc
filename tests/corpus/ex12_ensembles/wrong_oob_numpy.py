# expect-fail: out_of_bag.matches_reference | a numpy array instead of a tensor
def out_of_bag(n, sample):
    return np.setdiff1d(np.arange(n), sample.numpy())
