# expect-fail: rating_to_class.rejects_unknown | an unknown rating silently given a class
def rating_to_class(ratings, levels):
    return (ratings[:, None] == levels[None, :]).int().argmax(dim=1)
