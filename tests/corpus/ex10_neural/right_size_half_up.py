# expect: full-marks
def emb_sz_rule(n: int) -> int:
    size = int(1.6 * n ** 0.56 + 0.5)
    return size if size < 600 else 600
