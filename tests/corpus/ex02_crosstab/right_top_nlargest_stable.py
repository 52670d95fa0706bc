# expect: full-marks
def top_crosstab(ratings, n_users=15, n_items=15, user="user", item="movie", rating="rating"):
    def most(ids, n):
        counts = ids.value_counts().sort_index()
        return sorted(counts.sort_values(ascending=False, kind="mergesort").index[:n])
    users, items = most(ratings[user], n_users), most(ratings[item], n_items)
    full = ratings.pivot_table(index=user, columns=item, values=rating, aggfunc="mean")
    return full.reindex(index=users, columns=items).rename_axis(index=user, columns=item)
