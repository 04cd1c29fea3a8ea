"""The `zuofeng` command line."""
