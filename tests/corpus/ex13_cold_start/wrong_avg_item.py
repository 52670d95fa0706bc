# expect-fail: average_user.matches_reference | a Python float instead of a tensor
def average_user(user_factors, user_bias):
    return user_factors.detach().mean(0), user_bias.detach().mean().item()
