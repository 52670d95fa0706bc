# expect-fail: average_user.matches_reference | the mean over each user's factors
def average_user(user_factors, user_bias):
    return user_factors.detach().mean(1), user_bias.detach().mean()
