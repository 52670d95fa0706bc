# expect: full-marks
import numpy as np


def average_user(user_factors, user_bias):
    factors = user_factors.detach().cpu().numpy()
    bias = user_bias.detach().cpu().numpy().ravel()
    return torch.from_numpy(factors.mean(axis=0)), torch.tensor(bias.mean())
