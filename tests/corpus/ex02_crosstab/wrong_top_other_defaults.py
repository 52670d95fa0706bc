# expect-fail: top_crosstab.default_size | top_crosstab
# expect-pass: top_crosstab.matches_reference
def top_crosstab(ratings, n_users=10, n_items=20, user="user", item="movie", rating="rating"):
    def most(ids, n):
        counts = ids.groupby(ids).size().sort_values(ascending=False, kind="stable")
        return sorted(counts.index[:n])
    users, items = most(ratings[user], n_users), most(ratings[item], n_items)
    inside = ratings[ratings[user].isin(users) & ratings[item].isin(items)]
    return ratings_crosstab(inside, user, item, rating).reindex(
        index=pd.Index(users, name=user), columns=pd.Index(items, name=item))
