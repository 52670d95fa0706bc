# expect: full-marks
def rating_to_class(ratings, levels):
    position = {float(level): i for i, level in enumerate(levels.tolist())}
    try:
        return torch.tensor([position[float(r)] for r in ratings.tolist()], dtype=torch.long)
    except KeyError as e:
        raise ValueError(f"rating {e.args[0]} is not a level") from None
