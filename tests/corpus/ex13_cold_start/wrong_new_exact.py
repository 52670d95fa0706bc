# expect-fail: new_movie_factors.matches_reference | movies with exactly the same genres
def new_movie_factors(movie_factors, genres, new_genres):
    same = (genres == new_genres).all(dim=1)
    return movie_factors[same].mean(0) if same.any() else movie_factors.mean(0)
