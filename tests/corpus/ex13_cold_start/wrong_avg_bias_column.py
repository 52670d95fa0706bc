# expect-fail: average_user.embedding_weights | a bias of shape [1]
# expect-pass: average_user.matches_reference
def average_user(user_factors, user_bias):
    return user_factors.detach().mean(0), user_bias.detach().mean(0)
