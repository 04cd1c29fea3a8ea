"""Where the /admin/ form saves: the office's git server, named by environment variables."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import urlsplit

ServerKind = Literal["gitlab", "forgejo", "gitea"]
SERVER_KINDS: tuple[ServerKind, ...] = ("gitlab", "forgejo", "gitea")
REPO_URL = "ZUOFENG_REPO_URL"
SERVER = "ZUOFENG_GIT_SERVER"
APP_ID = "ZUOFENG_CMS_APP_ID"
BRANCH = "ZUOFENG_CMS_BRANCH"
LOCAL = "ZUOFENG_CMS_LOCAL"
DEFAULT_BRANCH = "main"


@dataclass(frozen=True)
class CmsBackend:
    """A git server the form can open merge requests on, or the local decap-server; None fields unset."""

    kind: ServerKind | Literal["local"]
    branch: str = DEFAULT_BRANCH
    base_url: str = ""
    repo: str = ""
    app_id: str = ""
    local_url: str = ""

    def decap_backend(self) -> dict[str, Any]:
        """The `backend:` block of Decap's configuration."""
        if self.kind == "local":
            return {"name": "proxy", "proxy_url": self.local_url, "branch": self.branch}
        api = "/api/v4" if self.kind == "gitlab" else "/api/v1"
        backend = {"name": self.kind, "repo": self.repo, "branch": self.branch, "base_url": self.base_url,
                   "api_root": self.base_url + api, "app_id": self.app_id, "auth_type": "pkce"}
        if self.kind == "gitlab":
            backend["auth_endpoint"] = "oauth/authorize"
        return backend


def backend_from_env(env: Mapping[str, str]) -> CmsBackend | str:
    """The configured backend, or the Chinese explanation of what is missing."""
    branch = env.get(BRANCH, "").strip() or DEFAULT_BRANCH
    local = env.get(LOCAL, "").strip()
    if local:
        return CmsBackend("local", branch=branch, local_url=local)
    repo_url = env.get(REPO_URL, "").strip()
    kind = env.get(SERVER, "").strip().lower() or "gitlab"
    app_id = env.get(APP_ID, "").strip()
    missing = [name for name, value in ((REPO_URL, repo_url), (APP_ID, app_id)) if not value]
    if missing:
        return f"构建站点时未设置环境变量 {'、'.join(missing)}，表单不知道把记录提交到哪个 git 项目。"
    if kind not in SERVER_KINDS:
        return f"环境变量 {SERVER} 的值 {kind!r} 无法识别，应为 gitlab、forgejo 或 gitea。"
    if kind == "gitea":
        return ("当前版本的 Decap CMS 不支持在 Gitea 上使用审核流程（保存即生成合并请求），"
                f"表单不能直接提交到主分支。请使用 GitLab，或把 git 服务器换为 Forgejo 并设置 {SERVER}=forgejo。")
    parts = urlsplit(repo_url)
    repo = parts.path.strip("/").removesuffix(".git")
    if not parts.scheme or not parts.netloc or repo.count("/") < 1:
        return f"环境变量 {REPO_URL} 应为 git 项目的地址，例如 http://git.<内网域名>/bangongshi/zuofeng/，实际为 {repo_url!r}。"
    return CmsBackend(kind, branch=branch, base_url=f"{parts.scheme}://{parts.netloc}", repo=repo, app_id=app_id)
