"""Finding things: ids or names on every command, the closest matches for an unknown one, the lists of
indicators and targets, and departments by today's names."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from cqip.data.names import Named, closest, resolve, suggest

BUNDLED = Path(__file__).parents[1] / "data"


def _run(cli, *args: str, env: dict[str, str] | None = None):
    return cli("--data", str(BUNDLED), *args, env=env)


@pytest.mark.parametrize(("args", "error"), [
    (["show", "pct"], "Error: unknown indicator 'pct' (did you mean pct_applications?)\n"),
    (["explain", "pct_2016"], "Error: unknown target 'pct_2016' (did you mean pct_applications_2016_2020?)\n"),
    (["show", "PCT国际专利", "--as-of", "2020-01-01"],
     "Error: unknown indicator 'PCT国际专利' (did you mean pct_applications?)\n"),
])
def test_an_unknown_name_suggests_the_closest_ids(cli, args: list[str], error: str) -> None:
    result = _run(cli, *args)
    assert result.exit_code == 2 and result.output == error


def test_compare_patents_2020_suggests_the_patent_targets_first(cli) -> None:
    """The issue's case: difflib alone suggested ip_talent_2020 (it shares `_2020` and letters)."""
    result = _run(cli, "compare", "patents_2020")
    assert result.exit_code == 2
    assert result.output.startswith("Error: unknown target 'patents_2020' (did you mean invention_patents_per_10k_2020")
    assert "ip_talent_2020" not in result.output


@pytest.mark.parametrize(("by_name", "by_id"), [
    (["show", "PCT国际专利申请量", "--as-of", "2020-01-01"], ["show", "pct_applications", "--as-of", "2020-01-01"]),
    (["show", "pct international patent applications", "--as-of", "2020-01-01"],
     ["show", "pct_applications", "--as-of", "2020-01-01"]),
    (["explain", "马德里商标国际注册总量", "--year", "2019"],
     ["explain", "madrid_trademark_registrations_2020", "--year", "2019"]),
    (["compare", "马德里商标国际注册总量", "--year", "2020"],
     ["compare", "madrid_trademark_registrations_2020", "--year", "2020"]),
])
def test_a_chinese_or_english_name_works_like_the_id(cli, by_name: list[str], by_id: list[str]) -> None:
    named, plain = _run(cli, *by_name), _run(cli, *by_id)
    assert named.exit_code == 0 and named.output == plain.output


def test_a_name_several_targets_share_asks_for_the_id(cli) -> None:
    result = _run(cli, "explain", "中国驰名商标总量")
    assert result.exit_code == 2
    assert result.output == ("Error: '中国驰名商标总量' names 2 targets: famous_trademarks_china_increase, "
                             "famous_trademarks_china_2020; give the id\n")


