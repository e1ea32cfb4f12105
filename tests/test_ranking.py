"""Ranks among peer groups: the plan's headline goal (全国中上水平、西部前列).

A four-province fixture (西部 = 重庆 四川 陕西 贵州), checked by hand in the comments, for the rules:
ties, a missing member, lower is better, the citywide stand-in, a 口径 difference, a lower bound and
a published rank. The ranks of the bundled CNIPA tables are in test_bundled_data.py.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from conftest import TARGETS_YAML, write_data
from cqip.data.loading import load_dataset
from cqip.data.models import CITY
from cqip.store.datadir import read_sources
from cqip.verdicts.evaluation import Missing, Rule, Status, evaluate_target
from cqip.verdicts.ranking import RankEvaluation, Standing, competition_ranks, standings
from cqip.verdicts.regions import compare, in_region

# --- the fixture -----------------------------------------------------------------------------------

GROUP_YAML = """\
  region: 重庆
groups:
  - name: 西部
    en: the west
    members: [重庆, 四川, 陕西, 贵州]
sections:"""
RANK_TARGETS = """\
  - id: pct_rank_west
    indicator: pct
    section: goals
    kind: rank
    among: 西部
    max_rank: 2
    clause: 西部前列
  - id: pendency_rank_west
    indicator: pendency
    section: goals
    kind: rank
    among: 西部
    max_rank: 1
    direction: lower
    clause: 审查周期西部最短
  - id: index_rank_west
    indicator: index_rank
    section: goals
    kind: rank
    among: 西部
    max_rank: 2
    clause: 综合指数西部前列
"""
INDICATORS = """\
  - id: pendency
    zh: 平均审查周期
    en: Average pendency
    unit: 月
    measure: stock
  - id: index_rank
    zh: 综合指数排名
    en: Composite index rank
    unit: 位
    measure: stock
targets:
"""
RANKED_YAML = (TARGETS_YAML.replace("  deadline: 2020\nsections:", "  deadline: 2020\n" + GROUP_YAML, 1)
               .replace("targets:\n", INDICATORS, 1) + RANK_TARGETS)
# 2016: 全市 400 stands in for 重庆 (no 重庆 row): 四川 500 > 重庆 400 = 陕西 400 > 贵州 100 → 1, 2, 2, 4.
# 2017: 贵州 has no figure → incomplete, no rank (重庆's 全市 450 is not ranked against three).
# 2018: 重庆's own CNIPA row 200 wins over the 全市 row 210 (another 口径): 四川 500, 陕西 300, 贵州 250,
#       重庆 200 → rank 4.
# 2019: 贵州's figure is only a lower bound (≥ 150) → not a figure to rank → incomplete, 贵州 named.
# pendency 2018, lower is better: 贵州 8 < 重庆 10 = 陕西 10 < 四川 12 → 1, 2, 2, 4: 重庆 2nd.
# The provincial tables (CNIPA 口径): indicator, period, unit, source, bound, then each province's value.
TABLES = [("pct", "2016", "件", "t", "", {"四川": 500, "陕西": 400, "贵州": 100}),
          ("pct", "2017", "件", "t", "", {"四川": 600, "陕西": 300}),
          ("pct", "2018", "件", "t", "", {"重庆": 200, "四川": 500, "陕西": 300, "贵州": 250}),
          ("pct", "2019", "件", "t", "", {"重庆": 300, "四川": 500, "陕西": 300}),
          ("pct", "2019", "件", "t", "min", {"贵州": 150}),
          ("pendency", "2018", "月", "p", "", {"重庆": 10, "四川": 12, "陕西": 10, "贵州": 8})]
RANKED_CSV = """\
indicator,period,value,unit,source,note,recorded,region,scope,bound
patents_per_10k,2015,4,件/万人,s,,,,,
patents_per_10k,2018,6,件/万人,s,,,,,
pct,2016,400,件,s,,,,,
pct,2017,450,件,s,,,,,
pct,2018,210,件,city,,,,,
""" + "".join(f"{indicator},{period},{value},{unit},{source},,,{province},CNIPA,{bound}\n"
              for indicator, period, unit, source, bound, values in TABLES for province, value in values.items()) + """\
