# expect: full-marks
def ratings_crosstab(ratings, user="user", item="movie", rating="rating"):
    return pd.crosstab(ratings[user], ratings[item], values=ratings[rating], aggfunc="mean")
