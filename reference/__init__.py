"""Trusted oracles: each exercise's public names built on library primitives.

These are deliberately *not* the from-scratch solutions: the grader compares learners with these,
and the project's tests compare `solutions/` with these, so two independent implementations must
agree under hypothesis before any check is trusted.
"""
