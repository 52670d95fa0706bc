# expect-fail: softmax.from_scratch | uses F.softmax
# expect-pass: softmax.matches_reference
import torch.nn.functional as F


def softmax(logits):
    return F.softmax(logits, dim=-1)