index_rank,2019,1,位,r,published: 1st in the west,,重庆,某报告,
"""


@pytest.fixture
def ranked(tmp_path: Path) -> Path:
    return write_data(tmp_path / "data", RANKED_YAML, {"main.csv": RANKED_CSV})


def load(root: Path):
    return load_dataset(*read_sources(root))


def verdict(root: Path, target_id: str, day: date) -> RankEvaluation:
    dataset = load(root)
    ev = evaluate_target(dataset, next(t for t in dataset.catalog.targets if t.id == target_id), day)
    assert isinstance(ev, RankEvaluation)
    return ev


def tables(root: Path, target_id: str, day: date = date(2030, 1, 1)) -> dict[str, Standing]:
    dataset = load(root)
    target = next(t for t in dataset.catalog.targets if t.id == target_id)
    return {str(s.period): s for s in standings(dataset, target, day)}


def places(standing: Standing) -> list[tuple[int | None, str, float]]:
    return [(e.rank, e.region, e.observation.value) for e in standing.entries]


def run_json(cli, root: Path, *args: str):
    result = cli("--data", str(root), *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


# --- the rules -------------------------------------------------------------------------------------

def test_competition_ranking_shares_a_place_and_skips_the_next() -> None:
    assert competition_ranks([500, 400, 400, 100]) == [1, 2, 2, 4]
    # lower is better: 8 best, then the two 10s, then 12
    assert competition_ranks([10, 12, 10, 8], higher=False) == [2, 4, 2, 1]
    assert competition_ranks([]) == []


def test_ties_and_the_citywide_rows_standing_in_for_the_plans_region(ranked: Path) -> None:
    found = tables(ranked, "pct_rank_west")
    # 2016: 重庆 has no row of its own; its 全市 row (400) stands in and ties with 陕西.
    assert places(found["2016"]) == [(1, "四川", 500), (2, "重庆", 400), (2, "陕西", 400), (4, "贵州", 100)]
    assert found["2016"].rank == 2 and found["2016"].own is not None
    assert found["2016"].own.observation.region == CITY


def test_own_row_wins_over_the_citywide_one_in_another_scope(ranked: Path) -> None:
    found = tables(ranked, "pct_rank_west")
    # 2018: 重庆 200 (CNIPA, its own row) is ranked, not the 全市 210: 500, 300, 250, 200 → 4th.
    assert found["2018"].rank == 4
    assert found["2018"].own is not None and found["2018"].own.observation.value == 200


def test_a_member_without_a_figure_makes_the_period_incomplete_and_is_named(ranked: Path) -> None:
    found = tables(ranked, "pct_rank_west")
    assert found["2017"].missing == ("贵州",) and found["2017"].rank is None
    assert all(e.rank is None for e in found["2017"].entries)  # never a rank against a partial field
    # a lower bound is not a figure to rank either
    assert found["2019"].missing == ("贵州",) and found["2019"].rank is None


def test_lower_is_better(ranked: Path) -> None:
    found = tables(ranked, "pendency_rank_west")
    assert places(found["2018"]) == [(1, "贵州", 8), (2, "重庆", 10), (2, "陕西", 10), (4, "四川", 12)]
    ev = verdict(ranked, "pendency_rank_west", date(2018, 12, 31))
    # 2nd against "at most 1st": off track, outside the band it must hold
    assert (ev.actual, ev.target_value, ev.status, ev.reason) == (2, 1, Status.OFF_TRACK, Rule.OUTSIDE_BAND)


def test_status_follows_the_rank_series(ranked: Path) -> None:
    # as of 2016: 2nd ≤ 2 → achieved early; the figure ranked is 400 among 4
    ev = verdict(ranked, "pct_rank_west", date(2016, 12, 31))
    assert (ev.status, ev.actual, ev.achieved_in, ev.field_size, ev.rank_value) == (
        Status.ACHIEVED, 2, "2016", 4, 400)
    # as of 2017: still 2016's rank; the incomplete 2017 table is named, not ranked
    ev = verdict(ranked, "pct_rank_west", date(2017, 12, 31))
    assert (ev.status, ev.actual) == (Status.ACHIEVED, 2)
    assert ev.missing == (Missing("members", 2017, ("贵州",)),)
    # as of 2018: 4th against ≤ 2 → off track; the path is the band: expected 2, 2 places to climb
    ev = verdict(ranked, "pct_rank_west", date(2018, 12, 31))
    assert (ev.status, ev.actual, ev.expected, ev.gap_to_target, ev.rank_value) == (
        Status.OFF_TRACK, 4, 2, 2, 200)
    assert ev.achievement == pytest.approx(0.5)  # 完成率 of a place: 2 / 4
    assert ev.outlook is None and ev.projected is None  # nothing projected from the band


def test_no_complete_period_is_incomplete_naming_who_is_missing(ranked: Path) -> None:
    text = RANKED_CSV.replace("pct,2016,100,件,t,,,贵州,CNIPA,\n", "").replace("pct,2018,250,件,t,,,贵州,CNIPA,\n", "")
    root = write_data(ranked.parent / "gappy", RANKED_YAML, {"main.csv": text})
    ev = verdict(root, "pct_rank_west", date(2018, 12, 31))
    assert (ev.status, ev.reason, ev.actual) == (Status.INCOMPLETE, Rule.FIELD_INCOMPLETE, None)
    assert ev.missing == tuple(Missing("members", y, ("贵州",)) for y in (2016, 2017, 2018))


def test_a_published_rank_is_used_as_it_stands(ranked: Path) -> None:
    ev = verdict(ranked, "index_rank_west", date(2019, 12, 31))
    # 1 位 in 2019 against ≤ 2: achieved; the field is the group, there is no figure behind the rank
    assert (ev.status, ev.actual, ev.field_size, ev.rank_value) == (Status.ACHIEVED, 1, 4, None)
    assert ev.standings[0].published


def test_a_rank_target_is_the_whole_citys_only(ranked: Path) -> None:
    dataset = load(ranked)
    view = in_region(dataset, "四川")
    assert not any(t.kind.value == "rank" for t in view.catalog.targets)
    # and the peers are not regions of the plan: comparing a citywide target leaves them out
    pct = next(t for t in dataset.catalog.targets if t.id == "pct_2016_2020")
    assert [r.region for r in compare(dataset, pct, date(2018, 12, 31))] == [CITY]


# --- the checks --------------------------------------------------------------------------------------

def _broken(old: str, new: str) -> str:
    assert old in RANKED_YAML
    return RANKED_YAML.replace(old, new, 1)


@pytest.mark.parametrize(("yaml_text", "expected"), [
    (_broken("among: 西部\n    max_rank: 2", "among: 西部地区\n    max_rank: 2"),
     "targets[2].among: unknown group '西部地区' (did you mean 西部?)"),
    (_broken("max_rank: 2\n    clause: 西部前列", "max_rank: 5\n    clause: 西部前列"),
     "targets[2].max_rank: 5 is beyond the 4 members of 西部"),
    (_broken("max_rank: 2\n    clause: 西部前列", "clause: 西部前列"), "targets[2].max_rank: required for kind rank"),
    (_broken("  region: 重庆\n", "  region: 成都\n"),
     "targets[2].among: plan.region '成都' is not a member of group 西部"),
    (_broken("  region: 重庆\n", ""), "plan.region: required by rank targets"),
    (_broken("members: [重庆, 四川, 陕西, 贵州]", "members: [重庆, 四川, 四川, 贵州]"),
     "groups[0].members[2]: member '四川' named twice"),
    (_broken("kind: level\n    value: 8", "kind: level\n    value: 8\n    among: 西部"),
     "targets[0].among: not allowed for kind level"),
    (_broken("max_rank: 2\n    clause: 西部前列", "max_rank: 2\n    value: 2\n    clause: 西部前列"),
     "targets[2].value: not allowed for kind rank"),
])
def test_rank_targets_and_groups_are_checked(cli, tmp_path: Path, yaml_text: str, expected: str) -> None:
    root = write_data(tmp_path / "data", yaml_text, {"main.csv": RANKED_CSV})
    result = cli("--data", str(root), "validate")
    assert result.exit_code == 2
    assert any(expected in line for line in result.output.splitlines()), result.output
    assert "Traceback" not in result.output


def test_group_members_are_registered_regions(cli, tmp_path: Path) -> None:
    """With a `regions:` registry, a province's row needs no second listing: group members are regions."""
    root = write_data(tmp_path / "data", RANKED_YAML.replace("groups:", "regions: [渝中区]\ngroups:", 1),
                      {"main.csv": RANKED_CSV})
    assert cli("--data", str(root), "validate").exit_code == 0


