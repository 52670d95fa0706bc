# expect-fail: new_movie_factors.matches_reference | the sum instead of the mean
def new_movie_factors(movie_factors, genres, new_genres):
    covers = (genres | ~new_genres).all(1)
    if not covers.any():
        covers[:] = True
    return movie_factors[covers].sum(0)
