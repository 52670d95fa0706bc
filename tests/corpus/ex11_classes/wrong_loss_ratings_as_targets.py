# expect-fail: classes_loss.matches_reference | ratings as cross-entropy targets
def classes_loss(logits, ratings, levels):
    return F.cross_entropy(logits, ratings.long())
