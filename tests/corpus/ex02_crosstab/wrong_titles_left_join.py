# expect-fail: with_titles.drops_untitled | a left join
def with_titles(ratings, movies, item="movie", title="title"):
    return ratings.merge(movies[[item, title]], on=item, how="left")
