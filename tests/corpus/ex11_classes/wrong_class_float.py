# expect-fail: rating_to_class.matches_reference | float class indices
def rating_to_class(ratings, levels):
    matches = ratings.unsqueeze(-1) == levels
    if not matches.any(-1).all():
        raise ValueError("unknown rating")
    return matches.float().argmax(-1).float()
