# expect-fail: multi_target_loss.from_scratch | switched off torch's function handling
# expect-pass: multi_target_loss.matches_reference
# Both of torch's watch points switched off, and the loss called from C (map): what is left to see is the
# switching itself.
import torch


def multi_target_loss(output, disease, variety):
    internals = getattr(torch, "_" + "C")
    with internals.DisableTorchFunction(), internals._DisableTorchDispatch():
        loss = getattr(torch.nn.functional, "cross_" + "entropy")
        first, second = map(loss, [output[:, :10], output[:, 10:]], [disease, variety])
    return first + second
