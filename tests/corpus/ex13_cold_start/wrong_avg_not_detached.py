# expect-fail: average_user.embedding_weights | results that still require grad
# expect-pass: average_user.matches_reference
def average_user(user_factors, user_bias):
    return user_factors.mean(dim=0), user_bias.flatten().mean()
