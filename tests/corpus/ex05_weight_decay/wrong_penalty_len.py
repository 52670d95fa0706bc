# expect-fail: l2_penalty.gradient | params used as a list
# expect-pass: l2_penalty.matches_reference
def l2_penalty(params, wd):
    total = 0
    for i in range(len(params)):
        total = total + (params[i] ** 2).sum()
    return wd * total
