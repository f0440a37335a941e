"""`docgen doctor`: is LibreOffice there, and which font renders each role of the documents?"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass

from docgen.export.pdf import INSTALL_HINT, find_soffice

FONT_FIX = "运行 bash fonts/install-fonts.sh 安装字体别名（需先安装 fonts-noto-cjk 与 fonts-arphic-ukai）"

# role -> (font name written into documents, words that the matched family should contain)
FONT_ROLES = {
    "仿宋（讲义正文）": ("仿宋_GB2312", ("serif", "song", "ming", "fang")),
    "小标宋（标题）": ("方正小标宋简体", ("serif", "song", "ming")),
    "黑体（一级标题、课件）": ("黑体", ("sans", "hei")),
    "楷体（二级标题）": ("楷体_GB2312", ("kai",)),
    "宋体（页码）": ("宋体", ("serif", "song", "ming")),
    "微软雅黑（课件）": ("微软雅黑", ("sans", "hei", "yahei")),
}


@dataclass
class Check:
    name: str
    ok: bool
    detail: str
    fix: str = ""


def run_checks() -> list[Check]:
    return [_check_libreoffice(), _check_drawer(),
            *(_check_font(role, font, words) for role, (font, words) in FONT_ROLES.items())]


def _check_drawer() -> Check:
    from docgen.export import fontfiles

    name = "直接绘制 PDF（签到表、桌签、结业证书）"
    if fontfiles.available():
        return Check(name, True, "可用（用 fontconfig 找到与 LibreOffice 相同的字体）")
    return Check(name, False, "没有 fc-match：签到表、桌签、结业证书改由 LibreOffice 转换，人数多时很慢",
                 "在 Linux 上安装 fontconfig")


def _check_libreoffice() -> Check:
    soffice = find_soffice()
    if not soffice:
        return Check("LibreOffice（生成 PDF）", False, "未找到", INSTALL_HINT)
    try:
        version = subprocess.run([soffice, "--version"], capture_output=True, text=True, timeout=60).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        version = soffice
    return Check("LibreOffice（生成 PDF）", True, version or soffice)


def _check_font(role: str, font: str, words: tuple[str, ...]) -> Check:
    if not shutil.which("fc-match"):
        return Check(role, False, "无法检查（没有 fc-match）", "在 Linux 上安装 fontconfig")
    out = subprocess.run(["fc-match", "-f", "%{family[0]}\t%{lang}", f"{font}:lang=zh-cn"],
                         capture_output=True, text=True).stdout
    family, _, langs = out.partition("\t")
    has_chinese = "zh-cn" in langs.split("|")
    looks_right = any(w in family.lower().replace(" ", "") for w in words)
    ok = has_chinese and looks_right
    detail = f"{font} → {family or '无'}"
    if has_chinese and not looks_right:
        detail += "（字形风格不符）"
    return Check(role, ok, detail, "" if ok else FONT_FIX)
