# expect: full-marks
def with_titles(ratings, movies, item="movie", title="title"):
    return ratings.join(movies.set_index(item)[title], on=item, how="inner")
