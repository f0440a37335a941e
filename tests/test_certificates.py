"""结业证书: one page per attendee from the editable Word template; safe file names with --split."""

from __future__ import annotations

import datetime as dt

import pytest
from click.testing import CliRunner

from docgen.config import ClassInfo
from docgen.errors import TemplateError
from docgen.resources import Templates
from docgen.roster import Attendee, Roster
from docgen.writers.certificates import write_certificates
from helpers import ROOT, assert_valid_ooxml, has_soffice, pdf_words, to_pdf

INFO = ClassInfo(name="2026年全市工会系统理论培训班", organiser="市总工会", start=dt.date(2026, 11, 26),
                 end=dt.date(2026, 11, 27), serial_prefix="2026-工干")
NAMES = ["王建国", "欧阳晓东", "李<&>红"]


def texts(path):
    from docx import Document

    return [p.text for p in Document(str(path)).paragraphs]


@pytest.fixture(scope="module")
def certificates(tmp_path_factory):
    out = tmp_path_factory.mktemp("cert") / "结业证书.docx"
    write_certificates(Roster.of_names(*NAMES), out, INFO, Templates())
    return out, (to_pdf(out)[0] if has_soffice() else None)


def test_valid_and_every_attendee_gets_name_serial_and_wording(certificates):
    from docx import Document

    assert_valid_ooxml(certificates[0])
    paragraphs = texts(certificates[0])
    for i, name in enumerate(NAMES, start=1):
        assert paragraphs.count(f"{name}同志：") == 1
        assert paragraphs.count(f"证书编号：2026-工干-{i:03d}") == 1
    body = "于2026年11月26日至27日参加市总工会举办的2026年全市工会系统理论培训班学习，完成规定课程，经考核合格，准予结业。"
    assert paragraphs.count(body) == len(NAMES)
    assert paragraphs.count("2026年11月27日") == len(NAMES)
    assert not any("{{" in p or "{%" in p for p in paragraphs)
    breaks = [p for p in Document(str(certificates[0])).paragraphs if p.paragraph_format.page_break_before]
    assert len(breaks) == len(NAMES)


@pytest.mark.skipif(not has_soffice(), reason="LibreOffice missing")
def test_pdf_one_landscape_page_per_attendee(certificates):
    pages = pdf_words(certificates[1])
    assert len(pages) == len(NAMES)
    for (width, height, chars), name, n in zip(pages, NAMES, range(1, 4)):
        text = "".join(c[4] for c in chars)
        assert width > height
        assert f"{name}同志" in text and f"2026-工干-00{n}" in text and "结业证书" in text.replace("\u3000", "")


def test_sorted_serials_follow_the_sort(tmp_path):
    out = write_certificates(Roster.of_names("文志刚", "丁晓宁"), tmp_path / "c.docx", INFO, Templates(), sort="strokes")
    paragraphs = texts(out)
    assert paragraphs.index("丁晓宁同志：") < paragraphs.index("文志刚同志：")
    assert paragraphs.index("证书编号：2026-工干-001") < paragraphs.index("文志刚同志：")


@pytest.mark.parametrize("bad", ["../x", "../../etc/passwd", "/etc/passwd", "a\\b", "\x01\x1f控", "..", ".hidden"])
def test_split_file_names_never_leave_the_folder(tmp_path, bad):
    folder = tmp_path / "out" / "证书"
    roster = Roster([Attendee(bad), Attendee("王芳")])
    write_certificates(roster, folder, INFO, Templates(), split=True)
    written = sorted(p for p in tmp_path.rglob("*") if p.is_file())
    assert len(written) == 2
    assert all(p.parent == folder and p.suffix == ".docx" for p in written)
    assert all("/" not in p.name and "\\" not in p.name and not p.name.startswith(".") for p in written)
    assert any(p.name.startswith("2026-工干-002_王芳") for p in written)


def _custom_template(folder, lines):
    from docx import Document

    doc = Document()
    for line in lines:
        doc.add_paragraph(line)
    target = folder / "certificates" / "certificate.docx"
    target.parent.mkdir(parents=True)
    doc.save(str(target))
    return folder


def test_user_template_overrides_the_wording(tmp_path):
    folder = _custom_template(tmp_path / "tpl", ["{%p for c in certificates %}", "荣誉证书：{{ c.name }}（{{ c.serial }}）",
                                                  "{%p endfor %}"])
    out = write_certificates(Roster.of_names("王芳"), tmp_path / "c.docx", INFO, Templates(folder))
    assert "荣誉证书：王芳（2026-工干-001）" in texts(out)


@pytest.mark.parametrize("line", ["{{ c.photo }}", "{% for x in %}"])
def test_broken_template_is_a_template_error_and_writes_nothing(tmp_path, line):
    folder = _custom_template(tmp_path / "tpl", ["{%p for c in certificates %}", line, "{%p endfor %}"])
    with pytest.raises(TemplateError, match="证书模板"):
        write_certificates(Roster.of_names("王芳"), tmp_path / "c.docx", INFO, Templates(folder))
    assert not (tmp_path / "c.docx").exists()


def test_cli_certificates_split_from_the_sample_class(tmp_path):
    from docgen.cli import cli

    out = tmp_path / "证书"
    result = CliRunner().invoke(cli, ["certificates", "--class", str(ROOT / "source" / "class.toml"), "--split",
                                      "-o", str(out)])
    assert result.exit_code == 0, result.output
    files = sorted(p.name for p in out.iterdir())
    assert len(files) >= 30 and files[0].startswith("2026-工干-001_")


def test_the_name_stands_out_and_the_signature_block_is_centred(certificates):
    from docx import Document

    doc = Document(str(certificates[0]))
    greeting = next(p for p in doc.paragraphs if p.text == f"{NAMES[0]}同志：")
    name, rest = greeting.runs[0], greeting.runs[-1]
    assert name.text == NAMES[0] and name.bold and rest.text == "同志："
    assert rest.font.size is None and name.font.size.pt >= 1.4 * 18  # the text is the 18 pt default
    signature = [p for p in doc.paragraphs if p.text in (INFO.organiser, "2026年11月27日")][:2]
    assert [p.alignment for p in signature] == [1, 1]  # centred, on the same indent
    assert signature[0].paragraph_format.left_indent == signature[1].paragraph_format.left_indent > 0


@pytest.mark.skipif(not has_soffice(), reason="LibreOffice missing")
def test_pdf_organiser_is_centred_over_the_date_in_the_right_half(certificates):
    width, height, chars = pdf_words(certificates[1])[0]

    def centre(text):
        line = [c for c in chars if c[4] in text]
        rows = {}
        for c in line:
            rows.setdefault(round(c[1]), []).append(c)
        row = next(r for r in rows.values() if "".join(c[4] for c in r) == text)
        return (min(c[0] for c in row) + max(c[2] for c in row)) / 2, max(c[3] - c[1] for c in row)

    organiser, _ = centre(INFO.organiser)
    date, _ = centre("2026年11月27日")
    assert abs(organiser - date) < 2 and organiser > width / 2
    _, name_height = centre(NAMES[0])
    _, body_height = centre("特发此证。")
    assert name_height > 1.3 * body_height
