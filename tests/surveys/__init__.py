"""Tests of network surveys (issue #13)."""
