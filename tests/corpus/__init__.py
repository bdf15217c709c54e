"""Tests of :mod:`analysis.corpus`."""
