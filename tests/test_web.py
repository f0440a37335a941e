"""HTTP tests of `docgen serve` with Starlette's TestClient: the class form, hostile uploads,
downloads, sessions and CSRF, the outline edits, and a build through the page."""

from __future__ import annotations

import html
import io
import os
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

pytest.importorskip("starlette")
pytest.importorskip("httpx2")

from web_helpers import SAMPLE_ROSTER, SAMPLE_SPEECH, csrf, error_line, make_client, new_class, upload, wait_job  # noqa: E402


@pytest.fixture
def workspace(tmp_path):
    return tmp_path / "ws"


@pytest.fixture
def client(workspace):
    with make_client(workspace, time_limit=120) as c:
        yield c


def message(response) -> str:
    return html.unescape(error_line(response.text))


def stored(workspace: Path) -> list[str]:
    """Every file under the workspace but the server's own (secret, lock, owner files)."""
    return sorted(str(p.relative_to(workspace)) for p in workspace.rglob("*")
                  if p.is_file() and not p.name.startswith(".docgen-"))


# --- the class form ---------------------------------------------------------------------------

def test_class_form_writes_class_toml_that_the_cli_reads(client, workspace):
    from docgen.config import load_class

    cid = new_class(client, "2026年全市工会系统理论培训班")
    upload(client, cid, "speech", "讲话.txt", SAMPLE_SPEECH.read_bytes())
    r = client.post(f"/c/{cid}", data={
        "csrf": csrf(client), "name": "2026年全市工会系统理论培训班", "organiser": "市总工会",
        "start": "2026-11-26", "end": "2026-11-27", "venue": "市工人文化宫", "contact": "王老师 \"0571\"",
        "serial_prefix": "2026-工干", "s0_date": "2026-11-26", "s0_period": "下午", "s0_title": "开班动员讲话",
        "s0_speaker": "党组书记", "s0_speech": "speech1.md",
        "s1_date": "2026-11-27", "s1_period": "上午", "s1_title": "座谈", "s1_speech": "../../class.toml"})
    assert r.status_code == 200 and "已保存" in r.text
    info = load_class(workspace / cid / "source" / "class.toml")
    assert info.schedule[0].speech == workspace / cid / "source" / "speech1.md"  # a speech per lecture
    assert info.schedule[1].speech is None  # only a speech the server stored may be named
    assert (info.organiser, info.contact, info.serial_prefix) == ("市总工会", "王老师 \"0571\"", "2026-工干")
    assert info.dates_text == "2026年11月26日至27日"
    assert [(s.label, s.title, s.speaker) for s in info.schedule] == [("11月26日下午", "开班动员讲话", "党组书记"),
                                                                      ("11月27日上午", "座谈", "")]


def test_a_wrong_date_shows_the_cli_message_beside_the_form_and_keeps_the_file(client, workspace):
    cid = new_class(client)
    toml = workspace / cid / "source" / "class.toml"
    before = toml.read_text(encoding="utf-8")
    r = client.post(f"/c/{cid}", data={"csrf": csrf(client), "name": "班", "start": "2026年11月26日"})
    assert r.status_code == 400
    assert message(r) == ("错误：source/class.toml：第 3 行的 start（开始日期）应为日期，写成 2026-11-26（不加引号），"
                          "实际是 '2026年11月26日'")
    assert 'class="bad">开始日期' in r.text and 'value="2026年11月26日"' in r.text  # the field is marked, the entry kept
    assert r.text.count("实际是 &#39;2026年11月26日&#39;") == 2  # above the form and beside the field
    assert toml.read_text(encoding="utf-8") == before
    r = client.post(f"/c/{cid}", data={"csrf": csrf(client), "name": "班", "start": "2026-11-28", "end": "2026-11-26"})
    assert message(r) == "错误：source/class.toml：第 4 行的结束日期早于开始日期"
    assert 'class="bad">结束日期' in r.text
    r = client.post(f"/c/{cid}", data={"csrf": csrf(client), "name": "班", "s0_title": "开班", "s0_period": "上午"})
    assert message(r) == "错误：source/class.toml：第 4 行的第 1 个 [[schedule]] 缺少 date（日期，如 2026-11-26）"
    assert 'name="s0_date" value="" class="bad"' in r.text
    assert str(workspace) not in r.text


