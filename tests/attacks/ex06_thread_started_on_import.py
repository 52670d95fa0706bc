# expect: ex06_cross_entropy 17 | was still going
# A worker thread started on import computes torch's BCE for binary_cross_entropy, out of any watch's sight: a thread
# started on import counts against every from-scratch name of the file (5 checks).
import queue
import threading

import torch

_jobs, _results = queue.Queue(), queue.Queue()


def _serve():
    while True:
        logits, targets = _jobs.get()
        _results.put(getattr(torch.nn.functional, "binary_cross_entropy" + "_with_logits")(logits, targets))


threading.Thread(target=_serve, daemon=True).start()


def softmax(logits):
    shifted = logits - logits.amax(dim=-1, keepdim=True)
    return shifted.exp() / shifted.exp().sum(dim=-1, keepdim=True)


def log_softmax(logits):
    shifted = logits - logits.amax(dim=-1, keepdim=True)
    return shifted - shifted.exp().sum(dim=-1, keepdim=True).log()


def cross_entropy(logits, targets):
    return -log_softmax(logits).gather(1, targets.unsqueeze(1)).squeeze(1).mean()


def binary_cross_entropy(logits, targets):
    _jobs.put((logits, targets))
    return _results.get()


def multi_target_loss(output, disease, variety):
    return cross_entropy(output[:, :10], disease) + cross_entropy(output[:, 10:], variety)
