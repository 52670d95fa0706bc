# expect-fail: rating_to_class.matches_reference | the rating used as its class
def rating_to_class(ratings, levels):
    return ratings.long()
