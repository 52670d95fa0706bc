"""The from-scratch rules (DESIGN's table of what a name must not use), and how they are held.

- `rules`: the rules as data, read by both halves below, so the two never disagree;
- `source`: the source half, reading the learner's code (never running it) for what it names;
- `runtime`: the runtime half, watching what learner code reaches while it runs (in the worker);
- `check`: the property every `<name>.from_scratch` check shares: neither half found anything.
"""
