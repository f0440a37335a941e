"""Surname facts for sorting: compound surnames and the readings surnames take (曾 zēng, 单 shàn …)."""

from __future__ import annotations

COMPOUND = frozenset(
    "欧阳 司马 上官 诸葛 东方 皇甫 尉迟 公羊 澹台 公冶 宗政 濮阳 淳于 太叔 申屠 公孙 仲孙 轩辕 令狐 "
    "钟离 宇文 长孙 慕容 鲜于 闾丘 司徒 司空 亓官 司寇 子车 颛孙 端木 巫马 公西 漆雕 乐正 壤驷 公良 拓跋 "
    "夹谷 宰父 谷梁 段干 百里 东郭 南门 呼延 羊舌 微生 梁丘 左丘 东门 西门 南宫 第五 万俟 赫连 夏侯 "
    "独孤 闻人 东里".split()
)

# Surname readings (TONE3) that differ from a character's most common reading.
READINGS: dict[str, list[str]] = {
    "曾": ["zeng1"], "单": ["shan4"], "仇": ["qiu2"], "区": ["ou1"], "解": ["xie4"], "朴": ["piao2"],
    "查": ["zha1"], "翟": ["zhai2"], "覃": ["qin2"], "缪": ["miao4"], "盖": ["ge3"], "秘": ["bi4"],
    "种": ["chong2"], "任": ["ren2"], "乐": ["yue4"], "尉": ["wei4"], "华": ["hua4"], "句": ["gou1"],
    "员": ["yun4"], "贲": ["ben1"], "隗": ["wei3"], "莘": ["shen1"], "郇": ["huan2"], "召": ["shao4"],
    "宿": ["su4"], "能": ["nai4"], "冼": ["xian3"], "折": ["she2"], "繁": ["po2"], "藏": ["zang4"],
    "卜": ["bu3"], "薄": ["bo2"], "柏": ["bai3"], "阚": ["kan4"], "长": ["chang2"], "参": ["can1"],
    "沈": ["shen3"], "石": ["shi2"], "车": ["che1"], "都": ["du1"], "重": ["chong2"], "叶": ["ye4"],
    "洗": ["xian3"], "过": ["guo1"], "应": ["ying1"], "训": ["xun4"], "纪": ["ji3"], "祭": ["zhai4"],
    "尉迟": ["yu4", "chi2"], "万俟": ["mo4", "qi2"], "长孙": ["zhang3", "sun1"],
    "澹台": ["tan2", "tai2"], "乐正": ["yue4", "zheng4"],
}


def split_name(name: str) -> tuple[str, str]:
    """(surname, given name): a known compound surname when the name is long enough, else the first character."""
    if len(name) >= 3 and name[:2] in COMPOUND:
        return name[:2], name[2:]
    return name[:1], name[1:]
