"""The yearly report: its pages, the macros that compute its figures, the one renderer, the final check."""
