# expect-fail: fold_in_user.matches_reference | no ridge penalty
# expect-fail: fold_in_user.few_ratings | no ridge penalty
def fold_in_user(movie_factors, movie_bias, movies, ratings, wd=0.1, y_range=(0, 5.5)):
    low, high = y_range
    q = movie_factors.detach().double()[movies]
    t = torch.logit((ratings.double() - low) / (high - low)) - movie_bias.detach().double().flatten()[movies]
    a = torch.cat([q, torch.ones(len(q), 1, dtype=torch.double)], 1)
    theta = torch.linalg.pinv(a) @ t
    return theta[:-1], theta[-1]
