# expect: full-marks
def expected_rating(logits, levels):
    return (F.softmax(logits, dim=1) * levels).sum(dim=1)
