# expect-fail: average_user.matches_reference | the sum instead of the mean
def average_user(user_factors, user_bias):
    return user_factors.detach().sum(0), user_bias.detach().sum()
