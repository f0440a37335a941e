import subprocess
import sys

from click.testing import CliRunner

from docgen.cli import COMMANDS, cli
from helpers import ROOT


def run(*args):
    return subprocess.run([sys.executable, "-m", "docgen", *args], capture_output=True, text=True, cwd=ROOT)


def test_help_lists_every_command_without_importing_them():
    proc = subprocess.run(
        [sys.executable, "-c",
         "import sys; from docgen.cli import main; sys.argv=['docgen','--help']\n"
         "try:\n main()\nexcept SystemExit: pass\n"
         "heavy=[m for m in ('docx','pptx','jinja2','openpyxl','lxml') if m in sys.modules]\n"
         "print('HEAVY', heavy)"],
        capture_output=True, text=True)
    for name in COMMANDS:
        assert name in proc.stdout
    assert "HEAVY []" in proc.stdout


def test_every_command_has_chinese_help_with_an_example():
    runner = CliRunner()
    for name in COMMANDS:
        result = runner.invoke(cli, [name, "--help"])
        assert result.exit_code == 0, (name, result.output)
        assert "示例" in result.output, name


def test_usage_error_exit_2_in_chinese():
    proc = run("nosuchcommand")
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines()[-1].startswith("错误：")


def test_library_error_is_one_line_without_traceback(tmp_path):
    proc = run("build", str(tmp_path / "absent"))
    assert proc.returncode == 1
    assert proc.stderr.strip().startswith("错误：")
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1


def test_a_bug_is_one_line_too_and_debug_shows_the_traceback(tmp_path):
    code = """
import sys
import docgen.writers.survey as survey
def broken(*args, **kwargs):
    raise KeyError("没想到")
survey.write_survey = broken
sys.argv = ["docgen", "survey", "-o", sys.argv[1]]
from docgen.cli import main
main()
"""
    env = {k: v for k, v in __import__("os").environ.items() if k != "DOCGEN_DEBUG"}
    proc = subprocess.run([sys.executable, "-c", code, str(tmp_path / "表.docx")], capture_output=True, text=True,
                          env=env)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert proc.stderr.strip().splitlines() == ["错误：内部错误（KeyError: '没想到'），请报告此问题；"
                                                "设置环境变量 DOCGEN_DEBUG=1 再运行可显示详细信息"]
    debug = subprocess.run([sys.executable, "-c", code, str(tmp_path / "表.docx")], capture_output=True, text=True,
                           env={**env, "DOCGEN_DEBUG": "1"})
    assert debug.returncode == 1 and "Traceback" in debug.stderr and "没想到" in debug.stderr


def test_init_creates_a_class_folder(tmp_path):
    proc = run("init", str(tmp_path / "班"))
    assert proc.returncode == 0, proc.stderr
    source = tmp_path / "班" / "source"
    assert (source / "speech.txt").read_text(encoding="utf-8") == (ROOT / "source" / "speech.txt").read_text(encoding="utf-8")
    assert (source / "class.toml").is_file()
    assert (tmp_path / "班" / "output").is_dir()
    again = run("init", str(tmp_path / "班"))
    assert again.returncode == 1 and "--force" in again.stderr


def test_packaged_sample_matches_source():
    for name in ("speech.txt", "class.toml", "roster.csv"):
        packaged = ROOT / "docgen" / "sample" / name
        assert packaged.read_bytes() == (ROOT / "source" / name).read_bytes(), name


def test_doctor_reports_each_font_role():
    proc = run("doctor")
    for role in ("仿宋", "黑体", "楷体", "小标宋", "LibreOffice", "直接绘制 PDF"):
        assert role in proc.stdout


def test_click_messages_are_chinese():
    proc = run("slides", "--no-such-option")
    assert proc.returncode == 2
    assert "用法：" in proc.stderr and "没有选项" in proc.stderr
    help_text = run("--help").stdout
    assert "显示本帮助并退出" in help_text and "Show this message" not in help_text
