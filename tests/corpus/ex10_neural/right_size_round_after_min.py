# expect: full-marks
def emb_sz_rule(n):
    return round(min(600.0, 1.6 * n ** 0.56))
