# expect: full-marks
# torch.optim imported for the learner's own training code beside the exercise: l2_penalty and
# sgd_step never touch it, so their from-scratch points stand.
import torch.optim as optim


def make_optimizer(model):
    return optim.SGD(model.parameters(), lr=0.1)