# --- hostile uploads --------------------------------------------------------------------------

def _zip_bomb() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"\0" * (12 * 1024 * 1024))
    return buf.getvalue()


HOSTILE_SPEECHES = [
    ("二进制.txt", os.urandom(4096) + bytes(range(256)), "二进制.txt：这是二进制文件"),
    ("讲话.pdf", b"%PDF-1.4 ...", "讲话.pdf：不支持的讲话稿格式，请上传 .docx、.txt、.md 文件"),
    ("讲话.exe", b"MZ\x90\x00", "讲话.exe：不支持的讲话稿格式"),
    ("改了扩展名.docx", b"just text, not a zip", "改了扩展名.docx：不是有效的 Word 文件"),
    ("炸弹.docx", _zip_bomb(), "炸弹.docx：文件解压后过大（疑似压缩炸弹），已拒绝"),
    ("空.txt", b"", "空.txt：讲话稿文件是空的"),
    ("../../etc/passwd.txt", b"\xff\xfe\x00\x00" * 100, "passwd.txt："),
]


@pytest.mark.parametrize("name, content, expected", HOSTILE_SPEECHES, ids=[h[0] for h in HOSTILE_SPEECHES])
def test_a_hostile_speech_gets_one_line_and_stores_nothing(client, workspace, name, content, expected):
    cid = new_class(client)
    before = stored(workspace)
    r = upload(client, cid, "speech", name, content)
    assert r.status_code == 400
    assert message(r).startswith("错误：" + expected), message(r)
    assert "Traceback" not in r.text and str(workspace) not in r.text
    assert stored(workspace) == before


def test_an_oversize_upload_is_refused_while_it_arrives(client, workspace, monkeypatch):
    from docgen.web import uploads

    monkeypatch.setattr(uploads, "MAX_SPEECH", 64 * 1024)
    cid = new_class(client)
    before = stored(workspace)
    r = upload(client, cid, "speech", "长.txt", "同志们：".encode() * 40000)
    assert message(r) == "错误：长.txt：文件太大（超过 0 MB）" or "文件太大" in message(r)
    assert stored(workspace) == before


def test_a_body_over_the_request_limit_gets_413(workspace, monkeypatch):
    from docgen.web import app as web_app

    monkeypatch.setattr(web_app, "MAX_REQUEST", 100 * 1024)
    with make_client(workspace) as c:
        cid = new_class(c)
        before = stored(workspace)
        r = upload(c, cid, "speech", "大.txt", b"a" * (300 * 1024))
        assert r.status_code == 413 and r.text.startswith("错误：上传的内容太大")
        assert stored(workspace) == before


def test_a_body_without_a_length_is_cut_off_at_the_limit(workspace, monkeypatch):
    from docgen.web import app as web_app

    monkeypatch.setattr(web_app, "MAX_REQUEST", 100 * 1024)
    with make_client(workspace) as c:
        token = csrf(c)
        boundary = b"docgenboundary"
        head = (b"--" + boundary + b'\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n' + token.encode()
                + b"\r\n--" + boundary + b'\r\nContent-Disposition: form-data; name="name"\r\n\r\n')

        def chunks():  # chunked: no Content-Length to refuse it by
            yield head
            for _ in range(40):
                yield b"x" * 8192

        r = c.post("/classes", content=chunks(), headers={"content-type": "multipart/form-data; boundary=docgenboundary"})
        assert r.status_code == 413 and r.text.startswith("错误：上传的内容太大")
        assert not [p for p in workspace.iterdir() if p.name.startswith("c")]


