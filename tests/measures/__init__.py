"""Tests of :mod:`analysis.measures`."""
