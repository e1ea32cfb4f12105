"""Files as they come from Excel and press releases: encodings, number formats, units, periods."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import write_data
from cqip.data.encoding import decode
from cqip.data.numbers import parse_number
from cqip.data.periods import Period, PeriodError
from cqip.data.units import UnitError, conversion_factor

TEXT = "indicator,period,value,unit,source,note\npct,2016,400,件,重庆日报,全年\n"


@pytest.mark.parametrize(
    "data",
    [TEXT.encode("utf-8"), b"\xef\xbb\xbf" + TEXT.encode("utf-8"), TEXT.encode("gb18030"), TEXT.encode("gbk")],
    ids=["utf-8", "utf-8-bom", "gb18030", "gbk"],
)
def test_encodings_decode_to_the_same_text(data: bytes) -> None:
    assert decode(data, "f.csv") == (TEXT, None)


@pytest.mark.parametrize(
    ("data", "offset", "byte"),
    [
        (b"indicator\n\xff\xfe", 10, "0xff"),  # neither encoding: UTF-8 fails at 10, GB18030 too
        ("abc,重庆".encode("gbk") + b"\x81\x20", 8, "0x81"),  # GBK with a truncated pair: the GB18030 offset
        (b"abc\x00\x81\x40", 4, "0x81"),  # decodes as GB18030 but holds a NUL: not text
    ],
)
def test_undecodable_file_names_the_byte_offset(data: bytes, offset: int, byte: str) -> None:
    text, problem = decode(data, "f.csv")
    assert text is None
    assert str(problem) == f"f.csv: encoding: neither UTF-8 nor GB18030: undecodable byte {byte} at offset {offset}"


def test_gbk_file_validates(cli, tmp_path: Path) -> None:
    data = write_data(tmp_path / "d", actuals={})
    (data / "actuals" / "gbk.csv").write_bytes(TEXT.encode("gbk"))
    assert cli("--data", str(data), "validate").output == "OK: 2 targets, 1 observations\n"


@pytest.mark.parametrize(
    ("text", "value"),
    [("3,500", "3500"), ("3500.0", "3500"), ("３５００", "3500"), ("１２，３４５．５", "12345.5"),
     (" -1,234.25 ", "-1234.25"), ("1e3", "1000")],
)
def test_numbers_as_typed(text: str, value: str) -> None:
    assert parse_number(text) == Decimal(value)


@pytest.mark.parametrize("text", ["3,50", "1,2345", "abc", "", "nan", "inf", "3 500", "1_000", "١٢",
                                  "10²", "①⑨", "𝟏𝟐"])  # NFKC would read these as 102, 19 and 12
def test_not_numbers(text: str) -> None:
    with pytest.raises(ValueError):
        parse_number(text)


@given(st.decimals(allow_nan=False, allow_infinity=False, places=4))
def test_grouped_numbers_round_trip(value: Decimal) -> None:
    assert parse_number(f"{value:,}") == value


@pytest.mark.parametrize(
    ("given_unit", "wanted", "factor"),
    [("万件", "件", "10000"), ("件", "件", "1"), ("万元", "亿元", "0.0001"), ("亿元", "万元", "10000"),
     ("件/百万人", "件/万人", "0.01"), ("件/万元", "件/亿元", "10000"), ("千万件", "万件", "1000")],
)
def test_unit_factors_are_exact(given_unit: str, wanted: str, factor: str) -> None:
    assert conversion_factor(given_unit, wanted) == Decimal(factor)


@pytest.mark.parametrize(("given_unit", "wanted"), [("万家", "件"), ("件", "件/万人"), ("%", "件"), ("万", "件")])
def test_incompatible_units_name_both(given_unit: str, wanted: str) -> None:
    with pytest.raises(UnitError, match=f"unit '{given_unit}' cannot be converted to '{wanted}'"):
        conversion_factor(given_unit, wanted)


def test_scaled_rows_are_converted_exactly(cli, tmp_path: Path) -> None:
    # 0.07万件 = 700 件 and 0.0007百万件 = 700 件 exactly (as floats, 0.07 · 10000 = 700.0000000000001);
    # per capita: 550 件/百万人 = 550 / 100 = 5.5 件/万人.
    rows = ("indicator,period,value,unit,source\npct,2016,0.07,万件,s\npct,2017,0.0007,百万件,s\n"
            "patents_per_10k,2015,550,件/百万人,s\n")
    data = write_data(tmp_path / "d", actuals={"a.csv": rows})
    out = json.loads(cli("--data", str(data), "status", "-f", "json", "--as-of", "2017-12-31").output)
    by_id = {r["target_id"]: r for r in out}
    assert by_id["pct_2016_2020"]["actual"] == 1400.0  # cumulative 700 + 700, no drift
    assert by_id["patents_2020"]["baseline_value"] == 5.5
    assert 0.07 * 10000 != 700  # the float trap the Decimal conversion avoids


@pytest.mark.parametrize(
    ("text", "period"),
    [("2019", Period(2019)), ("2019-11", Period(2019, 11)), ("2019-11-30", Period(2019, 11, 30)),
     ("2019年", Period(2019)), ("2019年11月", Period(2019, 11)), ("2019年1月", Period(2019, 1)),
     (" ２０１９年 ", Period(2019)), ("\u30002019年１１月", Period(2019, 11))],
)
def test_periods(text: str, period: Period) -> None:
    assert Period.parse(text) == period


@pytest.mark.parametrize(
    "text", ["19", "2019-1", "2019/11", "2019-11-31", "2019年13月", "2019年11月30日", "2019Q3", "", "二〇一九年",
             "1899", "٢٠١٩", "२०१९-११", "²⁰¹⁹", "②⓪①⑨"]  # as numbers refuse other scripts' digits
)
def test_not_periods(text: str) -> None:
    with pytest.raises(PeriodError):
        Period.parse(text)


def test_whitespace_blank_lines_comments_and_crlf(cli, tmp_path: Path) -> None:
    rows = ("# exported from Excel\r\n\r\n indicator , period,value,unit,source\r\n"
            "  pct , 2016 , 400 , 件 , s \r\n\r\n# a comment, with commas\r\n   \r\npct,2017,450,件,s\r\n")
    data = write_data(tmp_path / "d", actuals={"a.csv": rows})
    assert cli("--data", str(data), "validate").output == "OK: 2 targets, 2 observations\n"
