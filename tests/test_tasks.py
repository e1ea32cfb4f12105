"""Work items and departments: the bundled annex data, the parsers, and `tasks` / `depts` / `--dept`."""

from __future__ import annotations

import csv
import io
import json
import textwrap
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rich.cells import cell_len

from conftest import write_data
from cqip.data.loading import load_all
from cqip.data.problems import DataError
from cqip.data.task_status_file import Work, check_duplicates, parse_task_status
from cqip.data.tasks_file import TaskStatus, parse_tasks
from cqip.render.csv_sheet import BOM
from cqip.store.datadir import bundled_data_dir, read_sources, read_task_sources
from cqip.views.depts import DEPT_FIELDS
from cqip.views.tasks import TASK_FIELDS

COLLECTIVE = "市打击侵犯知识产权和制售假冒伪劣商品工作领导小组各成员单位"


# --- the bundled data against the annex -------------------------------------------------------

@pytest.fixture(scope="module")
def bundled():
    targets, actuals = read_sources(bundled_data_dir())
    tasks, statuses = read_task_sources(bundled_data_dir())
    return load_all(targets, actuals, tasks, statuses)


def test_bundled_items_run_1_to_45_each_with_a_department(bundled) -> None:
    _, work = bundled
    assert list(work.book.tasks) == list(range(1, 46))
    assert all(len(task.departments) >= 1 for task in work.book.tasks.values())
    assert len(work.book.departments) == 22  # distinct names in the annex's 责任部门 column, counted by hand


# Copied by hand from the annex table (附件, 责任部门 column), in the annex's order.
ANNEX_SAMPLE = {
    1: ("一", ["市知识产权局"]),
    7: ("二", ["市统计局", "市知识产权局", "市文化委", "市工商局"]),
    9: ("二", ["市知识产权局", "市教委", "市科委", "市文化委", "市国资委", "市工商局", "市中小企业局"]),
    15: ("三", ["市知识产权局", "市文化委", "市工商局", "市金融办", "人行重庆营管部", "重庆银监局"]),
    20: ("三", ["市工商局"]),
    22: ("四", [COLLECTIVE]),
    32: ("五", ["市知识产权局", "市司法局", "市文化委", "市工商局"]),
    42: ("六", ["市知识产权局", "市教委", "市科协"]),
    45: ("六", ["市知识产权局", "市文化委", "市工商局"]),
}


@pytest.mark.parametrize("number", sorted(ANNEX_SAMPLE))
def test_bundled_sample_matches_the_annex(bundled, number: int) -> None:
    _, work = bundled
    task = work.book.tasks[number]
    area, departments = ANNEX_SAMPLE[number]
    assert (task.area, list(task.departments)) == (area, departments)


def test_bundled_measure_text_is_verbatim(bundled) -> None:
    _, work = bundled
    assert work.book.tasks[21].zh == "推动修订《重庆市专利促进与保护条例》。"
    assert work.book.departments[COLLECTIVE].collective


def test_bundled_target_owners(bundled) -> None:
    dataset, _ = bundled
    owners = {t.id: t.owners for t in dataset.catalog.targets}
    assert owners["famous_trademarks_china_2020"] == ("市工商局",)
    assert owners["copyright_registrations_2020"] == ("市文化委",)
    assert owners["pct_applications_2016_2020"] == ("市知识产权局",)
    assert owners["geographical_indications_2020"] == ()


def test_bundled_task_status_holds_no_reports(bundled) -> None:
    _, work = bundled
    assert work.reports == ()


# --- a small fixture with counts computed by hand ---------------------------------------------

TARGETS = textwrap.dedent(
    """\
    plan: {id: "测试〔2016〕1号", title_zh: 测试方案, title_en: Test plan, baseline_year: 2015, deadline: 2020}
    sections:
      - {id: goals, zh: 一、工作目标, en: I. Goals}
    indicators:
      - {id: patents_per_10k, zh: 每万人口发明专利拥有量, en: Patents per 10k, unit: 件/万人, measure: stock}
      - {id: pct, zh: PCT国际专利申请量, en: PCT applications, unit: 件, measure: flow}
    targets:
      - id: patents_2020
        indicator: patents_per_10k
        section: goals
        kind: level
        value: 8
        owners: [市知识产权局]
        clause: 达到8件
      - id: pct_2016_2020
        indicator: pct
        section: goals
        kind: cumulative
        value: 2500
        window: [2016, 2020]
        owners: [市知识产权局, 市工商局]
        clause: 累计达到2500件
      - id: pct_2016_2017
        indicator: pct
        section: goals
        kind: cumulative
        value: 1200
        window: [2016, 2017]
        deadline: 2017
        owners: [市工商局]
        clause: 累计达到1200件
      - id: patents_2018
        indicator: patents_per_10k
        section: goals
        kind: level
        value: 5
        deadline: 2018
        clause: 达到5件
    """
)

