# expect-fail: with_titles.custom_columns | hard-coded column names
# expect-pass: with_titles.matches_reference
def with_titles(ratings, movies, item="movie", title="title"):
    return ratings.merge(movies[["movie", "title"]], on="movie")
