import pytest

from docgen.fsutil import atomic_path, safe_filename


def test_atomic_path_leaves_nothing_on_failure(tmp_path):
    target = tmp_path / "a.docx"
    target.write_text("old")
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_text("half")
        raise RuntimeError("writer failed")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.docx"]


def test_atomic_path_replaces_on_success(tmp_path):
    target = tmp_path / "sub" / "a.txt"
    with atomic_path(target) as tmp:
        tmp.write_text("new")
    assert target.read_text() == "new"
    assert [p.name for p in target.parent.iterdir()] == ["a.txt"]


@pytest.mark.parametrize("name", ["../x", "/etc/passwd", "a\\b", "..", "x\x00y\x1f", "a/../../b"])
def test_safe_filename_never_escapes(tmp_path, name):
    cleaned = safe_filename(name)
    assert "/" not in cleaned and "\\" not in cleaned and not cleaned.startswith(".")
    assert all(ord(c) >= 32 for c in cleaned)
    assert (tmp_path / cleaned).resolve().parent == tmp_path.resolve()


def test_atomic_file_gets_normal_permissions(tmp_path):
    import os

    target = tmp_path / "a.txt"
    with atomic_path(target) as tmp:
        tmp.write_text("x")
    mask = os.umask(0)
    os.umask(mask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~mask
