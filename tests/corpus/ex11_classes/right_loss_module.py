# expect: full-marks
def classes_loss(logits, ratings, levels):
    return nn.CrossEntropyLoss()(logits, rating_to_class(ratings, levels))
