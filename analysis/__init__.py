"""newsprism analysis package."""
