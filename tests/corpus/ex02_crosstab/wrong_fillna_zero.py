# expect-fail: ratings_crosstab.unrated_is_nan | fillna(0) for unrated
# expect-fail: ratings_crosstab.matches_reference | fillna(0) for unrated
def ratings_crosstab(ratings, user="user", item="movie", rating="rating"):
    return pd.crosstab(ratings[user], ratings[item], values=ratings[rating], aggfunc="mean").fillna(0)
