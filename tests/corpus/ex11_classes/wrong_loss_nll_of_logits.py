# expect-fail: classes_loss.matches_reference | nll_loss on raw logits
def classes_loss(logits, ratings, levels):
    return F.nll_loss(logits, rating_to_class(ratings, levels))
