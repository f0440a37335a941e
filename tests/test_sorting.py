"""Name sorting: 姓氏笔画 / 姓名笔画 rules, pinyin with surname readings, by unit; the shipped stroke table."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from docgen.roster import Attendee, Roster, group_by_unit, sort_attendees
from docgen.roster.strokes import stroke_count, stroke_table


def order(names, mode, **kw):
    return [a.name for a in sort_attendees(Roster.of_names(*names).attendees, mode, **kw)]


@pytest.mark.parametrize("expected", [
    ["丁小宁", "王小宁", "文小宁"],          # 2 strokes < 4; 王 (横 first) < 文 (点 first)
    ["欧阳少东", "洪少东"],                  # a compound surname sorts by its first character: 欧 8 < 洪 9
    ["李一鸣", "李大鸣"],                    # same surname: 一 1 < 大 3
    ["林小明", "欧小明"],                    # both 8: second stroke 丨 (林) before 丿 (欧)
    ["田富", "田大利"],                      # 姓氏笔画: 单名 = 姓 + blank + 名
    ["高富", "高大富"],
    ["马骏", "王建国", "田富", "田大利", "刘洋", "曾志强"],
])
def test_surname_stroke_order(expected):
    assert order(list(reversed(expected)), "strokes") == expected
    assert order(expected, "strokes") == expected


def test_full_name_stroke_order_has_no_blank():
    assert order(["田富", "田大利"], "strokes", full_name=True) == ["田大利", "田富"]
    assert order(["高富", "高大富"], "strokes", full_name=True) == ["高大富", "高富"]


def test_single_surname_comes_before_the_compound_surname_it_starts():
    assert order(["欧阳明", "欧明"], "strokes") == ["欧明", "欧阳明"]


def test_pinyin_reads_surnames_as_surnames():
    from docgen.roster.sorting import pinyin_key

    assert [k[:2] for k in pinyin_key("曾国藩")] == [("zeng", 1), ("guo", 2), ("fan", 1)]
    assert pinyin_key("单田芳")[0][:2] == ("shan", 4)
    assert pinyin_key("尉迟恭")[0][:2] == ("yu", 4)
    assert order(["张伟", "曾伟", "陈丽", "蔡伟"], "pinyin") == ["蔡伟", "陈丽", "曾伟", "张伟"]  # zeng, not ceng
    assert order(["沈阳", "邵华", "单丽"], "pinyin") == ["单丽", "邵华", "沈阳"]                # shan, not dan
    assert order(["谢明", "解放", "徐强"], "pinyin") == ["解放", "谢明", "徐强"]                # xie, not jie
    assert order(["仇伟", "邱明", "秦力"], "pinyin") == ["秦力", "邱明", "仇伟"]                # qiu2 after qiu1
    assert order(["潘红", "区明"], "pinyin") == ["区明", "潘红"]                                # ou, not qu


def test_unit_mode_groups_by_first_appearance_and_keeps_roster_order():
    people = [Attendee("甲", unit="B"), Attendee("乙", unit="A"), Attendee("丙", unit="B"), Attendee("丁", unit="A")]
    assert [a.name for a in sort_attendees(people, "unit")] == ["甲", "丙", "乙", "丁"]
    assert list(group_by_unit(people)) == ["B", "A"]


def test_none_keeps_roster_order():
    assert order(["王五", "丁一", "张三"], "none") == ["王五", "丁一", "张三"]


def test_unknown_character_is_warned_and_sorted_last(caplog):
    assert order(["王𠀀", "王一"], "strokes") == ["王一", "王𠀀"]
    assert "𠀀" in caplog.text and "王𠀀" in caplog.text


# 百家姓 (the first 400 single surnames) and common given-name characters must all be in the table.
SURNAMES = (
    "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨朱秦尤许何吕施张孔曹严华金魏陶姜戚谢邹喻柏水窦章云苏潘葛奚范彭郎鲁韦昌马苗凤花"
    "方俞任袁柳酆鲍史唐费廉岑薛雷贺倪汤滕殷罗毕郝邬安常乐于时傅皮卞齐康伍余元卜顾孟平黄和穆萧尹姚邵湛汪祁毛禹狄米"
    "贝明臧计伏成戴谈宋茅庞熊纪舒屈项祝董梁杜阮蓝闵席季麻强贾路娄危江童颜郭梅盛林刁钟徐邱骆高夏蔡田樊胡凌霍虞万支"
    "柯昝管卢莫经房裘缪干解应宗丁宣贲邓郁单杭洪包诸左石崔吉钮龚程嵇邢滑裴陆荣翁荀羊於惠甄曲家封芮羿储靳汲邴糜松井"
    "段富巫乌焦巴弓牧隗山谷车侯宓蓬全郗班仰秋仲伊宫宁仇栾暴甘钭厉戎祖武符刘景詹束龙叶幸司韶郜黎蓟薄印宿白怀蒲邰从"
    "鄂索咸籍赖卓蔺屠蒙池乔阴鬱胥能苍双闻莘党翟谭贡劳逄姬申扶堵冉宰郦雍卻璩桑桂濮牛寿通边扈燕冀郏浦尚农温别庄晏柴"
    "瞿阎充慕连茹习宦艾鱼容向古易慎戈廖庾终暨居衡步都耿满弘匡国文寇广禄阙东欧殳沃利蔚越夔隆师巩厍聂晁勾敖融冷訾辛"
    "阚那简饶空曾毋沙乜养鞠须丰巢关蒯相查后荆红游竺权逯盖益桓公覃"
)
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文海燕东梅林波斌宁鹏辉晓婷雪琳颖浩宇轩涵梓睿欣怡"


def test_stroke_table_covers_common_surnames_and_given_names():
    table = stroke_table()
    missing = [c for c in SURNAMES + GIVEN if c not in table]
    assert missing == []
    assert len(table) > 20000


@pytest.mark.parametrize("char, count", [("一", 1), ("丁", 2), ("王", 4), ("文", 4), ("欧", 8), ("洪", 9), ("曾", 12),
                                          ("范", 8), ("达", 6), ("富", 12), ("骨", 9)])
def test_stroke_counts_are_simplified_counts(char, count):
    assert stroke_count(char) == count


@given(st.lists(st.text(alphabet="王李张刘陈欧阳田富大利一丁文曾单Ab ", min_size=1, max_size=4), max_size=30),
       st.sampled_from(["none", "pinyin", "strokes", "unit"]), st.booleans())
def test_sorting_is_a_permutation(names, mode, full_name):
    people = [Attendee(n, unit=n[:1]) for n in names]
    result = sort_attendees(people, mode, full_name=full_name)
    assert sorted(id(a) for a in result) == sorted(id(a) for a in people)
