"""Tests of :mod:`analysis.views`."""
