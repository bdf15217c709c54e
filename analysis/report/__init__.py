"""Batch reports: analyse once, run every notebook template through papermill, render HTML and the
index (``runner``).

May import: ``analysis.core``, ``analysis.run``.
"""
