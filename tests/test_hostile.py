"""Hostile inputs and faults: nothing a user had is lost, and every failure is one clear line."""

from __future__ import annotations

import json
import os
import re
import stat

import pytest

from hostile import assert_one_error, class_folder, docgen, set_values, snapshot, temp_files

MANIFEST = ".docgen-manifest.json"


def built(tmp_path, **values):
    folder = class_folder(tmp_path, **values)
    run = docgen("build", folder, "-q")
    assert run.code == 0, run.err
    return folder


def listed(folder):
    return json.loads((folder / "output" / MANIFEST).read_text(encoding="utf-8"))["files"]


# -- nothing lost ---------------------------------------------------------------------------------


def test_failed_documents_keep_their_previous_files_and_stay_in_the_manifest(tmp_path):
    folder = built(tmp_path)
    before = snapshot(folder / "output")
    (folder / "templates" / "handout").mkdir(parents=True)
    (folder / "templates" / "handout" / "wording.toml").write_text("[header\n", encoding="utf-8")
    set_values(folder, name="另一个培训班")  # every file name changes: the old handout must stay anyway
    run = docgen("build", folder, "-q")
    assert run.code == 1 and len(run.errors) == 1 and "wording.toml" in run.errors[0], run.err
    old_handout = "2026年全市工会系统理论培训班-讲义.docx"
    assert snapshot(folder / "output")[old_handout] == before[old_handout]
    assert old_handout in listed(folder)
    assert "另一个培训班-课件.pptx" in listed(folder)
    assert "2026年全市工会系统理论培训班-课件.pptx" not in listed(folder)  # made again under the new name
    assert not temp_files(folder / "output")


def test_a_failed_pdf_step_keeps_the_previous_pdfs(tmp_path):
    folder = built(tmp_path)
    out = folder / "output"
    old_pdf = out / "2026年全市工会系统理论培训班-讲义.pdf"
    old_pdf.write_bytes(b"%PDF-1.4 earlier")
    manifest = listed(folder)
    manifest[old_pdf.name] = "handout"
    (out / MANIFEST).write_text(json.dumps({"files": manifest}, ensure_ascii=False), encoding="utf-8")
    fake = tmp_path / "bin"
    fake.mkdir()
    soffice = fake / "soffice"
    soffice.write_text("#!/bin/sh\nexit 1\n")
    soffice.chmod(soffice.stat().st_mode | stat.S_IXUSR)
    run = docgen("build", folder, "-q", "--only", "handout", "--pdf",
                 env={"PATH": f"{fake}:{os.environ['PATH']}"})
    assert run.code == 1 and run.errors and "PDF" in run.errors[-1], run.err
    assert old_pdf.read_bytes() == b"%PDF-1.4 earlier"
    assert old_pdf.name in listed(folder)
    assert not temp_files(out)


def test_a_long_class_name_is_shortened_to_fit_the_file_system(tmp_path):
    name = "全市工会系统" * 25  # 150 characters, 450 bytes
    folder = built(tmp_path, name=name)
    files = [p for p in (folder / "output").iterdir() if not p.name.startswith(".")]
    assert len(files) == 8
    assert all(len(p.name.encode()) <= 255 and p.name.startswith("全市工会系统") for p in files)


@pytest.mark.parametrize("command", ["handout", "slides", "quiz"])
def test_no_command_writes_over_its_own_input(tmp_path, command):
    speech = tmp_path / "讲话.txt"
    speech.write_bytes(open(__file__.replace("test_hostile.py", "../docgen/sample/speech.txt"), "rb").read())
    before = speech.read_bytes()
    run = docgen(command, speech, "-o", speech)
    assert_one_error(run, str(speech), "输入文件")
    assert speech.read_bytes() == before
    assert not temp_files(tmp_path)


