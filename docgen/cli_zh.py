"""Chinese for Click's own messages (usage line, option errors, help headings).

Click marks its strings for gettext (`from gettext import gettext as _`) but ships no
catalogues; docgen replaces the `_`/`ngettext` of Click's modules with a lookup in the table
below, so every line a user sees is Chinese. Unknown strings fall through unchanged.
"""

from __future__ import annotations

import sys

MESSAGES = {
    "%(prog)s, version %(version)s": "%(prog)s，版本 %(version)s",
    "Aborted!": "已取消。",
    "Argument {name!r} takes {nargs} values.": "参数 {name!r} 需要 {nargs} 个值。",
    "Choose from:\n\t{choices}": "可选：\n\t{choices}",
    "Commands": "命令",
    "Could not open file {filename!r}: {message}": "无法打开文件 {filename!r}：{message}",
    "Error: {message}": "错误：{message}",
    "Invalid value for {param_hint}: {message}": "{param_hint} 的值无效：{message}",
    "Invalid value: {message}": "值无效：{message}",
    "Missing argument": "缺少参数",
    "Missing command.": "缺少命令。",
    "Missing option": "缺少选项",
    "Missing parameter": "缺少参数",
    "Missing parameter: {param_name}": "缺少参数：{param_name}",
    "Missing {param_type}": "缺少{param_type}",
    "No such command {name!r}.": "没有命令 {name!r}。",
    "No such option {name!r}.": "没有选项 {name!r}。",
    "Option {name!r} does not take a value.": "选项 {name!r} 不需要值。",
    "Options": "选项",
    "Show the version and exit.": "显示版本号并退出。",
    "Show this message and exit.": "显示本帮助并退出。",
    "Try '{command} {option}' for help.": "用 '{command} {option}' 查看帮助。",
    "Usage:": "用法：",
    "default: {default}": "默认：{default}",
    "directory": "目录",
    "file": "文件",
    "path": "路径",
    "argument": "参数",
    "option": "选项",
    "{name} {filename!r} does not exist.": "{name} {filename!r} 不存在。",
    "{name} {filename!r} is a directory.": "{name} {filename!r} 是一个目录。",
    "{name} {filename!r} is a file.": "{name} {filename!r} 是一个文件。",
    "{name} {filename!r} is not readable.": "{name} {filename!r} 不可读。",
    "{name} {filename!r} is not writable.": "{name} {filename!r} 不可写。",
    "{value!r} is not a valid {number_type}.": "{value!r} 不是有效的{number_type}。",
    "{value} is not in the range {range}.": "{value} 不在 {range} 范围内。",
}
PLURALS = {
    "Did you mean {possibility}?": ("你是不是要用 {possibility}？", "（你是不是要用其中之一：{possibilities}？）"),
    "Got unexpected extra argument ({args})": ("多余的参数（{args}）", "多余的参数（{args}）"),
    "Option {name!r} requires an argument.": ("选项 {name!r} 需要一个值。", "选项 {name!r} 需要 {nargs} 个值。"),
    "{value!r} is not {choice}.": ("{value!r} 不是 {choice}。", "{value!r} 不在可选值 {choices} 之中。"),
}


def gettext(message: str) -> str:
    return MESSAGES.get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    forms = PLURALS.get(singular)
    if forms is None:
        return singular if n == 1 else plural
    return forms[0] if n == 1 else forms[1]


def install() -> None:
    """Point every loaded Click module's `_` and `ngettext` at the Chinese table."""
    for name, module in list(sys.modules.items()):
        if (name == "click" or name.startswith("click.")) and module is not None:
            if hasattr(module, "_"):
                module._ = gettext
            if hasattr(module, "ngettext"):
                module.ngettext = ngettext
