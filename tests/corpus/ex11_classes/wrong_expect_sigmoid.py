# expect-fail: expected_rating.matches_reference | sigmoid instead of softmax
def expected_rating(logits, levels):
    return (torch.sigmoid(logits) * levels).sum(-1)
