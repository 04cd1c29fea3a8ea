"""The /admin/ page: the vendored Decap CMS app, or a Chinese explanation when no git server is set."""

from __future__ import annotations

from html import escape

from zuofeng.core.output.cms_backend import APP_ID, BRANCH, LOCAL, REPO_URL, SERVER

# Relative to /admin/: the vendored bundle under docs/assets/vendor (no CDN on the intranet).
APP_SCRIPT = "../assets/vendor/decap-cms/decap-cms.js"
_HEAD = """<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>表单填报 · {site}</title>
"""


def app_page(site_name: str) -> str:
    """The page that starts the CMS; it reads `config.yml` beside it."""
    return (_HEAD.format(site=escape(site_name)) + '<link href="config.yml" type="text/yaml" rel="cms-config-url">\n'
            f'</head>\n<body>\n<script src="{APP_SCRIPT}"></script>\n</body>\n</html>\n')


def setup_page(site_name: str, reason: str) -> str:
    """The page shown instead of the CMS: why the form is off and which variables to set."""
    rows = [
        (REPO_URL, "git 项目地址（GitLab 或 Forgejo），例如 http://git.&lt;内网域名&gt;/bangongshi/zuofeng/"),
        (APP_ID, "在 git 服务器上为本站登记的 OAuth 应用的 Application ID（回调地址为本站的 /admin/）"),
        (SERVER, "git 服务器类型：gitlab（默认）或 forgejo"),
        (BRANCH, "记录合并到的分支，默认 main"),
        (LOCAL, "仅用于本机试用：decap-server 的地址，例如 http://127.0.0.1:8081/api/v1"),
    ]
    table = "\n".join(f"<tr><td><code>{name}</code></td><td>{text}</td></tr>" for name, text in rows)
    return (_HEAD.format(site=escape(site_name))
            + "<style>body{font-family:sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.7}"
            "td{border-top:1px solid #ddd;padding:.3rem .6rem;vertical-align:top}code{white-space:nowrap}</style>\n"
            "</head>\n<body>\n<h1>表单填报尚未启用</h1>\n"
            f"<p>{escape(reason)}</p>\n"
            "<p>请管理员在构建站点的机器（持续集成或发布机器）上设置以下环境变量后重新构建：</p>\n"
            f"<table>\n{table}\n</table>\n"
            "<p>启用前，请照“填报指南”用 <code>zuofeng new</code> 或 git 服务器的网页编辑器填报记录。"
            '<a href="../">返回首页</a></p>\n</body>\n</html>\n')