def test_add_takes_the_chinese_name_and_writes_the_id(cli, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(BUNDLED, data)
    result = cli("--data", str(data), "add", "PCT国际专利申请量", "2025", "1,234", "--unit", "件", "--source",
                 "https://example.org/r")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("added pct_applications 2025 = 1234 件 to ")
    assert (data / "actuals" / "patents.csv").read_text(encoding="utf-8").splitlines()[-1].startswith(
        "pct_applications,2025,\"1,234\",件,https://example.org/r")


def test_scoring_prefers_the_words_of_an_id_and_containment() -> None:
    ids = ["invention_patents_per_10k_2020", "ip_talent_2020", "pct_applications_2016_2020"]
    assert closest("patents_2020", ids)[0] == "invention_patents_per_10k_2020"
    assert closest("pct", ["pct_applications", "patents_per_10k"]) == ["pct_applications"]
    assert suggest("市工商", ["市工商局", "市知识产权局"]) == " (did you mean 市工商局?)"
    assert suggest("zzz", ids) == ""
    things = [Named("a", ("甲", "Alpha")), Named("b", ("乙",))]
    assert resolve(" alpha ", things) == ["a"] and resolve("乙", things) == ["b"] and resolve("丙", things) == []


def test_indicators_lists_ids_names_units_and_data(cli) -> None:
    records = json.loads(_run(cli, "indicators", "--format", "json").stdout)
    pct = next(r for r in records if r["indicator"] == "pct_applications")
    observed = [line for path in (BUNDLED / "actuals").glob("*.csv")
                for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("pct_applications,")]
    assert pct["name_zh"] == "PCT国际专利申请量" and pct["unit"] == "件" and pct["measure"] == "flow"
    assert pct["observations"] == len(observed)  # every region's: the city's own and the provincial table's
    assert pct["targets"] == ["pct_applications_2016_2020", "pct_rank_national", "pct_rank_west"]
    text = _run(cli, "indicators", env={"COLUMNS": "200"}).stdout
    names = ("pct_applications", "PCT国际专利申请量", "PCT international patent applications")
    assert all(name in text for name in names)


def test_indicators_counts_kept_rows_without_building_them(cli, tmp_path: Path) -> None:
    """Counted off the cached columns: a revision's old row is not counted (2 rows of pct kept, 1 of
    patents_per_10k in another region), and of 2019 and 2019-12, which end on one day, 2019-12 is latest."""
    from conftest import write_data

    header = "indicator,period,value,unit,source,note,recorded,region\n"
    rows = ("pct,2019,400,件,s,,,\npct,2019-12,30,件,s,,,\npct,2019,401,件,s,,2020-03-01,\n"
            "patents_per_10k,2018,5,件/万人,s,,,渝中区\n")
    data = write_data(tmp_path / "d", actuals={"a.csv": header + rows})
    for options in ((), (), ("--no-cache",)):  # fills the cache, reads it, reads the files
        result = cli(*options, "--data", str(data), "indicators", "--format", "json")
        assert result.exit_code == 0, result.output
        got = {r["indicator"]: (r["observations"], r["latest_period"]) for r in json.loads(result.stdout)}
        assert got == {"pct": (2, "2019-12"), "patents_per_10k": (1, "2018")}


def test_targets_lists_kind_value_deadline_section_owners(cli) -> None:
    records = json.loads(_run(cli, "targets", "--format", "json").stdout)
    assert len(records) == 50  # the plan's 42 quantified targets and the 8 ranks of its headline goal
    first = records[0]
    assert (first["target_id"], first["kind"], first["value"], first["deadline"], first["section"],
            first["owners"]) == ("invention_patents_per_10k_2020", "level", 8, 2020, "goals", ["市知识产权局"])
    text = _run(cli, "targets", "--lang", "en", env={"COLUMNS": "100"}).stdout
    assert "I. Goals" in text and "cumulative" in text and "市知识产权局" in text


MARKET_REGULATION = "Chongqing Municipal Administration for Market Regulation"


@pytest.mark.parametrize("dept", ["市市场监管局", "市工商局", MARKET_REGULATION])
def test_dept_by_todays_name_finds_the_plans_items(cli, dept: str) -> None:
    """市工商局 became 市市场监管局 in 2018: asking for either finds the annex's 市工商局 items."""
    records = json.loads(_run(cli, "tasks", "--dept", dept, "--as-of", "2018-01-01", "--format", "json").stdout)
    old = json.loads(_run(cli, "tasks", "--dept", "市工商局", "--as-of", "2018-01-01", "--format", "json").stdout)
    assert records == old and all("市工商局" in r["departments"] for r in records) and len(records) == 21 + 3


def test_a_successor_of_two_departments_finds_both(cli) -> None:
    """重庆银监局 and 重庆保监局 both became 金融监管总局重庆监管局; 市经济信息委 took in 市中小企业局."""
    records = json.loads(_run(cli, "tasks", "--dept", "金融监管总局重庆监管局", "--format", "json").stdout)
    assert {d for r in records for d in r["departments"]} >= {"重庆银监局", "重庆保监局"}
    both = json.loads(_run(cli, "tasks", "--dept", "市经济信息委", "--format", "json").stdout)
    named = {d for r in both for d in r["departments"]}
    assert {"市中小企业局", "市经济信息委"} <= named


def test_titles_name_the_department_both_ways(cli) -> None:
    new = _run(cli, "status", "--dept", "市市场监管局", "--as-of", "2020-01-01").stdout.splitlines()[0]
    old = _run(cli, "report", "--dept", "市工商局", "--as-of", "2020-01-01").stdout.splitlines()[0]
    assert new == "渝府发〔2016〕56号 — 目标进展 截至 2020-01-01，市市场监管局（原市工商局）"
    assert old == "渝府发〔2016〕56号 — 周报 截至 2020-01-01，市工商局（现市市场监管局）"


def test_depts_shows_the_plans_name_and_todays(cli) -> None:
    text = _run(cli, "depts", "--as-of", "2021-01-01", env={"COLUMNS": "100"}).stdout
    assert "市工商局 → 市市场监管局" in text and "市文化委 → 市文化旅游委" in text
    assert "市知识产权局 →" not in text  # re-formed in 2018 under its own name, not merged
    records = {r["department"]: r for r in json.loads(_run(cli, "depts", "--format", "json").stdout)}
    assert records["市工商局"]["successor"] == "市市场监管局" and records["市知识产权局"]["successor"] is None


def test_every_successor_has_a_source_and_the_indirect_ones_say_so() -> None:
    from cqip.data.tasks_file import parse_tasks

    book = parse_tasks((BUNDLED / "tasks.yaml").read_text(encoding="utf-8"), "tasks.yaml")
    successors = [d.successor for d in book.departments.values() if d.successor]
    assert len(successors) == 9
    assert all(s.source.startswith(("http://", "https://")) for s in successors)
    assert all(s.note for s in successors if s.evidence != "A")
    assert book.departments["市工商局"].successor is not None and "市知识产权局" in (book.departments["市工商局"]
                                                                                     .successor.note or "")
