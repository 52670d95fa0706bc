# expect-fail: top_crosstab.ties_to_smaller_id | value_counts ties
def top_crosstab(ratings, n_users=15, n_items=15, user="user", item="movie", rating="rating"):
    users = sorted(ratings[user].value_counts().index[:n_users])
    items = sorted(ratings[item].value_counts().index[:n_items])
    inside = ratings[ratings[user].isin(users) & ratings[item].isin(items)]
    return ratings_crosstab(inside, user, item, rating).reindex(
        index=pd.Index(users, name=user), columns=pd.Index(items, name=item))
