"""The built-in scaffold: package data text files with a few @NAME@ placeholders, filled by str.replace."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Iterator, Mapping

from zuofeng import __version__

# The example county's name in files shared with this repository (guide, CI examples).
EXAMPLE_COUNTY = "示例县"
# A name part starting with this stands for a dot file (globs and wheels skip hidden files).
DOT_PREFIX = "dot-"
# Folders whose files are copied byte for byte (vendored scripts, styles).
VERBATIM = ("docs/assets/",)


@dataclass(frozen=True)
class Names:
    """What the scaffold's placeholders are filled with."""

    county: str
    office: str
    year: int

    @property
    def issuer(self) -> str:
        return f"中共{self.county}人民政府党组"

    def replacements(self) -> Mapping[str, str]:
        return {"@COUNTY@": self.county, "@OFFICE@": self.office, "@YEAR@": str(self.year),
                "@VERSION@": __version__, "@ISSUER@": self.issuer, EXAMPLE_COUNTY: self.county}


def scaffold_root() -> Traversable:
    """The scaffold folder inside the installed package."""
    return resources.files("zuofeng") / "data" / "init"


def walk(folder: Traversable, prefix: str = "") -> Iterator[tuple[str, Traversable]]:
    """Every file below folder as (relative path with dot names restored, resource), in sorted order."""
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name == "__pycache__":
            continue
        name = "." + entry.name[len(DOT_PREFIX):] if entry.name.startswith(DOT_PREFIX) else entry.name
        if entry.is_dir():
            yield from walk(entry, f"{prefix}{name}/")
        else:
            yield f"{prefix}{name}", entry


def fill(relative: str, data: bytes, names: Names) -> bytes:
    """A scaffold file's content with its placeholders filled (vendored files untouched)."""
    if relative.startswith(VERBATIM):
        return data
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return data
    for placeholder, value in names.replacements().items():
        text = text.replace(placeholder, value)
    return text.encode("utf-8")
