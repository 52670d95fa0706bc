# expect: full-marks
def ratings_crosstab(ratings, user="user", item="movie", rating="rating"):
    return ratings.pivot_table(index=user, columns=item, values=rating)
