# expect-fail: ratings_crosstab.matches_reference | are named None, expected 'user'
def ratings_crosstab(ratings, user="user", item="movie", rating="rating"):
    sheet = ratings.groupby([user, item])[rating].mean().unstack(item)
    return sheet.rename_axis(index=None, columns=None)
