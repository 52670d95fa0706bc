# expect-fail: l2_penalty.gradient | params walked through twice
# expect-pass: l2_penalty.matches_reference
def l2_penalty(params, wd):
    device = next(iter(params)).device  # a peek at the first parameter, to make the zero on its device
    total = torch.zeros((), device=device)
    for p in params:
        total = total + (p ** 2).sum()
    return wd * total
