# expect-fail: with_titles.drops_untitled | rows came back
def with_titles(ratings, movies, item="movie", title="title"):
    return ratings.merge(movies[[item, title]], on=item, how="outer")
