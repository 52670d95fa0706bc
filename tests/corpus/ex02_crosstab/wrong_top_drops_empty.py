# expect-fail: top_crosstab.keeps_empty | dropping empty rows or columns
def top_crosstab(ratings, n_users=15, n_items=15, user="user", item="movie", rating="rating"):
    def most(ids, n):
        counts = ids.groupby(ids).size().sort_values(ascending=False, kind="stable")
        return list(counts.index[:n])
    users, items = most(ratings[user], n_users), most(ratings[item], n_items)
    inside = ratings[ratings[user].isin(users) & ratings[item].isin(items)]
    return inside.pivot_table(index=user, columns=item, values=rating)
