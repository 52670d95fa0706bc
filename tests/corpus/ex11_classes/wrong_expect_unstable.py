# expect-fail: expected_rating.large_logits | exp without subtracting the maximum
# expect-pass: expected_rating.matches_reference
def expected_rating(logits, levels):
    e = logits.exp()
    return (e / e.sum(-1, keepdim=True)) @ levels
