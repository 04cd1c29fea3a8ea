"""作风建设报告站: records, figures and the yearly report of a county government office."""

__version__ = "0.1.0"
