"""Tests of :mod:`analysis.core`."""