ACTUALS = textwrap.dedent(
    """\
    indicator,period,value,unit,source
    patents_per_10k,2015,4,件/万人,https://e/a
    patents_per_10k,2018,4.5,件/万人,https://e/b
    pct,2016,500,件,https://e/c
    pct,2017,500,件,https://e/d
    pct,2018,500,件,https://e/e
    """
)

TASKS = textwrap.dedent(
    f"""\
    plan: {{title_zh: 测试计划, title_en: Test work plan, due: 2017-12-31}}
    areas:
      - {{id: 一, zh: 统筹, en: Coordination}}
      - {{id: 二, zh: 创造, en: Creation}}
    departments:
      - {{name: 市知识产权局, en: IP office}}
      - {{name: 市工商局, en: Industry and commerce}}
      - {{name: 市文化委, en: Culture}}
      - {{name: {COLLECTIVE}, en: Leading group members, collective: true}}
    tasks:
      - {{number: 1, area: 一, zh: 甲, en: A, departments: [市知识产权局]}}
      - {{number: 2, area: 一, zh: 乙, en: B, departments: [市工商局, 市知识产权局]}}
      - {{number: 3, area: 二, zh: 丙, en: C, departments: [市知识产权局, 市文化委, 市工商局]}}
      - {{number: 4, area: 二, zh: 丁, en: D, departments: [{COLLECTIVE}]}}
    """
)

STATUS_LOG = textwrap.dedent(
    """\
    task,date,status,evidence,note,recorded
    1,2017-03,in_progress,https://e/1,,
    1,2017-11-30,done,https://e/2,launched,
    2,2017-06,in_progress,https://e/3,,
    3,2020-01-01,done,https://e/4,,
    4,2017,done,https://e/5,,
    """
)


def write_work(root: Path, tasks: str = TASKS, targets: str = TARGETS, log: str | None = STATUS_LOG) -> Path:
    write_data(root, targets, {"main.csv": ACTUALS})
    (root / "tasks.yaml").write_text(tasks, encoding="utf-8")
    if log is not None:
        (root / "task_status").mkdir(exist_ok=True)
        (root / "task_status" / "log.csv").write_text(log, encoding="utf-8")
    return root


@pytest.fixture
def work_dir(tmp_path: Path) -> Path:
    return write_work(tmp_path / "data")


def test_depts_counts(cli, work_dir: Path) -> None:
    result = cli("--data", str(work_dir), "depts", "--format", "json", "--as-of", "2019-06-30")
    assert result.exit_code == 0, result.output
    rows = {r["department"]: r for r in json.loads(result.output)}
    # As of 2019-06-30: item 1 done (2017-11-30), item 2 in progress, item 3 unreported (its report
    # is dated 2020), item 4 done. patents_2020: 4.5 in 2018 vs 6.4 expected, progress 0.125 vs 0.6
    # → off track. pct_2016_2020: 1500 by 2018 = the path's 2500·3/5 → on track. pct_2016_2017:
    # 1000 < 1200 after its deadline → missed. patents_2018 (no owner): 4.5 < 5 → missed.
    def counts(name: str) -> list[int]:
        return [rows[name][k] for k in ("items_led", "items_shared", "items_done", "targets_owned",
                                         "targets_off_track", "targets_missed")]
    assert counts("市知识产权局") == [2, 1, 1, 2, 1, 0]  # leads 1, 3; shares 2; done 1; owns A, B
    assert counts("市工商局") == [1, 1, 0, 2, 0, 1]  # leads 2; shares 3; owns B, C (C missed)
    assert counts("市文化委") == [0, 1, 0, 0, 0, 0]
    assert counts(COLLECTIVE) == [1, 0, 1, 0, 0, 0]
    assert rows[COLLECTIVE]["collective"] is True
    assert list(rows) == ["市知识产权局", "市工商局", "市文化委", COLLECTIVE]


