"""Helpers of the hostile-input tests: run docgen as a user does and check the promises of a failure."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

SAMPLE_SPEECH = Path(__file__).resolve().parents[1] / "docgen" / "sample" / "speech.txt"


@dataclass
class Run:
    code: int
    out: str
    err: str

    @property
    def errors(self) -> list[str]:
        return [line for line in self.err.splitlines() if line.startswith("错误：")]


def docgen(*args: object, cwd: Path | None = None, env: dict | None = None, timeout: float = 120) -> Run:
    """`docgen ARGS` in a child process, as typed on the command line."""
    full_env = {**os.environ, "DOCGEN_JOBS": "1", **(env or {})}
    full_env.pop("DOCGEN_DEBUG", None)
    proc = subprocess.run([sys.executable, "-m", "docgen", *map(str, args)], cwd=cwd, env=full_env,
                          capture_output=True, text=True, timeout=timeout)
    return Run(proc.returncode, proc.stdout, proc.stderr)


def assert_one_error(run: Run, *names: str, code: int = 1) -> str:
    """Exit `code`, exactly one `错误：` line naming each of `names`, no traceback, nothing in English
    from a library. Returns the line."""
    assert run.code == code, (run.code, run.err)
    assert "Traceback" not in run.err and "内部错误" not in run.err, run.err
    assert len(run.errors) == 1, run.err
    line = run.errors[0]
    for name in names:
        assert name in line, (name, line)
    return line


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under `folder` (relative name -> digest of its content)."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def temp_files(*folders: Path) -> list[Path]:
    """What an interrupted or failed write may leave: `.~` temporaries, LibreOffice work folders."""
    found = []
    for folder in folders:
        if folder.exists():
            found += [p for p in folder.rglob("*") if p.name.startswith((".~", "docgen-lo-"))
                      or p.name.startswith("lu") and p.name.endswith(".tmp")]
    return found


def class_folder(tmp_path: Path, folder_name: str = "班", **values: str) -> Path:
    """A class folder made by `docgen init`, with class.toml's top-level `values` replaced."""
    folder = tmp_path / folder_name
    assert docgen("init", folder).code == 0
    if values:
        set_values(folder, **values)
    return folder


def set_values(folder: Path, **values: str) -> None:
    """Set top-level string values of class.toml (written as TOML basic strings, escaped)."""
    import json

    path = folder / "source" / "class.toml"
    lines = path.read_text(encoding="utf-8").splitlines()
    for key, value in values.items():
        quoted = json.dumps(value, ensure_ascii=False).replace("\x7f", "\\u007f")  # TOML forbids a raw DEL
        line = f"{key} = {quoted}"
        for i, old in enumerate(lines):
            if old.startswith(f"{key} ="):
                lines[i] = line
                break
        else:
            first_table = next(i for i, old in enumerate(lines) if old.startswith("["))
            lines.insert(first_table, line)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
