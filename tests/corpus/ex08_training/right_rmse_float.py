# expect: full-marks
import math


def rmse(preds, targets):
    squared = (preds.flatten().double() - targets.flatten().double()) ** 2
    return math.sqrt(squared.mean().item())
