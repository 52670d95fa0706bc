# expect-fail: new_movie_factors.matches_reference | the mean of all movies every time
# expect-pass: new_movie_factors.falls_back
def new_movie_factors(movie_factors, genres, new_genres):
    return movie_factors.mean(dim=0)