def test_a_class_needs_a_name_and_a_file_is_not_a_title(client, workspace):
    r = client.post("/classes", data={"csrf": csrf(client), "name": "  "})
    assert r.status_code == 400 and message(r) == "错误：请填写培训班名称"
    cid = new_class(client)
    upload(client, cid, "speech", "讲话.txt", SAMPLE_SPEECH.read_bytes())
    r = client.post(f"/c/{cid}/speech/speech1.md", data={"csrf": csrf(client)}, files={"title": ("t.txt", b"x")})
    assert r.status_code == 400 and message(r) == "错误：标题不能为空"


def test_starlettes_own_errors_are_chinese_lines(client):
    r = client.get("/no/such/page")
    assert r.status_code == 404 and message(r) == "错误：找不到这个页面"
    r = client.delete("/")
    assert r.status_code == 405 and message(r) == "错误：不支持这种请求方式"


def test_a_gbk_speech_reads_as_the_cli_reads_it(client, workspace):
    cid = new_class(client)
    text = "关于加强基层工会建设的讲话\n\n同志们：\n\n一、提高认识\n\n基层是工会工作的基础。\n\n二、狠抓落实\n\n要把工作落到实处。\n"
    r = upload(client, cid, "speech", "讲话.txt", text.encode("gbk"))
    assert r.status_code == 200 and "已保存 source/speech1.md" in r.text
    page = r.text
    assert "关于加强基层工会建设的讲话" in page and 'value="提高认识"' in page
    assert (workspace / cid / "source" / "uploads" / "speech1.txt").read_bytes() == text.encode("gbk")


def test_roster_warnings_are_shown_with_the_upload(client):
    cid = new_class(client)
    r = upload(client, cid, "roster", "名单.csv", "姓名,单位\n王芳,市总工会\n王芳,市总工会\n李明,区总工会\n".encode())
    assert r.status_code == 200
    notes = r.text.split('id="notes"')[1].split("</ul>")[0]
    assert "名单共 2 人" in notes and "名单.csv 第 3 行与第 2 行重复（王芳），已跳过" in notes  # as the CLI warns


def test_hostile_rosters_store_nothing(client, workspace):
    cid = new_class(client)
    before = stored(workspace)
    for name, content, expected in [("名单.xls", b"\xd0\xcf\x11\xe0", "名单.xls：不支持的名单格式"),
                                    ("名单.xlsx", b"not a zip", "名单.xlsx：不是有效的 Excel 文件"),
                                    ("名单.xlsx", _zip_bomb(), "名单.xlsx：文件解压后过大"),
                                    ("名单.csv", b"\x00\x01\x02" * 50, "名单.csv：")]:
        r = upload(client, cid, "roster", name, content)
        assert r.status_code == 400 and message(r).startswith("错误：" + expected), message(r)
        assert stored(workspace) == before


def test_a_roster_upload_is_named_by_the_server_and_written_into_class_toml(client, workspace):
    cid = new_class(client)
    r = upload(client, cid, "roster", "../../我的名单.csv", SAMPLE_ROSTER.read_bytes())
    assert r.status_code == 200 and "source/roster.csv" in r.text and "名单共 " in r.text
    assert 'roster = "roster.csv"' in (workspace / cid / "source" / "class.toml").read_text(encoding="utf-8")
    assert not (workspace / "我的名单.csv").exists() and not (workspace.parent / "我的名单.csv").exists()


# --- sessions, CSRF, passwords, other classes -------------------------------------------------

def test_a_post_without_the_csrf_token_or_session_is_refused(client, workspace):
    r = client.post("/classes", data={"name": "班"})
    assert r.status_code == 403 and "校验码" in message(r)
    r = client.post("/classes", data={"name": "班", "csrf": "guess"})
    assert r.status_code == 403
    token = csrf(client)
    with make_client(workspace) as stranger:  # no session cookie, someone else's token
        r = stranger.post("/classes", data={"name": "班", "csrf": token})
        assert r.status_code == 403
    assert not [p for p in workspace.iterdir() if p.name.startswith("c")]


