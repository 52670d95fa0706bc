# expect-fail: ratings_crosstab.averages_repeats | counting instead of averaging
def ratings_crosstab(ratings, user="user", item="movie", rating="rating"):
    return pd.crosstab(ratings[user], ratings[item]).astype(float)
