# expect-fail: out_of_bag.matches_reference | a mask instead of positions
def out_of_bag(n, sample):
    drawn = torch.zeros(n, dtype=torch.bool)
    drawn[sample] = True
    return ~drawn
