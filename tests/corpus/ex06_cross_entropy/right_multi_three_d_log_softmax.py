# expect: full-marks
def multi_target_loss(output, disease, variety):
    log_probs = log_softmax(output.view(len(output), 2, 10))
    targets = torch.stack([disease, variety], dim=1).unsqueeze(-1)
    return -log_probs.gather(2, targets).squeeze(-1).mean(dim=0).sum()
