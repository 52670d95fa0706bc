# expect-fail: classes_loss.matches_reference | a summed loss
def classes_loss(logits, ratings, levels):
    return F.cross_entropy(logits, rating_to_class(ratings, levels), reduction="sum")
