"""The lesson 7 workbook's grader: property-based checks against trusted references.

Command line: `python -m grader --help`. The engine is `grader.engine`, the specs `grader.specs`.
"""
