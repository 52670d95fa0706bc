# expect-fail: multi_target_loss.matches_reference | the two losses averaged, not added
def multi_target_loss(output, disease, variety):
    return cross_entropy(output.reshape(-1, 10), torch.stack([disease, variety], dim=1).reshape(-1))
