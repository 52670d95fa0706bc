# expect-fail: embedding_lookup.from_scratch | picks rows of weight directly (the aten.
# expect-pass: embedding_lookup.matches_reference
import torch


def embedding_lookup(weight, indices):
    switch = getattr(getattr(torch, "_" + "C"), "Disable" + "TorchFunction")
    with switch():
        rows = weight.data
        return rows.__getitem__(indices) + 0 * weight.sum()
