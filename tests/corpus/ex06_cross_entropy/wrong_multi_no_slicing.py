# expect-fail: multi_target_loss.matches_reference | both targets scored against all 20 columns
def multi_target_loss(output, disease, variety):
    return cross_entropy(output, disease) + cross_entropy(output, variety)
