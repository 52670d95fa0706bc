# expect: full-marks
def expected_rating(logits, levels):
    e = (logits - logits.max(dim=-1, keepdim=True).values).exp()
    return (e / e.sum(dim=-1, keepdim=True)) @ levels
