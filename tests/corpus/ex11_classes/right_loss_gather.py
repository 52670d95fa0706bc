# expect: full-marks
def classes_loss(logits, ratings, levels):
    targets = rating_to_class(ratings, levels)
    return -logits.log_softmax(dim=-1).gather(1, targets.unsqueeze(1)).mean()