# --- where it shows ----------------------------------------------------------------------------------

def test_compare_prints_the_league_table_with_the_plans_region_marked(cli, ranked: Path) -> None:
    result = cli("--data", str(ranked), "compare", "pct_rank_west", "--year", "2018", "--format", "text",
                 "--lang", "en")
    assert result.exit_code == 0, result.output
    assert "重庆: 4 of 4 (target: top 2)" in result.output
    rows = [line.split() for line in result.output.splitlines() if line.strip()[:1].isdigit()]
    assert [row[:3] for row in rows] == [["1", "四川", "500"], ["2", "陕西", "300"], ["3", "贵州", "250"],
                                         ["4", "重庆", "◀"]]
    records = run_json(cli, ranked, "compare", "pct_rank_west", "--year", "2017")
    # 2017 is incomplete: figures without ranks, and the missing member is named in the text
    assert [(r["rank"], r["region"], r["home"]) for r in records] == [(None, "四川", False), (None, "重庆", True),
                                                                      (None, "陕西", False)]
    text = cli("--data", str(ranked), "compare", "pct_rank_west", "--year", "2017", "--lang", "en").output
    assert "incomplete, so not ranked: no figure of 贵州" in text


def test_status_opens_with_the_headline_and_gap_gives_the_ranks(cli, ranked: Path) -> None:
    out = cli("--data", str(ranked), "status", "--as-of", "2018-12-31", "--format", "text").output
    lines = [line for line in out.splitlines() if line.strip()]
    assert lines[2] == "总体目标：在各省区市中的位次"
    assert "PCT国际专利申请量：西部 2/4（2016） → 4/4（2018），目标前2位" in out
    records = {r["target_id"]: r for r in run_json(cli, ranked, "gap", "--year", "2018")}
    assert {k: records["pct_rank_west"][k] for k in ("kind", "actual", "target", "field_size", "rank_value",
                                                     "status", "unit")} == {
        "kind": "rank", "actual": 4, "target": 2, "field_size": 4, "rank_value": 200, "status": "off_track",
        "unit": "位"}
    assert records["patents_2020"]["field_size"] is None  # the new keys are null elsewhere


