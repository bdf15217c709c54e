"""Tests of :mod:`analysis.compare`."""
