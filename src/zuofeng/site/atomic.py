"""Every build writes into a sibling of site_dir and swaps it in only once it has succeeded.

MkDocs empties site_dir first and writes page by page: a build killed or failing half-way
left a half site in place of the good one. Done in the plugin, the swap covers every way a
build starts (`make build`, `mkdocs build --strict`, mike, `mkdocs serve`, publish's builds).
"""

from __future__ import annotations

import logging
import os
import shutil
from pathlib import Path

from mkdocs.utils import CountHandler

_BUILDING = ".building-"
_OLD = ".old-"


class SiteSwap:
    """One build's temporary site folder and the folder it replaces when the build succeeds."""

    def __init__(self, final: Path, strict: bool) -> None:
        self.final = final
        self.temp = final.with_name(f"{final.name}{_BUILDING}{os.getpid()}")
        # Strict mode turns warnings into an abort after the last post_build: count them the same way.
        self._warnings = CountHandler(level=logging.WARNING) if strict else None

    @classmethod
    def start(cls, site_dir: str, strict: bool) -> SiteSwap:
        """Clear what killed builds left beside site_dir and make this build's empty folder."""
        swap = cls(Path(site_dir), strict)
        _sweep(swap.final)
        shutil.rmtree(swap.temp, ignore_errors=True)
        swap.temp.mkdir(parents=True)
        if swap._warnings is not None:
            logging.getLogger("mkdocs").addHandler(swap._warnings)
        return swap

    def finish(self) -> bool:
        """Put the new site in place (unless strict mode saw a warning); True when it was swapped in."""
        self._detach()
        if self._warnings is not None and self._warnings.get_counts():
            self.discard()
            return False
        _keep_hidden(self.final, self.temp)
        old = self.final.with_name(f"{self.final.name}{_OLD}{os.getpid()}")
        try:
            if self.final.exists():
                os.rename(self.final, old)
        except OSError:
            # site_dir itself cannot move (a mount point, a folder held open): refill it in place.
            _refill(self.final, self.temp)
            return True
        os.rename(self.temp, self.final)
        shutil.rmtree(old, ignore_errors=True)
        return True

    def discard(self) -> None:
        """Remove this build's folder; site_dir stays as it was."""
        self._detach()
        shutil.rmtree(self.temp, ignore_errors=True)

    def _detach(self) -> None:
        if self._warnings is not None:
            logging.getLogger("mkdocs").removeHandler(self._warnings)


def _sweep(final: Path) -> None:
    """Remove the folders of builds that were killed (their process is gone); restore a lost site_dir."""
    if os.name == "nt" or not final.parent.is_dir():
        return  # os.kill(pid, 0) would terminate a process on Windows
    for kind in (_OLD, _BUILDING):
        for folder in final.parent.glob(f"{final.name}{kind}*"):
            pid = folder.name.rsplit("-", 1)[-1]
            if not pid.isdigit() or _alive(int(pid)):
                continue
            # Killed between the two renames: the old site is the last good one.
            if kind == _OLD and not final.exists():
                os.rename(folder, final)
            else:
                shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _keep_hidden(final: Path, temp: Path) -> None:
    # MkDocs never cleans hidden entries of site_dir (a .git of a deploy checkout): carry them over.
    if final.is_dir():
        for entry in final.iterdir():
            if entry.name.startswith(".") and not (temp / entry.name).exists():
                os.rename(entry, temp / entry.name)


def _refill(final: Path, temp: Path) -> None:
    for entry in final.iterdir():
        if not entry.name.startswith("."):
            shutil.rmtree(entry) if entry.is_dir() and not entry.is_symlink() else entry.unlink()
    for entry in temp.iterdir():
        if not (final / entry.name).exists():
            os.rename(entry, final / entry.name)
    shutil.rmtree(temp, ignore_errors=True)
