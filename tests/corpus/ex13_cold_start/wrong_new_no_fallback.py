# expect-fail: new_movie_factors.falls_back | the mean of no movies
# expect-pass: new_movie_factors.matches_reference
def new_movie_factors(movie_factors, genres, new_genres):
    return movie_factors[(genres | ~new_genres).all(1)].mean(0)
