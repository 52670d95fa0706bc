# expect-fail: rating_to_class.matches_reference | rating_to_class(
def rating_to_class(ratings, levels):
    return (ratings * 2 - 1).long()
