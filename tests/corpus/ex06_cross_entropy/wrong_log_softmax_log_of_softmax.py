# expect-fail: log_softmax.stable_for_large_logits | log of softmax underflows
# expect-pass: log_softmax.matches_reference
def log_softmax(logits):
    return softmax(logits).log()
