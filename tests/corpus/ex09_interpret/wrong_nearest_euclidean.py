# expect-fail: nearest_movies.matches_reference | Euclidean distance instead of cosine similarity
def nearest_movies(factors, index, k=5):
    distance = (factors - factors[index]).norm(dim=1)
    distance[index] = float("inf")
    return distance.argsort()[:k].tolist()