def test_init_never_replaces_what_the_user_put_there(tmp_path):
    folder = tmp_path / "班"
    (folder / "source").mkdir(parents=True)
    mine = {"speech.txt": "我的讲话稿", "roster.csv": "姓名\n张三\n"}
    for name, text in mine.items():
        (folder / "source" / name).write_text(text, encoding="utf-8")
    run = docgen("init", folder)
    assert run.code == 0, run.err
    assert "speech.txt" in run.err and "警告：" in run.err
    for name, text in mine.items():
        assert (folder / "source" / name).read_text(encoding="utf-8") == text
    assert (folder / "source" / "class.toml").is_file()
    (folder / "source" / "class.toml").write_text('name = "我的班"\n', encoding="utf-8")
    assert docgen("init", folder, "--force").code == 0
    assert (folder / "source" / "class.toml").read_text(encoding="utf-8") == 'name = "我的班"\n'


def test_split_certificates_are_all_or_nothing(tmp_path):
    folder = class_folder(tmp_path)
    out = tmp_path / "证书"
    out.mkdir()
    (out / "旧的.docx").write_bytes(b"old")
    roster = folder / "source" / "roster.csv"
    # the second person's file name is taken by a folder: the first must not be left behind
    first = docgen("certificates", "--class", folder / "source" / "class.toml", "--split", "-o", out)
    assert first.code == 0, first.err
    made = sorted(p.name for p in out.iterdir() if p.name != "旧的.docx")
    for p in out.iterdir():
        if p.name != "旧的.docx":
            p.unlink()
    (out / made[1]).mkdir()
    before = snapshot(out)
    run = docgen("certificates", "--class", folder / "source" / "class.toml", "--split", "-o", out)
    assert_one_error(run, str(out))
    assert snapshot(out) == before and sorted(p.name for p in out.iterdir()) == sorted(["旧的.docx", made[1]])
    assert not temp_files(out)
    assert roster.exists()


# -- files from outside the class ------------------------------------------------------------------


