# expect-fail: multi_target_loss.from_scratch | uses F.cross_entropy
# expect-pass: multi_target_loss.matches_reference
import torch.nn.functional as F


def multi_target_loss(output, disease, variety):
    return F.cross_entropy(output[:, :10], disease) + F.cross_entropy(output[:, 10:], variety)
