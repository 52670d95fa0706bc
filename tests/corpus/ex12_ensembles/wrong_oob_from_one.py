# expect-fail: out_of_bag.matches_reference | the wrong range of positions
def out_of_bag(n, sample):
    drawn = set(sample.tolist())
    return torch.tensor([i for i in range(1, n) if i not in drawn], dtype=torch.int64)
