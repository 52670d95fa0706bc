# expect-fail: rating_to_class.rejects_unknown | an unknown rating silently given a class
# expect-pass: rating_to_class.matches_reference
def rating_to_class(ratings, levels):
    return torch.searchsorted(levels, ratings).clamp(max=len(levels) - 1)
