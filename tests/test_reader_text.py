"""Plain-text reader: encodings, cleaning, errors."""

import pytest

from docgen.errors import InputError
from docgen.readers import read_speech

SPEECH = "关于加强学习的讲话\n\n同志们：\n今天讲两点意见。\n一是要加强学习。学习是立身之本。\n二是要注重实践。实践出真知。\n同志们，让我们共同努力！\n"


def write(tmp_path, data: bytes, name="speech.txt"):
    p = tmp_path / name
    p.write_bytes(data)
    return p


def check(sp):
    assert sp.title == "关于加强学习的讲话"
    assert sp.salutation == "同志们："
    assert [s.marker for s in sp.sections] == ["一是", "二是"]
    assert sp.closing == ["同志们，让我们共同努力！"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "utf-16-be", "gbk", "gb18030"])
def test_encodings_detected(tmp_path, encoding):
    data = SPEECH.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    check(read_speech(write(tmp_path, data)))


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_bom_is_recognised(tmp_path, codec):
    check(read_speech(write(tmp_path, SPEECH.replace("\n", "\r\n").encode(codec))))


def test_binary_with_nul_bytes_on_one_side_only_is_still_refused(tmp_path):
    data = bytes(b for i in range(2000) for b in (i % 251 + 1, 0))  # every odd byte NUL, no Chinese in it
    with pytest.raises(InputError, match="二进制"):
        read_speech(write(tmp_path, data))


def test_forced_encoding(tmp_path):
    p = write(tmp_path, SPEECH.encode("gbk"))
    check(read_speech(p, encoding="gbk"))
    with pytest.raises(InputError, match="utf-8"):
        read_speech(p, encoding="utf-8")
    with pytest.raises(InputError, match="不认识的编码"):
        read_speech(p, encoding="no-such-codec")


def test_crlf_fullwidth_indents_and_blank_lines(tmp_path):
    text = SPEECH.replace("\n", "\r\n\r\n\r\n\r\n").replace("今天", "\u3000\u3000今天").replace("一是", "　　一是")
    check(read_speech(write(tmp_path, text.encode("gbk"))))


def test_paragraphs_separated_only_by_two_fullwidth_spaces(tmp_path):
    body = "\u3000\u3000".join(["同志们：", "今天讲两点意见，都很重要，请大家认真听取并且抓好落实。",
                                "一是要加强学习。学习是立身之本，要持之以恒。", "二是要注重实践。实践出真知，要知行合一。",
                                "同志们，让我们共同努力！"])
    sp = read_speech(write(tmp_path, ("关于加强学习的讲话\n\u3000\u3000" + body).encode("utf-8")))
    check(sp)


def test_xml_invalid_characters_removed(tmp_path):
    sp = read_speech(write(tmp_path, SPEECH.replace("学习是", "学\x01习\x0b是").encode("utf-8")))
    assert sp.sections[0].paragraphs == ["学习是立身之本。"]


def test_stray_web_text_before_title(tmp_path):
    junk = "下载\n打印\n全屏\n收藏\n【字号：\n加大\n还原\n减小\n】\n"
    check(read_speech(write(tmp_path, (junk + SPEECH).encode("utf-8"))))


@pytest.mark.parametrize("data, message", [
    (b"PK\x03\x04" + bytes(range(256)) * 4, "二进制"),
    (bytes(range(256)) * 8, "二进制"),
    (b"\x81\x30\xff\xfe\x80" * 50, "无法识别文本编码"),
])
def test_binary_and_undecodable(tmp_path, data, message):
    p = write(tmp_path, data)
    with pytest.raises(InputError, match=message) as e:
        read_speech(p)
    assert str(p) in str(e.value)


def test_whitespace_only_file(tmp_path):
    with pytest.raises(InputError, match="没有文字"):
        read_speech(write(tmp_path, "\u3000\u3000\r\n\r\n".encode("utf-8")))


def test_hard_wrapped_lines_are_joined(tmp_path):
    import textwrap

    first = "　　今天讲两点意见，都很重要，请大家认真听取并且抓好落实，把各项工作做得更好更扎实。"
    point = "　　一是要加强学习。学习是立身之本，我们必须持之以恒地抓好理论学习，不断提高政治能力和业务水平。"
    second = "　　二是要注重实践。实践出真知，我们要在实践中增长才干，在攻坚克难中锤炼作风，推动工作落地见效。"
    lines = ["关于加强学习的讲话", "同志们："]
    for para in (first, point, second):
        lines += textwrap.wrap(para, 18)
    lines.append("　　同志们，让我们共同努力！")
    sp = read_speech(write(tmp_path, "\n".join(lines).encode("utf-8")))
    check(sp)
    assert sp.preamble == [first.strip()]
    assert sp.sections[0].heading_text() + sp.sections[0].paragraphs[0] == point.strip()
