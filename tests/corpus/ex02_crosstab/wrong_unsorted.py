# expect-fail: ratings_crosstab.matches_reference | axes in order of appearance
def ratings_crosstab(ratings, user="user", item="movie", rating="rating"):
    return ratings.pivot_table(index=user, columns=item, values=rating, aggfunc="mean", sort=False)
