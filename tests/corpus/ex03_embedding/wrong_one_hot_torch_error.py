# expect-fail: one_hot.rejects_out_of_range | torch's RuntimeError instead of ValueError
# expect-pass: one_hot.float_dtype
import torch.nn.functional as F


def one_hot(indices, num_classes):
    return F.one_hot(indices, num_classes).float()
