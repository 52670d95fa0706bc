# expect-fail: out_of_bag.nothing_left | torch.tensor of an empty list
def out_of_bag(n, sample):
    drawn = set(sample.tolist())
    return torch.tensor([i for i in range(n) if i not in drawn])
