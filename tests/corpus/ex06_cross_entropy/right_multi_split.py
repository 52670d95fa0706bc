# expect: full-marks
def multi_target_loss(output, disease, variety):
    disease_scores, variety_scores = output.split(10, dim=1)
    return cross_entropy(disease_scores, disease) + cross_entropy(variety_scores, variety)
