# expect-fail: with_titles.matches_reference | missing column
def with_titles(ratings, movies, item="movie", title="title"):
    return ratings.merge(movies[[item, title]], on=item)[[item, title]]
