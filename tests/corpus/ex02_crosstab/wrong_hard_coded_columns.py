# expect-fail: ratings_crosstab.column_names | hard-coded column names
# expect-pass: ratings_crosstab.matches_reference
def ratings_crosstab(ratings, user="user", item="movie", rating="rating"):
    return ratings.groupby(["user", "movie"])["rating"].mean().unstack("movie")
