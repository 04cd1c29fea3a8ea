"""The offline archive: the site built for file:// (Material's offline plugin, zuofeng's script index), zipped; the .docx."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from zuofeng.publish import PublishError
from zuofeng.site.offline_index import INDEX_FILE as OFFLINE_INDEX

DIST_DIR = "dist"
# A fixed timestamp keeps the zip byte-identical for identical inputs.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def zip_path(root: Path, year: int) -> Path:
    return root / DIST_DIR / str(year) / f"zuofeng-{year}-site.zip"


def docx_path(root: Path, year: int) -> Path:
    return root / DIST_DIR / str(year) / f"zuofeng-{year}-report.docx"


def build_offline_zip(root: Path, year: int) -> bytes:
    """Build the site with ZUOFENG_OFFLINE=true into a temporary folder and return it zipped."""
    with tempfile.TemporaryDirectory(prefix="zuofeng-offline-") as temp:
        site = Path(temp) / "site"
        env = {**os.environ, "ZUOFENG_OFFLINE": "true", "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
        result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(site)],
                                cwd=root, env=env, capture_output=True, text=True)
        if result.returncode != 0:
            tail = "\n".join(result.stderr.strip().splitlines()[-15:])
            raise PublishError(f"离线版站点构建失败：\n{tail}")
        if not (site / OFFLINE_INDEX).is_file():
            raise PublishError(f"离线版站点缺少 {OFFLINE_INDEX}：mkdocs.yml 需启用 offline 插件"
                               "（enabled: !ENV [ZUOFENG_OFFLINE, false]），并关闭 Material 的 search 插件（enabled: false）")
        return _zip_folder(site, f"zuofeng-{year}")


def _zip_folder(folder: Path, top: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{top}/{path.relative_to(folder).as_posix()}", _ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, path.read_bytes())
    return buffer.getvalue()
