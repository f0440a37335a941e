import pytest

from docgen.errors import TemplateError
from docgen.resources import Templates


@pytest.fixture
def user_dir(tmp_path):
    d = tmp_path / "tpl"
    d.mkdir()
    return d


def test_explicit_dir_wins_over_class_folder(tmp_path, user_dir):
    (user_dir / "a.txt.j2").write_text("explicit {{ x }}", encoding="utf-8")
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "a.txt.j2").write_text("class {{ x }}", encoding="utf-8")
    (tmp_path / "templates" / "b.txt.j2").write_text("class-b", encoding="utf-8")
    t = Templates(user_dir, tmp_path)
    assert t.render("a.txt.j2", x=1) == "explicit 1"
    assert t.render("b.txt.j2") == "class-b"
    assert t.which("a.txt.j2") == str(user_dir / "a.txt.j2")


def test_strict_undefined_names_file_line_and_variable(user_dir):
    (user_dir / "t.txt.j2").write_text("第一行\n{{ missing_var }}\n", encoding="utf-8")
    with pytest.raises(TemplateError, match=r"t\.txt\.j2 第 2 行.*missing_var"):
        Templates(user_dir).render("t.txt.j2")


def test_sandbox_refuses_python_internals(user_dir):
    (user_dir / "evil.txt.j2").write_text("{{ ''.__class__.__mro__ }}", encoding="utf-8")
    with pytest.raises(TemplateError, match="不安全"):
        Templates(user_dir).render("evil.txt.j2")


def test_syntax_error_names_line(user_dir):
    (user_dir / "bad.txt.j2").write_text("ok\n{% if %}\n", encoding="utf-8")
    with pytest.raises(TemplateError, match=r"bad\.txt\.j2 第 2 行语法错误"):
        Templates(user_dir).render("bad.txt.j2")


def test_render_toml(user_dir):
    (user_dir / "w.toml").write_text('title = "{{ name }}签到表"\n', encoding="utf-8")
    assert Templates(user_dir).render_toml("w.toml", name="理论班") == {"title": "理论班签到表"}


def test_missing_template_and_dir(tmp_path):
    with pytest.raises(TemplateError, match="找不到模板"):
        Templates().render("no/such.j2")
    with pytest.raises(TemplateError, match="模板目录不存在"):
        Templates(tmp_path / "absent")


def test_packaged_defaults_exported(tmp_path):
    names = Templates.list_defaults()
    assert names, "docgen ships default templates"
    written = Templates.export(tmp_path / "out")
    assert sorted(str(p.relative_to(tmp_path / "out")) for p in written) == names
    # an exported copy is picked up as an override
    t = Templates(tmp_path / "out")
    assert t.find(names[0]) == tmp_path / "out" / names[0]
