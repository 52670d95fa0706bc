# expect-fail: expected_rating.matches_reference | logits used as probabilities
def expected_rating(logits, levels):
    return logits @ levels