def test_show_charts_the_rank_with_the_first_place_on_top(cli, ranked: Path) -> None:
    out = cli("--data", str(ranked), "show", "pct", "--as-of", "2018-12-31", "--format", "text", "--lang",
              "en").output
    chart = out[out.index("Chart: pct_rank_west"):]
    axis = [line.split("┤")[0].strip() for line in chart.splitlines() if "┤" in line]
    assert axis[0] == "2" and axis[-1] == "4"  # ranks 2 (2016) and 4 (2018): the better place is on top
    assert "rank (1st at the top)" in chart
    assert "rank ≤ 2 among the west by 2020" in out


def test_explain_a_rank_target_and_its_region(cli, ranked: Path) -> None:
    out = cli("--data", str(ranked), "explain", "pct_rank_west", "--year", "2018", "--lang", "en").output
    assert "Status: off track — the rank is outside the band it must hold (top 2)" in out
    assert "  rank 4 > 2" in out
    result = cli("--data", str(ranked), "explain", "pct_rank_west", "--region", "四川")
    assert result.exit_code == 2
    assert "target pct_rank_west applies to 全市 only; add --region 全市" in result.output


def test_report_leads_with_the_headline(cli, ranked: Path) -> None:
    out = cli("--data", str(ranked), "report", "--as-of", "2018-12-31", "--format", "markdown", "--lang",
              "en").output
    assert out.index("## Headline goal: rank among the provinces") < out.index("## statuses and outlooks")
    record = json.loads(cli("--data", str(ranked), "report", "--as-of", "2018-12-31", "--format", "json").output)
    ranks = {r["target_id"]: r["actual"] for r in record["records"] if r["kind"] == "rank"}
    assert ranks == {"pct_rank_west": 4, "pendency_rank_west": 2, "index_rank_west": None}
