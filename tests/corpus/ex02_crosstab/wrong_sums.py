# expect-fail: ratings_crosstab.averages_repeats | summing repeated ratings
# expect-pass: ratings_crosstab.unrated_is_nan
def ratings_crosstab(ratings, user="user", item="movie", rating="rating"):
    return ratings.pivot_table(index=user, columns=item, values=rating, aggfunc="sum")
