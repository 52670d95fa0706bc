# expect-fail: DotProductBiasScratch.from_scratch | nn.Embedding in the scratch model
class DotProductBiasScratch(DotProductBias):
    pass
