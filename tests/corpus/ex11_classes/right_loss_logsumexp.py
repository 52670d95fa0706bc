# expect: full-marks
def classes_loss(logits, ratings, levels):
    targets = rating_to_class(ratings, levels)
    picked = logits[torch.arange(len(logits)), targets]
    return (torch.logsumexp(logits, dim=1) - picked).mean()
