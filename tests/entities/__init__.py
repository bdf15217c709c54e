"""Tests of :mod:`analysis.entities`."""