def test_another_sessions_class_and_paths_out_of_output_are_refused(client, workspace):
    cid = new_class(client)
    upload(client, cid, "speech", "讲话.txt", SAMPLE_SPEECH.read_bytes())
    (workspace / cid / "output" / "x.docx").write_bytes(b"PK")
    assert client.get(f"/c/{cid}/files/x.docx").status_code == 200
    for path in (f"/c/{cid}/files/..%2Fsource%2Fclass.toml", f"/c/{cid}/files/%2E%2E%2F%2E%2E%2F.docgen-web-secret",
                 f"/c/{cid}/files/..", f"/c/{cid}/preview/..%2Fsource%2Fspeech1.md", "/c/..%2F..%2Fetc/kit",
                 f"/c/{cid}/speech?s=../class.toml"):
        r = client.get(path)
        assert r.status_code in (404, 200) and "PK" != r.text and "[[schedule]]" not in r.text
        assert "secret" not in r.text.lower() or r.status_code == 404
    with make_client(workspace) as other:
        for path in (f"/c/{cid}", f"/c/{cid}/speech", f"/c/{cid}/kit", f"/c/{cid}/files/x.docx", f"/c/{cid}/kit.zip",
                     f"/c/{cid}/jobs/j0000000000000000"):
            r = other.get(path)
            assert r.status_code == 404, path
        r = other.post(f"/c/{cid}/build", data={"csrf": csrf(other)})
        assert r.status_code == 404
        assert other.get("/").text.count("/c/c") == 0


def test_a_password_guards_every_page(workspace):
    with make_client(workspace, password="口令-2026") as c:
        assert c.get("/").headers["location"] == "/login"
        token = csrf(c, "/login")
        assert c.post("/classes", data={"csrf": token, "name": "班"}).status_code == 403
        assert c.post("/login", data={"csrf": token, "password": "wrong"}).status_code == 403
        assert c.post("/login", data={"csrf": token, "password": "口令-2026"}).status_code == 303
        assert c.get("/").status_code == 200
        new_class(c)


def test_a_non_loopback_bind_without_a_password_refuses_to_start(tmp_path):
    from docgen.errors import DocgenError
    from docgen.web.security import check_bind

    with pytest.raises(DocgenError, match="必须设置密码"):
        check_bind("0.0.0.0", None)
    check_bind("127.0.0.1", None)
    check_bind("::1", None)
    check_bind("0.0.0.0", "secret")
    env = {k: v for k, v in os.environ.items() if k != "DOCGEN_SERVE_PASSWORD"}
    r = subprocess.run([sys.executable, "-m", "docgen", "serve", "--host", "0.0.0.0", "--port", "8399",
                        "--workspace", str(tmp_path / "ws")], capture_output=True, text=True, timeout=60, env=env)
    assert r.returncode == 1 and r.stderr.startswith("错误：在 0.0.0.0 上提供服务") and "Traceback" not in r.stderr
    assert not (tmp_path / "ws").exists()


def test_a_loopback_server_answers_only_loopback_names(workspace):
    from docgen.web.app import LOOPBACK_NAMES

    with make_client(workspace, allowed_hosts=LOOPBACK_NAMES) as c:
        assert c.get("http://127.0.0.1:8310/").status_code == 200
        assert c.get("http://localhost:8310/").status_code == 200
        assert c.get("http://rebound.example:8310/").status_code == 400


def test_pages_send_strict_headers(client):
    r = client.get("/")
    assert "script-src 'self'" in r.headers["content-security-policy"] and r.headers["x-frame-options"] == "DENY"
    assert "samesite=strict" in r.headers["set-cookie"].lower() and "httponly" in r.headers["set-cookie"].lower()


# --- the outline ------------------------------------------------------------------------------

