# expect-fail: with_titles.matches_reference | rows came back
def with_titles(ratings, movies, item="movie", title="title"):
    return ratings.merge(movies[[item, title]], on=item).drop_duplicates()
