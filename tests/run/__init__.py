"""Tests of :mod:`analysis.run`."""