def test_outline_edits_are_the_structured_markdown_the_cli_reads(client, workspace):
    from docgen.readers import read_speech

    cid = new_class(client)
    upload(client, cid, "speech", "讲话.txt", SAMPLE_SPEECH.read_bytes())
    md = workspace / cid / "source" / "speech1.md"
    before = read_speech(md)
    words = "".join(before.body_paragraphs())
    form = {"csrf": csrf(client), "title": "在工会系统理论培训班上的讲话\n——动员部分",
            "short_1": "把准政治方向", "merge_3": "1"}
    r = client.post(f"/c/{cid}/speech/speech1.md", data=form)
    assert r.status_code == 200 and "已保存" in r.text
    after = read_speech(md)  # what `docgen build` reads
    assert after.title_lines == ["在工会系统理论培训班上的讲话", "——动员部分"]
    assert after.sections[0].short_title == "把准政治方向"
    assert len(after.sections) == len(before.sections) - 1
    assert after.sections[1].paragraphs[-1].startswith("三是要对标")
    assert "".join(after.body_paragraphs()) == words  # every word of the speech kept
    assert md.read_text(encoding="utf-8").startswith("<!-- docgen:speech v1 -->")


def test_an_empty_title_is_refused_and_the_file_kept(client, workspace):
    cid = new_class(client)
    upload(client, cid, "speech", "讲话.txt", SAMPLE_SPEECH.read_bytes())
    md = workspace / cid / "source" / "speech1.md"
    before = md.read_bytes()
    r = client.post(f"/c/{cid}/speech/speech1.md", data={"csrf": csrf(client), "title": "  "})
    assert r.status_code == 400 and message(r) == "错误：标题不能为空"
    assert md.read_bytes() == before


# --- building ---------------------------------------------------------------------------------

def test_a_build_through_the_page_lists_and_zips_the_kit(client, workspace):
    from pptx import Presentation

    cid = new_class(client)
    upload(client, cid, "speech", "讲话.txt", SAMPLE_SPEECH.read_bytes())
    client.post(f"/c/{cid}/speech/speech1.md", data={"csrf": csrf(client), "title": "动员讲话", "short_2": "思想建设再加强"})
    r = client.post(f"/c/{cid}/build", data={"csrf": csrf(client), "kind_slides": "1", "kind_survey": "1"},
                    headers={"accept": "application/json"})
    job = r.json()["job"]
    data = wait_job(client, cid, job)
    assert data["status"] == "done" and data["planned"] == ["课件", "评估表"]
    assert sorted(d["label"] for d in data["docs"]) == sorted(["课件", "评估表"]) and all(d["ok"] for d in data["docs"])
    names = [f["name"] for f in data["files"]]
    assert names == ["2026年测试培训班-评估表.docx", "2026年测试培训班-课件.pptx"]
    r = client.get(f"/c/{cid}/kit.zip")
    assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
    with zipfile.ZipFile(io.BytesIO(r.content)) as z:
        assert sorted(z.namelist()) == sorted(names)
        deck = Presentation(io.BytesIO(z.read("2026年测试培训班-课件.pptx")))
    titles = [sh.text_frame.text for s in deck.slides for sh in s.shapes if sh.has_text_frame]
    assert any("思想建设再加强" in t for t in titles)
    assert not list((workspace / ".tmp").iterdir())  # the zip was a temporary file


def test_a_build_error_is_the_cli_line(client, workspace):
    cid = new_class(client)
    (workspace / cid / "source" / "class.toml").write_text('name = "班"\nstart = "明天"\n', encoding="utf-8")
    r = client.post(f"/c/{cid}/build", data={"csrf": csrf(client)}, headers={"accept": "application/json"})
    data = wait_job(client, cid, r.json()["job"])
    assert data["status"] == "failed"
    assert data["error"] == "source/class.toml：第 2 行的 start（开始日期）应为日期，写成 2026-11-26（不加引号），实际是 '明天'"


