# expect: full-marks
def average_user(user_factors, user_bias):
    with torch.no_grad():
        return user_factors.mean(0), user_bias.mean()
