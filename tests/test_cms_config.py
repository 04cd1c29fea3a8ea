"""The /admin/ form's Decap configuration, generated from the catalogue: every type, every field, right widget."""

from __future__ import annotations

from importlib import resources
from typing import Any

import pytest
import yaml

from zuofeng.core.domain.catalogue import Catalogue, FieldSpec, load_catalogue, parse_catalogue
from zuofeng.core.output.cms import config_yaml
from zuofeng.core.output.cms_backend import CmsBackend, backend_from_env

GITLAB = {"ZUOFENG_REPO_URL": "http://git.example.gov.internal/bangongshi/zuofeng/", "ZUOFENG_CMS_APP_ID": "app"}
# Widgets whose data stays in the form: no map tiles, image uploads or outside media libraries.
WIDGETS = {"hidden", "datetime", "string", "text", "number", "select", "boolean", "list", "markdown"}


def _backend(env: dict[str, str]) -> CmsBackend:
    backend = backend_from_env(env)
    assert isinstance(backend, CmsBackend), backend
    return backend


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue()


@pytest.fixture(scope="module")
def config(catalogue: Catalogue) -> dict[str, Any]:
    return yaml.safe_load(config_yaml(catalogue, _backend(GITLAB)))


def _expected_widget(spec: FieldSpec) -> dict[str, Any]:
    kind = spec.kind
    if kind == "date":
        return {"widget": "datetime", "format": "YYYY-MM-DD", "date_format": "YYYY-MM-DD", "time_format": False}
    if kind in ("int", "number"):
        bounds = {k: v for k, v in (("min", spec.minimum), ("max", spec.maximum)) if v is not None}
        return {"widget": "number", "value_type": "int" if kind == "int" else "float", **bounds}
    if kind == "enum":
        return {"widget": "select", "options": list(spec.choices)}
    if kind == "list" and spec.choices:
        return {"widget": "select", "multiple": True, "options": list(spec.choices)}
    if kind == "string":
        return {"widget": "string", "pattern": [f"^.{{0,{spec.max_length}}}$", f"不超过 {spec.max_length} 个字符"]}
    return {"widget": {"bool": "boolean", "list": "list", "objects": "list", "text": "text"}[kind]}


def _check_field(spec: FieldSpec, field: dict[str, Any]) -> None:
    assert field["label"] == spec.label
    assert field["required"] is spec.required, spec.name
    for key, value in _expected_widget(spec).items():
        assert field[key] == value, (spec.name, key)
    if spec.help:
        assert spec.help in field["hint"]
    if spec.kind == "objects":
        assert [sub["name"] for sub in field["fields"]] == list(spec.fields)
        for sub_spec, sub in zip(spec.fields.values(), field["fields"]):
            _check_field(sub_spec, sub)


def test_every_form_type_and_field_has_its_widget(catalogue: Catalogue, config: dict[str, Any]) -> None:
    collections = {c["name"]: c for c in config["collections"]}
    assert list(collections) == [key for key, t in catalogue.types.items() if t.form]
    assert "baseline" not in collections and "reception" in collections and "amendment" in collections
    for key, collection in collections.items():
        record_type = catalogue.types[key]
        assert collection["label"] == record_type.label
        assert collection["filter"] == {"field": "type", "value": key}
        fields = {f["name"]: f for f in collection["fields"]}
        assert list(fields) == [*catalogue.fields_of(key), "body"]
        assert fields["type"] == {"name": "type", "label": "记录类型", "widget": "hidden", "default": key}
        assert fields["body"]["widget"] == "markdown" and fields["body"]["required"] is False
        assert fields["confidential"]["default"] is record_type.confidential
        for name, spec in catalogue.fields_of(key).items():
            if name != "type":
                _check_field(spec, fields[name])
        widgets = {f["widget"] for f in collection["fields"]} | {s["widget"] for f in collection["fields"]
                                                                 for s in f.get("fields", [])}
        assert widgets <= WIDGETS


def test_files_land_in_the_record_year_folder_with_a_valid_name(config: dict[str, Any]) -> None:
    reception = next(c for c in config["collections"] if c["name"] == "reception")
    assert reception["folder"] == "records" and reception["extension"] == "md"
    # {{year}} would be read in UTC (1 January in China → last year); see zuofeng.core.output.cms.
    assert reception["path"] == "{{date | truncate(4)}}/reception/{{slug}}"
    assert reception["slug"] == "{{fields.date}}-{{fields.type}}"
    assert config["slug"]["encoding"] == "ascii"
    assert "media_library" not in config


def test_editorial_workflow_on_a_gitlab_backend_from_the_environment(config: dict[str, Any]) -> None:
    assert config["publish_mode"] == "editorial_workflow" and config["locale"] == "zh_Hans"
    assert config["backend"] == {"name": "gitlab", "repo": "bangongshi/zuofeng", "branch": "main",
                                 "base_url": "http://git.example.gov.internal",
                                 "api_root": "http://git.example.gov.internal/api/v4", "app_id": "app",
                                 "auth_type": "pkce", "auth_endpoint": "oauth/authorize"}


def test_forgejo_and_the_local_backend() -> None:
    forgejo = _backend({**GITLAB, "ZUOFENG_GIT_SERVER": "forgejo", "ZUOFENG_CMS_BRANCH": "master"}).decap_backend()
    assert forgejo["name"] == "forgejo" and forgejo["api_root"] == "http://git.example.gov.internal/api/v1"
    assert forgejo["branch"] == "master"
    local = _backend({"ZUOFENG_CMS_LOCAL": "http://127.0.0.1:8081/api/v1"}).decap_backend()
    assert local == {"name": "proxy", "proxy_url": "http://127.0.0.1:8081/api/v1", "branch": "main"}


@pytest.mark.parametrize("env, words", [
    ({}, "ZUOFENG_REPO_URL、ZUOFENG_CMS_APP_ID"),
    ({"ZUOFENG_REPO_URL": GITLAB["ZUOFENG_REPO_URL"]}, "ZUOFENG_CMS_APP_ID"),
    ({**GITLAB, "ZUOFENG_GIT_SERVER": "gitea"}, "不支持"),
    ({**GITLAB, "ZUOFENG_GIT_SERVER": "svn"}, "无法识别"),
    ({**GITLAB, "ZUOFENG_REPO_URL": "git.example/zuofeng"}, "应为 git 项目的地址"),
])
def test_what_is_missing_is_said_in_chinese(env: dict[str, str], words: str) -> None:
    reason = backend_from_env(env)
    assert isinstance(reason, str) and words in reason


def test_the_config_is_byte_stable_and_follows_a_new_type(catalogue: Catalogue) -> None:
    backend = _backend(GITLAB)
    assert config_yaml(catalogue, backend) == config_yaml(load_catalogue(), backend)
    data = yaml.safe_load(resources.files("zuofeng").joinpath("data/catalogue.yaml").read_text(encoding="utf-8"))
    data["types"]["visit"] = {"label": "走访", "fields": {"village": {"type": "string", "label": "走访村", "required": True}}}
    grown = yaml.safe_load(config_yaml(parse_catalogue(data, "test"), backend))
    visit = next(c for c in grown["collections"] if c["name"] == "visit")
    assert visit["label"] == "走访" and visit["fields"][-2]["name"] == "village"
