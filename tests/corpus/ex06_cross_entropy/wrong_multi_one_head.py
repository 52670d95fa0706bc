# expect-fail: multi_target_loss.matches_reference | only one head's loss
def multi_target_loss(output, disease, variety):
    return cross_entropy(output[:, :10], disease)
