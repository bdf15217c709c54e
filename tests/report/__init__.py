"""Tests of :mod:`analysis.report`."""
