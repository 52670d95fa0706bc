# expect-fail: classes_loss.matches_reference | MSE of the expected rating
def classes_loss(logits, ratings, levels):
    return F.mse_loss(expected_rating(logits, levels), ratings)
