"""The zuofeng CLI: exit codes, every problem printed, never a traceback."""

from __future__ import annotations


def test_check_clean_project_exits_0(project, run_cli) -> None:  # type: ignore[no-untyped-def]
    project.record("2023/meeting/2023-03-14-a", "type: meeting\ndate: 2023-03-14\ntitle: 会议\nkind: 常务会议")
    result = run_cli("--root", str(project.root), "check")
    assert result.code == 0, result.text
    assert "检查通过：1 条记录" in result.err


def test_check_lists_every_problem_and_exits_1(project, run_cli) -> None:  # type: ignore[no-untyped-def]
    project.record("2023/meeting/2023-02-30-a", "type: meeting\ndate: 2023-02-30\ntitle: 会议\nkind: 常务会议")
    project.record("2023/meeting/2023-03-01-b", "type: meeting\ndate: 2023-03-01\ntitle: 会议\nkind: 常委会议")
    (project.root / "records/2023/meeting/2023-03-02-c.md").write_bytes("---\ntitle: 会议\n---\n".encode("gbk"))
    result = run_cli("--root", str(project.root), "check")
    assert result.code == 1
    lines = result.out.strip().splitlines()
    assert lines == [
        "records/2023/meeting/2023-02-30-a.md:3: 字段 date（日期）为不存在的日期 2023-02-30",
        "records/2023/meeting/2023-03-01-b.md:5: 字段 kind（会议类别）应为 常务会议 / 全体会议 / 专题会议 / 党组会议 / 廉政工作会议 / 电视电话会议 之一，实际为 '常委会议'，是否为 常务会议？",
        "records/2023/meeting/2023-03-02-c.md:2: 文件不是 UTF-8 编码（看起来是 GBK/GB2312，常见于“记事本”保存的文件），请用 UTF-8 编码另存",
    ]
    assert "Traceback" not in result.text
    assert "发现 3 个问题" in result.err


def test_check_year_filter(project, run_cli) -> None:  # type: ignore[no-untyped-def]
    project.record("2022/meeting/2022-02-30-a", "type: meeting\ndate: 2022-02-30\ntitle: 会议\nkind: 常务会议")
    project.record("2023/meeting/2023-03-01-b", "type: meeting\ndate: 2023-03-01\ntitle: 会议\nkind: 常务会议")
    assert run_cli("--root", str(project.root), "check", "--year", "2023").code == 0
    assert run_cli("--root", str(project.root), "check", "--year", "2022").code == 1


def test_usage_errors_exit_2_in_chinese(run_cli) -> None:  # type: ignore[no-untyped-def]
    result = run_cli("check", "--year", "abc")
    assert result.code == 2
    assert "参数错误" in result.err
    assert run_cli("frobnicate").code == 2
    assert run_cli().code == 2


def test_stats_counts_confidential_records(project, run_cli) -> None:  # type: ignore[no-untyped-def]
    project.record("2023/talk/2023-03-14-a", "type: talk\ndate: 2023-03-14\ntitle: 谈话\nkind: 提醒谈话")
    project.record("2023/talk/2023-03-15-b", "type: talk\ndate: 2023-03-15\ntitle: 谈话\nkind: 个别谈话")
    result = run_cli("--root", str(project.root), "stats", "--year", "2023")
    assert result.code == 0
    assert "谈话提醒" in result.out
    [line] = [row for row in result.out.splitlines() if "谈话提醒" in row and "内部" in row]
    assert "2（其中内部 2）" in line


def test_broken_catalogue_is_a_chinese_error_not_a_traceback(project, run_cli) -> None:  # type: ignore[no-untyped-def]
    project.write("pyproject.toml", '[tool.zuofeng]\ncatalogue = "cat.yaml"\n')
    project.write("cat.yaml", "types: [1, 2\n")
    result = run_cli("--root", str(project.root), "check")
    assert result.code == 1
    assert "配置错误" in result.err and "YAML 有误" in result.err


def test_example_data_checks_clean_and_stats_show_indicators(run_cli) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import REPO

    result = run_cli("--root", str(REPO), "check", "--final")
    assert result.code == 0, result.text
    stats = run_cli("--root", str(REPO), "stats", "--year", "2023")
    assert stats.code == 0
    assert "政府层面会议：41次  同比减少10.9%" in stats.out
