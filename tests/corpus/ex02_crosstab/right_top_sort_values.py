# expect: full-marks
def top_crosstab(ratings, n_users=15, n_items=15, user="user", item="movie", rating="rating"):
    def most(column, n):
        counts = ratings.groupby(column).size().rename("n").reset_index()
        best = counts.sort_values(["n", column], ascending=[False, True]).head(n)
        return sorted(best[column])
    users, items = most(user, n_users), most(item, n_items)
    inside = ratings[ratings[user].isin(users) & ratings[item].isin(items)]
    means = inside.groupby([user, item])[rating].mean()
    sheet = pd.DataFrame(float("nan"), index=pd.Index(users, name=user), columns=pd.Index(items, name=item))
    for (u, i), r in means.items():
        sheet.loc[u, i] = r
    return sheet
