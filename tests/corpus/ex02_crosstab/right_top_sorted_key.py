# expect: full-marks
def top_crosstab(ratings, n_users=15, n_items=15, user="user", item="movie", rating="rating"):
    def most(ids, n):
        counts = ids.value_counts()
        return sorted(sorted(counts.index, key=lambda i: (-counts[i], i))[:n])
    users, items = most(ratings[user], n_users), most(ratings[item], n_items)
    sheet = pd.crosstab(ratings[user], ratings[item], values=ratings[rating], aggfunc="mean")
    return sheet.reindex(index=pd.Index(users, name=user), columns=pd.Index(items, name=item))
