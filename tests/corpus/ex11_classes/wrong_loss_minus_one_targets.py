# expect-fail: classes_loss.matches_reference | classes_loss(
def classes_loss(logits, ratings, levels):
    return F.cross_entropy(logits, (ratings - levels[0]).long())
