# expect-fail: multi_target_loss.matches_reference | rows instead of columns
def multi_target_loss(output, disease, variety):
    return cross_entropy(output[:10], disease) + cross_entropy(output[10:], variety)
