# expect: full-marks
def average_user(user_factors, user_bias):
    n = user_factors.shape[0]
    return user_factors.data.sum(dim=0) / n, user_bias.data.view(-1).sum() / n
