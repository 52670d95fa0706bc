# expect-fail: log_softmax.from_scratch | reached torch's softmax (the aten._softmax operator)
# expect-pass: log_softmax.matches_reference
# softmin is torch's softmax of -x: the operator underneath is what counts.
import torch.nn.functional as F


def log_softmax(logits):
    return F.softmin(-logits, dim=-1).log().clamp_min(-1e30) if logits.abs().max() < 50 else \
        logits - logits.amax(-1, keepdim=True) - (logits - logits.amax(-1, keepdim=True)).exp().sum(-1, keepdim=True).log()
