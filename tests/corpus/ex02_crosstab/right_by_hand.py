# expect: full-marks
import math


def ratings_crosstab(ratings, user="user", item="movie", rating="rating"):
    sums, counts = {}, {}
    for u, i, r in zip(ratings[user], ratings[item], ratings[rating]):
        sums[u, i] = sums.get((u, i), 0.0) + r
        counts[u, i] = counts.get((u, i), 0) + 1
    users, items = sorted(set(ratings[user])), sorted(set(ratings[item]))
    rows = [[sums[u, i] / counts[u, i] if (u, i) in sums else math.nan for i in items] for u in users]
    return pd.DataFrame(rows, index=pd.Index(users, name=user), columns=pd.Index(items, name=item))