def test_depts_table_names_unowned_targets(cli, work_dir: Path) -> None:
    result = cli("--data", str(work_dir), "depts", "-f", "table", "--lang", "en", "--as-of", "2019-06-30",
                 env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "1 of 4 targets have no identifiable owner: patents_2018" in result.output
    assert "Leading group members: a collective; the plan does not list its members" in result.output
    zh = cli("--data", str(work_dir), "depts", "-f", "table", "--as-of", "2019-06-30", env={"COLUMNS": "200"}).output
    assert "共4个目标中1个无明确责任部门：patents_2018\n" in zh and "负责目标" in zh


def test_tasks_json_latest_report_wins(cli, work_dir: Path) -> None:
    result = cli("--data", str(work_dir), "tasks", "-f", "json", "--as-of", "2019-06-30")
    records = {r["task"]: r for r in json.loads(result.output)}
    assert records[1]["status"] == "done" and records[1]["date"] == "2017-11-30" and records[1]["note"] == "launched"
    assert records[2]["status"] == "in_progress" and records[2]["overdue"] is True  # past 2017-12-31
    assert records[3]["status"] == "unknown" and records[3]["overdue"] is False and records[3]["evidence"] is None
    assert records[4]["date"] == "2017"
    assert records[2]["departments"] == ["市工商局", "市知识产权局"] and records[2]["lead"] == "市工商局"
    later = json.loads(cli("--data", str(work_dir), "tasks", "-f", "json", "--as-of", "2020-02-01").output)
    assert [r["status"] for r in later] == ["done", "in_progress", "done", "done"]


@pytest.mark.parametrize(("options", "numbers"), [
    (["--area", "二"], [3, 4]),
    (["--dept", "市工商局"], [2, 3]),
    (["--dept", "市工商局", "--lead-only"], [2]),
    (["--status", "done"], [1, 4]),
    (["--status", "unknown"], [3]),
    (["--dept", "市知识产权局", "--area", "一", "--status", "in_progress"], [2]),
])
def test_tasks_filters(cli, work_dir: Path, options: list[str], numbers: list[int]) -> None:
    result = cli("--data", str(work_dir), "tasks", "-f", "json", "--as-of", "2019-06-30", *options)
    assert [r["task"] for r in json.loads(result.output)] == numbers


def test_tasks_table_groups_by_area_and_counts(cli, work_dir: Path) -> None:
    result = cli("--data", str(work_dir), "tasks", "-f", "table", "--lang", "en", "--as-of", "2019-06-30",
                 env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "Area 一: Coordination" in result.output and "Area 二: Creation" in result.output
    assert "in progress (overdue)" in result.output and "item 1: launched\n" in result.output
    assert "4 items: 0 not started, 1 in progress, 2 done, 0 dropped, 1 not reported; 1 overdue\n" in result.output


@pytest.mark.parametrize(("options", "message"), [
    (["tasks", "--lead-only"], "Error: --lead-only needs --dept\n"),
    (["tasks", "--dept", "市工商"], "Error: --dept: unknown department '市工商' (did you mean 市工商局?)\n"),
    (["tasks", "--area", "七"], "Error: --area: unknown area '七'; the areas are 一 二\n"),
    (["status", "--dept", "市文化"], "Error: --dept: unknown department '市文化' (did you mean 市文化委?)\n"),
])
def test_usage_errors_are_one_line(runner, work_dir: Path, options: list[str], message: str) -> None:
    from cqip.cli.app import app

    result = runner.invoke(app, ["--data", str(work_dir), *options])
    assert result.exit_code == 2
    assert result.stderr == message


def test_dept_filters_status_and_gap(cli, work_dir: Path) -> None:
    for command in ("status", "gap"):
        result = cli("--data", str(work_dir), command, "-f", "json", "--dept", "市工商局")
        assert sorted(r["target_id"] for r in json.loads(result.output)) == ["pct_2016_2017", "pct_2016_2020"]
    report = json.loads(cli("--data", str(work_dir), "report", "-f", "json", "--dept", "市工商局").output)
    assert report["targets"] == 2


def test_without_tasks_yaml(runner, data_dir: Path) -> None:
    from cqip.cli.app import app

    assert runner.invoke(app, ["--data", str(data_dir), "validate"]).exit_code == 0
    result = runner.invoke(app, ["--data", str(data_dir), "depts"])
    assert result.exit_code == 2
    assert result.stderr == "Error: this needs tasks.yaml (the plan's work items) in the data directory\n"
    assert runner.invoke(app, ["--data", str(data_dir), "gap", "--dept", "市工商局"]).exit_code == 2


def test_without_task_status_directory(cli, tmp_path: Path) -> None:
    root = write_work(tmp_path, log=None)
    result = cli("--data", str(root), "tasks", "-f", "json")
    assert [r["status"] for r in json.loads(result.output)] == ["unknown"] * 4


# --- formats and --lang ---------------------------------------------------------------------

def _tasks(cli, root: Path, *options: str) -> str:
    result = cli("--data", str(root), "tasks", "--as-of", "2019-06-30", *options)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_tasks_text_grouped_by_area_with_notes_and_counts(cli, work_dir: Path) -> None:
    assert _tasks(cli, work_dir, "-f", "text") == textwrap.dedent(
        f"""\
        测试计划 — 工作任务进展 截至 2019-06-30
        =======================================

        一、统筹
        --------
        序号  工作举措  责任部门（牵头在前）                         进展            日期        依据
        ----  --------  -------------------------------------------  --------------  ----------  -----------
           1  甲        市知识产权局                                 已完成          2017-11-30  https://e/2
           2  乙        市工商局、市知识产权局                       进行中（逾期）  2017-06     https://e/3

        二、创造
        --------
        序号  工作举措  责任部门（牵头在前）                         进展            日期        依据
        ----  --------  -------------------------------------------  --------------  ----------  -----------
           3  丙        市知识产权局、市文化委、市工商局             未报告
           4  丁        {COLLECTIVE[:21]}   已完成          2017        https://e/5
                        {COLLECTIVE[21:]}

        说明
        ----
        第1项：launched

        共4项：未开始0，进行中1，已完成2，已取消0，未报告1；逾期1
        """
    )
    # Both areas share one set of column widths: 4 + 8 + 58 (the collective, 29 characters) + 14 +
    # 10 + 11 cells + 5 gaps of 2 = 115 > 100, so the departments column narrows by 15 to 43 cells and
    # the collective wraps after 21 characters (42 cells); nothing is cut, every other column stays whole.


def test_default_format_off_a_terminal_is_text(cli, work_dir: Path) -> None:
    assert _tasks(cli, work_dir) == _tasks(cli, work_dir, "-f", "text")
    depts = cli("--data", str(work_dir), "depts").stdout
    assert depts == cli("--data", str(work_dir), "depts", "-f", "text").stdout


# Every status: 1 not started and 3 in progress are open past the due date 2017-12-31 → overdue;
# 2 dropped; 4 never reported.
ALL_STATUSES = "task,date,status,evidence\n1,2017-03,not_started,\n2,2017-06,dropped,https://e/7\n3,2017-05,in_progress,x\n"


@pytest.mark.parametrize(("lang", "rows", "count"), [
    ("zh", ["| 1 | 甲 | 市知识产权局 | 未开始（逾期） | 2017-03 |  |",
            "| 2 | 乙 | 市工商局、市知识产权局 | 已取消 | 2017-06 | https://e/7 |",
            "| 3 | 丙 | 市知识产权局、市文化委、市工商局 | 进行中（逾期） | 2017-05 | x |",
            f"| 4 | 丁 | {COLLECTIVE} | 未报告 |  |  |"],
     "- 共4项：未开始1，进行中1，已完成0，已取消1，未报告1；逾期2"),
    ("en", ["| 1 | A | IP office | not started (overdue) | 2017-03 |  |",
            "| 2 | B | Industry and commerce; IP office | dropped | 2017-06 | https://e/7 |",
            "| 3 | C | IP office; Culture; Industry and commerce | in progress (overdue) | 2017-05 | x |",
            "| 4 | D | Leading group members | not reported |  |  |"],
     "- 4 items: 1 not started, 1 in progress, 0 done, 1 dropped, 1 not reported; 2 overdue"),
])
def test_tasks_markdown_words_per_language(cli, tmp_path: Path, lang: str, rows: list[str], count: str) -> None:
    lines = _tasks(cli, write_work(tmp_path, log=ALL_STATUSES), "-f", "markdown", "--lang", lang).splitlines()
    assert [line for line in lines if line[:3] in ("| 1", "| 2", "| 3", "| 4")] == rows
    area = {"zh": "### 二、创造", "en": "### Area 二: Creation"}[lang]
    assert area in lines and lines[-1] == count
    assert lines[0] == {"zh": "# 测试计划 — 工作任务进展 截至 2019-06-30",
                        "en": "# Test work plan — work items as of 2019-06-30"}[lang]


@pytest.mark.parametrize(("lang", "row", "note"), [
    ("zh", f"| {COLLECTIVE} | 1 | 0 | 1 | 0 | 0 | 0 |", f"- {COLLECTIVE}：集体责任单位，方案未列出其成员"),
    ("en", "| Leading group members | 1 | 0 | 1 | 0 | 0 | 0 |",
     "- Leading group members: a collective; the plan does not list its members"),
])
def test_depts_markdown_per_language(cli, work_dir: Path, lang: str, row: str, note: str) -> None:
    lines = cli("--data", str(work_dir), "depts", "-f", "markdown", "--lang", lang, "--as-of", "2019-06-30").stdout
    lines = lines.splitlines()
    # The counts of test_depts_counts, in the department's name of the language.
    ip_office = {"zh": "| 市知识产权局 | 2 | 1 | 1 | 2 | 1 | 0 |", "en": "| IP office | 2 | 1 | 1 | 2 | 1 | 0 |"}
    assert ip_office[lang] in lines and row in lines and note in lines
    assert lines[2] == {"zh": "| 部门 | 牵头 | 参与 | 已完成 | 负责目标 | 滞后 | 未实现 |",
                        "en": "| department | led | shared | done | targets | off track | missed |"}[lang]
    assert lines[-1] == {"zh": "- 共4个目标中1个无明确责任部门：patents\\_2018",
                         "en": "- 1 of 4 targets have no identifiable owner: patents\\_2018"}[lang]


def _csv(text: str) -> list[list[str]]:
    assert text.startswith(BOM)
    return list(csv.reader(io.StringIO(text[len(BOM):], newline="")))


def test_tasks_csv_neutralises_formulas(cli, tmp_path: Path) -> None:
    log = STATUS_LOG + '2,2018-03,done,"=HYPERLINK(""https://evil/"",""x"")",-1+2,\n'
    root = write_work(tmp_path, log=log)
    rows = _csv(_tasks(cli, root, "-f", "csv", "--lang", "en"))
    assert rows[0] == ["area", "#", "measure", "departments (lead first)", "status", "date", "evidence", "note"]
    item2 = dict(zip(rows[0], rows[2], strict=True))
    assert item2["evidence"] == "'=HYPERLINK(\"https://evil/\",\"x\")" and item2["note"] == "'-1+2"
    assert item2["departments (lead first)"] == "Industry and commerce; IP office" and item2["status"] == "done"
    assert [r[1] for r in rows[1:]] == ["1", "2", "3", "4"]  # annex order, item numbers as numbers
    json_item2 = json.loads(_tasks(cli, root, "-f", "json"))[1]
    assert json_item2["evidence"] == '=HYPERLINK("https://evil/","x")'  # JSON keeps the value as reported
    assert tuple(json_item2) == TASK_FIELDS and json_item2["departments"] == ["市工商局", "市知识产权局"]


def test_depts_csv_is_the_table_in_the_chosen_language(cli, work_dir: Path) -> None:
    rows = _csv(cli("--data", str(work_dir), "depts", "-f", "csv", "--as-of", "2019-06-30").stdout)
    assert rows[0] == ["部门", "牵头", "参与", "已完成", "负责目标", "滞后", "未实现"]
    assert rows[1] == ["市知识产权局", "2", "1", "1", "2", "1", "0"]
    assert rows[4][0] == COLLECTIVE
    en = _csv(cli("--data", str(work_dir), "depts", "-f", "csv", "--lang", "en", "--as-of", "2019-06-30").stdout)
    assert en[0][:2] == ["department", "led"] and en[1][0] == "IP office"
    records = json.loads(cli("--data", str(work_dir), "depts", "-f", "json", "--as-of", "2019-06-30").stdout)
    assert tuple(records[0]) == DEPT_FIELDS  # JSON keeps the machine keys


@pytest.mark.parametrize("command", [("tasks", "--as-of", "2018-01-01"), ("depts", "--as-of", "2021-01-01")])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_bundled_text_fits_100_columns(cli, command: tuple[str, ...], lang: str) -> None:
    """The bundled annex has the longest measures and department lists; the same bytes every run."""
    text = cli(*command, "-f", "text", "--lang", lang).stdout
    assert max(cell_len(line) for line in text.splitlines()) <= 100
    assert "\x1b" not in text and text == cli(*command, "-f", "text", "--lang", lang).stdout


# --- problems ---------------------------------------------------------------------------------

def _validate_errors(runner, root: Path) -> list[str]:
    from cqip.cli.app import app

    result = runner.invoke(app, ["--data", str(root), "validate"])
    assert result.exit_code == 2
    return result.stderr.splitlines()[:-1]


def test_typo_in_a_task_department(runner, tmp_path: Path) -> None:
    root = write_work(tmp_path, tasks=TASKS.replace("[市工商局, 市知识产权局]", "[市工商局, 市知识产权]"))
    assert _validate_errors(runner, root) == [
        f"{root}/tasks.yaml:12: tasks[1].departments[1]: unknown department '市知识产权' (did you mean 市知识产权局?)",
    ]


def test_typo_in_a_target_owner(runner, tmp_path: Path) -> None:
    root = write_work(tmp_path, targets=TARGETS.replace("owners: [市工商局]", "owners: [市工商]"))
    assert _validate_errors(runner, root) == [
        f"{root}/targets.yaml:30: targets[2].owners[0]: unknown department '市工商' (did you mean 市工商局?)",
    ]


def test_numbering_gap_and_duplicates(runner, tmp_path: Path) -> None:
    tasks = TASKS.replace("number: 2,", "number: 5,").replace("[市知识产权局, 市文化委, 市工商局]",
                                                              "[市文化委, 市文化委]")
    root = write_work(tmp_path, tasks=tasks, log=None)
    assert _validate_errors(runner, root) == [
        f"{root}/tasks.yaml:10: tasks: item numbers must run from 1 without a gap; missing 2",
        f"{root}/tasks.yaml:13: tasks[2].departments[1]: department '市文化委' named twice",
    ]


def test_status_log_problems(runner, tmp_path: Path) -> None:
    log = textwrap.dedent(
        """\
        task,date,status,evidence
        9,2017,done,https://e
        1,2017-13,finished,
        2,2017-05,not_started,
        2,2017-05,done,https://e
        """
    )
    root = write_work(tmp_path, log=log)
    name = f"{root}/task_status/log.csv"
    assert _validate_errors(runner, root) == [
        f"{name}:2: task: no item 9; the annex numbers 1–4",
        f"{name}:3: date: '2017-13': month 13 does not exist",
        f"{name}:3: evidence: empty; every report of progress needs a URL or citation",
        f"{name}:3: status: 'finished' is not one of not_started, in_progress, done, dropped",
        f"{name}:5: date: done conflicts with not_started at {name}:4 (item 2, 2017-05)",
    ]


def test_recorded_revision_replaces_the_earlier_report() -> None:
    book = parse_tasks(TASKS, "tasks.yaml")
    log = "task,date,status,evidence,recorded\n1,2017,in_progress,x,2018-01-05\n1,2017,done,y,2018-03-01\n"
    reports, problems = parse_task_status(log, "log.csv", book)
    kept, duplicates = check_duplicates(reports)
    assert problems == [] and duplicates == []
    assert Work(book, tuple(kept)).latest(date(2019, 1, 1))[1].evidence == "y"


def test_tasks_yaml_must_be_a_mapping() -> None:
    with pytest.raises(DataError) as exc:
        parse_tasks("- 1\n", "tasks.yaml")
    assert str(exc.value) == "tasks.yaml:1: yaml: expected a mapping with plan, areas, departments, tasks"


@given(st.dictionaries(st.tuples(st.integers(1, 4), st.dates(date(2016, 1, 1), date(2020, 12, 31))),
                       st.sampled_from([s for s in TaskStatus if s is not TaskStatus.UNKNOWN]), max_size=12))
def test_latest_report_is_the_one_with_the_latest_date(log: dict) -> None:
    book = parse_tasks(TASKS, "tasks.yaml")
    text = "task,date,status,evidence\n" + "".join(f"{t},{d},{s},e\n" for (t, d), s in log.items())
    reports, problems = parse_task_status(text, "log.csv", book)
    kept, duplicates = check_duplicates(reports)
    assert problems == [] and duplicates == []
    latest = Work(book, tuple(kept)).latest(date(2021, 1, 1))
    expected = {t: log[(t, max(d for tt, d in log if tt == t))] for t, _ in log}
    assert {t: r.status for t, r in latest.items()} == expected


def test_validate_counts_work_items_and_reports(cli, work_dir: Path) -> None:
    result = cli("--data", str(work_dir), "validate")
    assert result.output == "OK: 4 targets, 5 observations, 4 work items, 5 status reports\n"