def test_the_queue_is_bounded_and_a_slow_build_is_stopped(tmp_path):
    from docgen.web.classes import create_class
    from docgen.web.jobs import Busy, JobManager

    workspace = tmp_path / "ws"
    workspace.mkdir()
    folders = []
    for _ in range(3):
        cf = create_class(workspace, "u")
        (cf.source / "class.toml").write_text('name = "班"\n', encoding="utf-8")
        (cf.source / "speech.txt").write_bytes(SAMPLE_SPEECH.read_bytes())
        folders.append(cf)
    jobs = JobManager(workspace, workers=1, queue_size=1, time_limit=0.05, keep_seconds=0)
    first = jobs.submit(folders[0].id, folders[0].folder, ["slides", "handout", "quiz"], False)
    while first.status == "queued":
        time.sleep(0.001)
    second = jobs.submit(folders[1].id, folders[1].folder, ["slides"], False)
    assert jobs.submit(folders[1].id, folders[1].folder, ["slides"], False) is second  # one build per class
    with pytest.raises(Busy, match="服务器正忙"):
        jobs.submit(folders[2].id, folders[2].folder, ["slides"], False)
    deadline = time.monotonic() + 60
    while second.status not in ("done", "failed") and time.monotonic() < deadline:
        time.sleep(0.1)
    assert first.error == "生成超时（超过 0 秒），已停止"
    with pytest.raises(ProcessLookupError):
        os.killpg(first.pid, 0)  # the worker and everything it started are gone
    jobs.submit(folders[2].id, folders[2].folder, ["survey"], False)
    assert first.id not in jobs.jobs and second.id not in jobs.jobs  # finished jobs are forgotten


def test_pdfs_and_a_preview_of_each_first_page(client, workspace):
    from docgen.export.pdf import find_soffice

    if not find_soffice():
        pytest.skip("LibreOffice is not installed")
    cid = new_class(client)
    upload(client, cid, "speech", "讲话.txt", SAMPLE_SPEECH.read_bytes())
    r = client.post(f"/c/{cid}/build", data={"csrf": csrf(client), "kind_slides": "1", "kind_survey": "1", "pdf": "1"},
                    headers={"accept": "application/json"})
    assert client.get(f"/c/{cid}/kit.zip").status_code == 400  # not while the build replaces the files
    data = wait_job(client, cid, r.json()["job"], timeout=300)
    assert data["status"] == "done" and not data["pdf_error"] and data["phase"] == "正在生成预览图…"
    files = {f["name"]: f for f in data["files"]}
    assert {"2026年测试培训班-课件.pdf", "2026年测试培训班-评估表.pdf"} <= set(files)
    assert all(f["preview"] for f in files.values())
    r = client.get(f"/c/{cid}/preview/2026年测试培训班-课件.pptx")
    assert r.status_code == 200 and r.headers["content-type"] == "image/png" and r.content[:8] == b"\x89PNG\r\n\x1a\n"
    assert f"/c/{cid}/preview/2026年测试培训班-课件.pptx" in client.get(f"/c/{cid}/kit").text
    png = workspace / cid / "output" / ".preview" / "2026年测试培训班-课件.pptx.png"
    made = png.stat().st_mtime_ns
    from docgen.web.worker import previews

    previews([workspace / cid / "output" / "2026年测试培训班-课件.pdf"], png.parent)
    assert png.stat().st_mtime_ns == made  # cached: the PDF is not newer


def test_libreoffice_is_used_by_one_build_at_a_time(tmp_path):
    import fcntl
    import threading

    from docgen.web.worker import office_serialised

    lock = tmp_path / "office.lock"
    entered = threading.Event()

    def second():
        with office_serialised(lock):
            entered.set()

    with office_serialised(lock):
        t = threading.Thread(target=second)
        t.start()
        assert not entered.wait(0.5)  # waits while the first holds LibreOffice
        with open(lock, "a") as f, pytest.raises(BlockingIOError):
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
    assert entered.wait(5)
    t.join()


