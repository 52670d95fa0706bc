# expect-fail: expected_rating.matches_reference | softmax over the wrong dimension
def expected_rating(logits, levels):
    return logits.softmax(dim=0) @ levels
