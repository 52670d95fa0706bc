# expect-fail: new_movie_factors.matches_reference | the inclusion the wrong way round
def new_movie_factors(movie_factors, genres, new_genres):
    inside = (new_genres | ~genres).all(1)
    return movie_factors[inside].mean(0) if inside.any() else movie_factors.mean(0)