def test_classes_and_speeches_are_capped(client, workspace, monkeypatch):
    from docgen.web import classes, uploads

    monkeypatch.setattr(classes, "MAX_CLASSES", 2)
    monkeypatch.setattr(uploads, "MAX_SPEECHES", 1)
    cid = new_class(client)
    new_class(client)
    r = client.post("/classes", data={"csrf": csrf(client), "name": "第三个"})
    assert r.status_code == 400 and message(r) == "错误：每位用户最多 2 个培训班，请先请管理员清理旧的培训班文件夹"
    assert upload(client, cid, "speech", "讲话.txt", SAMPLE_SPEECH.read_bytes()).status_code == 200
    before = stored(workspace)
    r = upload(client, cid, "speech", "又一篇.txt", SAMPLE_SPEECH.read_bytes())
    assert message(r) == "错误：一个培训班最多 1 篇讲话稿" and stored(workspace) == before


def test_serve_starts_uvicorn_on_loopback_with_the_collector_on_and_opens_the_page(tmp_path, monkeypatch):
    import gc
    import threading
    import webbrowser

    import uvicorn

    from docgen.web.server import serve

    started, opened = {}, threading.Event()
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: started.update(kw, gc=gc.isenabled(), app=app))
    monkeypatch.setattr(webbrowser, "open", lambda url: opened.set() or started.update(url=url))
    gc.disable()
    try:
        serve("127.0.0.1", 8555, tmp_path / "ws", open_browser=True)
    finally:
        gc.enable()
    assert started["host"] == "127.0.0.1" and started["port"] == 8555 and started["gc"]
    assert opened.wait(5) and started["url"] == "http://127.0.0.1:8555/"
    assert (tmp_path / "ws").is_dir()


CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
HELD_OUT = ("u02", "u03", "u09", "u11", "u12", "m03", "m11", "m13", "h05", "h07", "m17", "m19")


def corpus_speeches() -> list[Path]:
    found = [p for folder in (CORPUS, CORPUS / "more") if folder.is_dir() for p in sorted(folder.iterdir())
             if p.suffix in (".txt", ".docx", ".md") and p.name != "README.md" and not p.name.startswith(HELD_OUT)]
    return found


def words(speech) -> list[str]:
    return ["".join(p.split()) for p in speech.body_paragraphs()]


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not there")
def test_every_corpus_speech_uploads_to_the_outline_the_cli_reads(client, workspace):
    """The page's outline is the CLI's: the same title, parts and short titles, and the speech's every word."""
    from docgen.readers import read_speech

    cid = new_class(client)
    for n, path in enumerate(corpus_speeches(), start=1):
        r = upload(client, cid, "speech", path.name, path.read_bytes())
        assert r.status_code == 200, (path, message(r))
        original, stored_md = read_speech(path), read_speech(workspace / cid / "source" / f"speech{n}.md")
        assert stored_md.title_lines == original.title_lines, path
        # (the structured Markdown keeps a marker without its trailing space: 一 两类… reads back 一两类…)
        assert [(s.marker.strip(), s.heading, s.short_title) for s in stored_md.walk()] == \
               [(s.marker.strip(), s.heading, s.short_title) for s in original.walk()], path
        assert words(stored_md) == words(original), path
        for s in original.sections:
            assert html.escape(s.short_title, quote=True) in r.text, (path, s.short_title)
        if 'id="merge-2"' in r.text:  # merging keeps every word, and the CLI reads one part fewer
            form = {"csrf": csrf(client), "title": "\n".join(original.title_lines), "merge_2": "1"}
            assert client.post(f"/c/{cid}/speech/speech{n}.md", data=form).status_code == 200, path
            merged = read_speech(workspace / cid / "source" / f"speech{n}.md")
            assert len(merged.sections) == len(original.sections) - 1 and words(merged) == words(original), path