def secret(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("姓名\n机密内容甲乙\n", encoding="utf-8")
    return path


def replace_line(folder, key, line):
    path = folder / "source" / "class.toml"
    lines = [line if old.startswith(f"{key} =") else old for old in path.read_text(encoding="utf-8").splitlines()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_a_roster_named_outside_the_class_folder_is_refused(tmp_path):
    secret(tmp_path)
    folder = built(tmp_path)
    before = snapshot(folder / "output")
    replace_line(folder, "roster", 'roster = "../../secret.txt"')
    assert_one_error(docgen("build", folder, "-q"), "class.toml", "roster", "培训班文件夹以外")
    assert snapshot(folder / "output") == before


def test_a_symlink_out_of_the_class_folder_is_refused(tmp_path):
    (tmp_path / "班" / "source").mkdir(parents=True)
    (tmp_path / "班" / "source" / "speech.txt").symlink_to(secret(tmp_path))
    folder = class_folder(tmp_path)
    run = docgen("build", folder, "-q")
    assert_one_error(run, "speech", "符号链接")
    assert "机密内容" not in run.err + run.out


def test_an_absolute_path_is_the_users_choice_with_a_warning(tmp_path):
    folder = class_folder(tmp_path)
    roster = tmp_path / "名单.csv"
    roster.write_text("姓名\n张三\n李四\n", encoding="utf-8")
    replace_line(folder, "roster", f'roster = "{roster}"')
    run = docgen("build", folder, "-q", "--only", "signin")
    assert run.code == 0 and "警告：" in run.err and str(roster) in run.err, run.err


def test_a_template_linked_out_of_the_templates_folder_is_refused(tmp_path):
    folder = class_folder(tmp_path)
    (folder / "templates" / "survey").mkdir()
    (folder / "templates" / "survey" / "survey.toml").symlink_to(secret(tmp_path))
    run = docgen("build", folder, "-q", "--only", "survey")
    assert_one_error(run, "survey.toml", "符号链接")
    assert "机密内容" not in run.err + run.out


def test_a_symlink_loop_is_one_clear_line(tmp_path):
    folder = class_folder(tmp_path)
    loop = folder / "source" / "loop.csv"
    loop.symlink_to(loop)
    replace_line(folder, "roster", 'roster = "loop.csv"')
    assert_one_error(docgen("build", folder, "-q"), "roster")


# -- limits ------------------------------------------------------------------------------------------


def office_copy(source, target, replace):
    """`source` zip package copied to `target` with `replace(name, data)` applied to each part."""
    import zipfile

    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = replace(info.filename, zin.read(info))
            if callable(data):  # a writer streaming a large part
                with zout.open(info.filename, "w", force_zip64=True) as f:
                    data(f)
            else:
                zout.writestr(info.filename, data)
    return target


@pytest.fixture(scope="module")
def speech_docx(tmp_path_factory):
    from docx import Document

    from hostile import SAMPLE_SPEECH

    path = tmp_path_factory.mktemp("docx") / "讲话.docx"
    doc = Document()
    for line in SAMPLE_SPEECH.read_text(encoding="utf-8").splitlines():
        if line.strip():
            doc.add_paragraph(line)
    doc.save(path)
    return path


def test_a_docx_part_that_inflates_past_the_limit_is_refused_before_parsing(tmp_path, speech_docx):
    def bomb(name, data):
        if name != "word/document.xml":
            return data
        head, tail = data.split(b"</w:body>")

        def write(f):
            f.write(head + b"<w:p><w:r><w:t>")
            for _ in range(300):
                f.write(b"a" * (1 << 20))
            f.write(b"</w:t></w:r></w:p></w:body>" + tail)
        return write

    path = office_copy(speech_docx, tmp_path / "炸弹.docx", bomb)
    assert path.stat().st_size < 2_000_000
    line = assert_one_error(docgen("parse", path), str(path), "word/document.xml", "256 MB")
    assert "上限" in line


def test_entity_expansion_in_a_docx_is_refused(tmp_path, speech_docx):
    laughs = b'<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    path = office_copy(speech_docx, tmp_path / "实体.docx",
                       lambda n, d: d.replace(b"?>", b"?>" + laughs, 1) if n == "word/document.xml" else d)
    assert_one_error(docgen("parse", path), str(path), "DTD")


@pytest.mark.parametrize("damage", [lambda d: d[: len(d) // 2], lambda d: d.replace(b"<w:body>", b"<w:body><w:p>")])
def test_malformed_xml_inside_a_docx_is_one_clear_line(tmp_path, speech_docx, damage):
    path = office_copy(speech_docx, tmp_path / "坏.docx", lambda n, d: damage(d) if n == "word/document.xml" else d)
    line = assert_one_error(docgen("parse", path), str(path))
    assert "XML" in line or "格式" in line


def test_an_xlsx_claiming_every_cell_reads_only_the_rows_present(tmp_path):
    import re
    import time

    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["姓名", "单位"])
    wb.active.append(["张三", "市总工会"])
    wb.save(tmp_path / "r.xlsx")
    huge = b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'

    def claim(name, data):
        if name != "xl/worksheets/sheet1.xml":
            return data
        data = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', data)
        return data.replace(b"</sheetData>", huge)

    path = office_copy(tmp_path / "r.xlsx", tmp_path / "名单.xlsx", claim)
    started = time.perf_counter()
    run = docgen("signin", "--roster", path, "-o", tmp_path / "签到表.docx")
    assert run.code == 0, run.err
    assert time.perf_counter() - started < 30


@pytest.mark.parametrize("expression", ["'a' * 10**9", "10**(10**9)", "'x'|center(10**9)", "'%999999999d' % 1",
                                        "'{:>999999999}'.format(1)"])
def test_template_arithmetic_is_bounded(tmp_path, expression):
    folder = class_folder(tmp_path)
    (folder / "templates" / "quiz").mkdir()
    from docgen.resources import packaged_templates

    text = (packaged_templates() / "quiz" / "wording.toml").read_text(encoding="utf-8")
    wording = folder / "templates" / "quiz" / "wording.toml"
    wording.write_text(re.sub(r'^title = .*$', f'title = "{{{{ {expression} }}}}"', text, count=1, flags=re.M),
                       encoding="utf-8")
    run = docgen("build", folder, "-q", "--only", "quiz", timeout=60)
    line = assert_one_error(run, "wording.toml", "上限" if "%" in expression or "format" in expression
                            or "center" in expression or "'a'" in expression else "太大")
    assert "title" in line


def test_a_template_including_itself_stops(tmp_path):
    folder = class_folder(tmp_path)
    (folder / "templates" / "survey").mkdir()
    (folder / "templates" / "survey" / "survey.toml").write_text(
        'title = "{% include \'survey/survey.toml\' %}"\n', encoding="utf-8")
    line = assert_one_error(docgen("build", folder, "-q", "--only", "survey", timeout=60), "survey.toml")
    assert "嵌套太深" in line


def test_a_doubling_string_stops_at_the_output_limit(tmp_path):
    folder = class_folder(tmp_path)
    (folder / "templates" / "survey").mkdir()
    doubling = "{% set s = 'aaaaaaaaaa' %}" + "{% set s = s ~ s ~ s ~ s ~ s ~ s ~ s ~ s ~ s ~ s %}" * 12 + "{{ s }}"
    (folder / "templates" / "survey" / "survey.toml").write_text(f'title = "{doubling}"\n', encoding="utf-8")
    line = assert_one_error(docgen("build", folder, "-q", "--only", "survey", timeout=60), "survey.toml")
    assert "上限" in line


def test_a_csv_field_over_the_limit_is_one_clear_line(tmp_path):
    roster = tmp_path / "名单.csv"
    roster.write_text('姓名,单位\n张三,"' + "甲" * 200_000 + "\n李四,乙\n", encoding="utf-8")
    line = assert_one_error(docgen("signin", "--roster", roster, "-o", tmp_path / "x.docx"), str(roster), "上限")
    assert "field larger" not in line
    assert not (tmp_path / "x.docx").exists()


# -- every failure one clear line -------------------------------------------------------------------


def write_class_toml(folder, text):
    (folder / "source" / "class.toml").write_text(text, encoding="utf-8")


@pytest.mark.parametrize("text, words", [
    ('name = "x"\nschedule = [1, 2]\n', ["schedule"]),
    ('name = "x"\nroster = ' + "[" * 10000 + "]" * 10000 + "\n", ["嵌套太深"]),
])
def test_odd_class_toml_is_one_clear_line(tmp_path, text, words):
    folder = built(tmp_path)
    before = snapshot(folder / "output")
    write_class_toml(folder, text)
    run = docgen("build", folder, "-q")
    assert_one_error(run, "class.toml", *words)
    assert snapshot(folder / "output") == before


def test_a_speech_name_too_long_fails_its_documents_only(tmp_path):
    folder = built(tmp_path)
    before = snapshot(folder / "output")
    write_class_toml(folder, 'name = "2026年全市工会系统理论培训班"\n[[schedule]]\ndate = 2026-11-26\n'
                             'speech = "' + "长" * 300 + '.txt"\n')
    run = docgen("build", folder, "-q")
    assert run.code == 1 and "Traceback" not in run.err and "内部错误" not in run.err, run.err
    assert len(run.errors) == 3 and all("文件名太长" in line and "长长长" in line for line in run.errors)
    after = snapshot(folder / "output")
    speech_documents = [name for name in before if any(kind in name for kind in ("课件", "讲义", "测试卷"))]
    assert len(speech_documents) == 4 and all(after[name] == before[name] for name in speech_documents)


@pytest.mark.parametrize("encoding", ["zlib_codec", "rot13", "base64", "no-such-codec"])
def test_an_encoding_that_is_not_a_text_encoding_is_refused(tmp_path, encoding):
    from hostile import SAMPLE_SPEECH

    assert_one_error(docgen("parse", SAMPLE_SPEECH, "--encoding", encoding), "speech.txt", encoding)


def test_utf16_without_a_bom_is_read(tmp_path):
    from hostile import SAMPLE_SPEECH

    text = SAMPLE_SPEECH.read_text(encoding="utf-8").replace("\n", "\r\n")
    for codec in ("utf-16-le", "utf-16-be"):
        path = tmp_path / f"{codec}.txt"
        path.write_bytes(text.encode(codec))
        run = docgen("parse", path, "--format", "json")
        assert run.code == 0, run.err
        assert json.loads(run.out)["title"] in text


@pytest.mark.parametrize("value", ["1e400", "nan", "inf", "-inf", "1e9"])
def test_absurd_points_are_refused(tmp_path, value):
    from hostile import SAMPLE_SPEECH

    out = tmp_path / "卷.docx"
    run = docgen("quiz", SAMPLE_SPEECH, "--points", f"short={value}", "-o", out)
    assert_one_error(run, "--points", value, code=2)
    assert not out.exists()


def test_a_variant_name_with_a_slash_stays_in_the_folder(tmp_path):
    from hostile import SAMPLE_SPEECH

    run = docgen("quiz", SAMPLE_SPEECH, "--variants", "A/B,../C", "-o", tmp_path / "卷.docx")
    assert run.code == 0, run.err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["卷-A_B-答案.docx", "卷-A_B.docx", "卷-_C-答案.docx",
                                                          "卷-_C.docx"]


@pytest.mark.parametrize("value", ["1e300", "nan", "-99999", "99999999999999999999"])
def test_an_absurd_typography_value_is_one_clear_line(tmp_path, value):
    import re

    from docgen.resources import packaged_templates

    folder = class_folder(tmp_path)
    (folder / "templates" / "handout").mkdir()
    text = (packaged_templates() / "handout" / "typography.toml").read_text(encoding="utf-8")
    text = re.sub(r"^body_pt = \S+", f"body_pt = {value}", text, count=1, flags=re.M)
    (folder / "templates" / "handout" / "typography.toml").write_text(text, encoding="utf-8")
    assert_one_error(docgen("build", folder, "-q", "--only", "handout"), "typography.toml", "body_pt")


def test_a_template_saved_in_gbk_is_one_clear_line(tmp_path):
    folder = class_folder(tmp_path)
    (folder / "templates" / "survey").mkdir()
    (folder / "templates" / "survey" / "survey.toml").write_bytes('title = "评估表"\n'.encode("gbk"))
    assert_one_error(docgen("build", folder, "-q", "--only", "survey"), "survey.toml", "UTF-8")


def test_an_existing_file_as_the_build_folder_is_one_clear_line(tmp_path):
    folder = class_folder(tmp_path)
    target = tmp_path / "文件"
    target.write_text("mine", encoding="utf-8")
    assert_one_error(docgen("build", folder, "-q", "-o", target), str(target), "文件夹")
    assert target.read_text(encoding="utf-8") == "mine"


def test_a_manifest_naming_files_outside_the_output_folder_deletes_nothing(tmp_path):
    folder = built(tmp_path)
    precious = folder / "source" / "speech.txt"
    manifest = listed(folder)
    manifest.update({"../source/speech.txt": "slides", "..": "slides", "/etc/passwd": "slides", ".": None})
    (folder / "output" / MANIFEST).write_text(json.dumps({"files": manifest}), encoding="utf-8")
    assert docgen("build", folder, "-q").code == 0
    assert precious.exists() and os.path.exists("/etc/passwd")
    (folder / "output" / MANIFEST).write_text('{"files": [1, {"a": 2}]}', encoding="utf-8")
    assert docgen("build", folder, "-q").code == 0


def test_a_name_too_long_for_the_file_system_is_one_clear_line(tmp_path):
    from hostile import SAMPLE_SPEECH

    out = tmp_path / ("长" * 100 + ".docx")
    assert_one_error(docgen("handout", SAMPLE_SPEECH, "-o", out), "文件名太长")


def test_a_full_disk_keeps_the_previous_file(tmp_path):
    import resource
    import subprocess
    import sys

    from hostile import SAMPLE_SPEECH

    out = tmp_path / "讲义.docx"
    assert docgen("handout", SAMPLE_SPEECH, "-o", out).code == 0
    before = out.read_bytes()

    def small_disk():
        resource.setrlimit(resource.RLIMIT_FSIZE, (4000, 4000))

    proc = subprocess.run([sys.executable, "-m", "docgen", "handout", str(SAMPLE_SPEECH), "-o", str(out)],
                          preexec_fn=small_disk, capture_output=True, text=True)
    from hostile import Run

    assert_one_error(Run(proc.returncode, proc.stdout, proc.stderr), str(out), "写入失败")
    assert out.read_bytes() == before
    assert not temp_files(tmp_path)


def test_quiet_silences_every_warning(tmp_path):
    from hostile import SAMPLE_SPEECH

    text = SAMPLE_SPEECH.read_text(encoding="utf-8").replace("三是要", "五是要", 1)
    speech = tmp_path / "缺号.txt"
    speech.write_text(text, encoding="utf-8")
    loud = docgen("handout", speech, "-o", tmp_path / "a.docx")
    assert "警告：" in loud.err and "编号" in loud.err
    for command in ("handout", "slides", "quiz"):
        quiet = docgen("-q", command, speech, "-o", tmp_path / f"q.{command}")
        assert quiet.code == 0 and quiet.err == "", quiet.err


def test_a_symlinked_speech_loop_is_one_clear_line(tmp_path):
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    assert_one_error(docgen("parse", loop), str(loop), "符号链接")


def test_split_certificates_have_the_body_docxtpl_would_write(tmp_path):
    import zipfile

    from docgen.config import load_class
    from docgen.resources import Templates
    from docgen.roster import read_roster
    from docgen.writers import certificates
    from helpers import assert_valid_ooxml

    folder = class_folder(tmp_path)
    (folder / "source" / "roster.csv").write_text('姓名,单位\n张三,市总工会\n李<四>&,"单位,"""\n王　五,\n',
                                                  encoding="utf-8")
    info = load_class(folder / "source" / "class.toml")
    templates = Templates(None, info.folder)
    roster = read_roster(info.roster)
    out = tmp_path / "证书"
    certificates.write_certificates(roster, out, info, templates, split=True)
    files = sorted(out.iterdir())
    assert len(files) == 3
    assert_valid_ooxml(*files)
    with templates.path(certificates.TEMPLATE) as template:
        for cert, made in zip(certificates.plan_certificates(roster, info), files):
            alone = tmp_path / "alone.docx"
            certificates._render(template, [cert], alone, templates)
            with zipfile.ZipFile(made) as a, zipfile.ZipFile(alone) as b:
                assert a.read("word/document.xml") == b.read("word/document.xml")
            from docx import Document

            text = "".join(p.text for p in Document(made).paragraphs)
            assert cert.name.replace("　", "") in text.replace("　", "") and cert.serial in text


def test_variant_names_are_data_in_the_wording(tmp_path):
    from docx import Document

    from hostile import SAMPLE_SPEECH

    run = docgen("quiz", SAMPLE_SPEECH, "--variants", 'A"B,C\\D', "-o", tmp_path / "卷.docx")
    assert run.code == 0, run.err
    titles = {p.name: Document(p).paragraphs[0].text for p in tmp_path.iterdir()}
    assert titles["卷-A_B.docx"].endswith('（A"B卷）') and titles["卷-C_D-答案.docx"].endswith("（C\\D卷）")
