# expect-fail: with_titles.matches_reference | rows came back
def with_titles(ratings, movies, item="movie", title="title"):
    return ratings.join(movies[[title]], on=item, how="inner")
