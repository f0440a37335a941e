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


def test_a_file_open_in_word_is_one_clear_error_and_stays_as_it_was(tmp_path, monkeypatch):
    import os

    from docgen.errors import OutputError

    target = tmp_path / "讲义.docx"
    target.write_bytes(b"old")

    def locked(src, dst):  # what Windows does while Word holds the file open
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(OutputError, match="讲义.docx.*Word、WPS"):
        with atomic_path(target) as tmp:
            tmp.write_bytes(b"new")
    assert target.read_bytes() == b"old" and list(tmp_path.iterdir()) == [target]


def test_a_full_disk_is_named(tmp_path, monkeypatch):
    import errno
    import tempfile

    from docgen.errors import OutputError

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(tempfile, "mkstemp", full)
    with pytest.raises(OutputError, match="磁盘已满"):
        with atomic_path(tmp_path / "a.docx"):
            pass
