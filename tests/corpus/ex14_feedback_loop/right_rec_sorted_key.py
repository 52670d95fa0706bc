# expect: full-marks
def recommend(scores, seen, k):
    rows = []
    for u in range(seen.shape[0]):
        user_scores = scores[u] if scores.dim() == 2 else scores
        unseen = [i for i in range(seen.shape[1]) if not seen[u, i]]
        if len(unseen) < k:
            raise ValueError(f"user {u} has only {len(unseen)} unseen items")
        unseen.sort(key=lambda i: (-user_scores[i].item(), i))
        rows.append(unseen[:k])
    return torch.tensor(rows, dtype=torch.long).reshape(seen.shape[0], k)
