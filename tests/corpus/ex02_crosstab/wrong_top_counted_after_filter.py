# expect-fail: top_crosstab.picks_most_rated | counting after filtering
def top_crosstab(ratings, n_users=15, n_items=15, user="user", item="movie", rating="rating"):
    def most(ids, n):
        counts = ids.groupby(ids).size().sort_values(ascending=False, kind="stable")
        return sorted(counts.index[:n])
    users = most(ratings[user], n_users)
    among = ratings[ratings[user].isin(users)]
    items = most(among[item], n_items)
    inside = among[among[item].isin(items)]
    return ratings_crosstab(inside, user, item, rating).reindex(
        index=pd.Index(users, name=user), columns=pd.Index(items, name=item))
