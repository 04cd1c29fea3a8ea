"""作风建设报告站: records, figures and the yearly report of a county government office."""

from __future__ import annotations

__version__ = "0.1.0"


def installed_version() -> str:
    """The installed distribution's version (its metadata), else the source tree's."""
    from importlib import metadata

    try:
        return metadata.version("zuofeng")
    except metadata.PackageNotFoundError:
        return __version__
