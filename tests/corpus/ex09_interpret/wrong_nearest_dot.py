# expect-fail: nearest_movies.matches_reference | the dot product instead of the cosine
def nearest_movies(factors, index, k=5):
    scores = factors @ factors[index]
    scores[index] = -float("inf")
    return scores.argsort(descending=True)[:k].tolist()
