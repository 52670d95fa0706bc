# expect-fail: ratings_crosstab.averages_repeats | keeping one of the repeated ratings
def ratings_crosstab(ratings, user="user", item="movie", rating="rating"):
    last = ratings.drop_duplicates([user, item], keep="last")
    return last.pivot(index=user, columns=item, values=rating).astype(float)
