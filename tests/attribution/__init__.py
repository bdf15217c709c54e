"""Tests of :mod:`analysis.attribution`."""
