# expect-fail: new_movie_factors.matches_reference | movies sharing any genre
def new_movie_factors(movie_factors, genres, new_genres):
    alike = (genres & new_genres).any(dim=1)
    if not alike.any():
        return movie_factors.mean(0)
    return movie_factors[alike].mean(0)
