# expect-fail: softmax.from_scratch | switched off torch's function handling
# expect-pass: softmax.matches_reference
# torch's softmax inside DisableTorchFunction, reached by a computed getattr: torch's dispatcher still sees it.
import torch


def softmax(logits):
    with getattr(torch, "_" + "C").DisableTorchFunction():
        return getattr(logits, "soft" + "max")(-1)
