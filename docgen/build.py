"""`docgen build`: every document of a class folder, each written whole or not at all.

Pipeline (mkdocs-style): load class.toml → read every speech once → plan the jobs → run each
job, catching its failure so the others still get written → optional PDF in one LibreOffice run
→ remove files a previous build wrote that this build no longer makes.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from docgen.config import ClassInfo, is_inside, load_class
from docgen.errors import ConfigError, DocgenError
from docgen.fsutil import remove_temporaries, safe_filename, write_text_atomic

KINDS = ("slides", "handout", "quiz", "survey", "signin", "cards", "certificates")
KIND_LABELS = {
    "slides": "课件", "handout": "讲义", "quiz": "测试卷", "survey": "评估表",
    "signin": "签到表", "cards": "桌签", "certificates": "结业证书",
}
SPEECH_SUFFIXES = (".txt", ".docx", ".md")
MANIFEST = ".docgen-manifest.json"


@dataclass
class Job:
    kind: str
    label: str
    out: Path
    run: Callable[[], list[Path] | Path]
    speech: object = None  # the speech loader, shared with the other documents of that speech
    needs: tuple = ()  # loaders of shared inputs (speech, roster, templates), each run once per process


@dataclass
class Outcome:
    label: str
    paths: list[Path] = field(default_factory=list)
    error: str = ""
    seconds: float = 0.0
    skipped: str = ""
    """Why nothing was written although nothing failed (no attendees for table cards)."""

    @property
    def ok(self) -> bool:
        return not self.error


@dataclass
class BuildReport:
    outcomes: list[Outcome]
    pdfs: list[Path] = field(default_factory=list)
    pdf_error: str = ""

    @property
    def ok(self) -> bool:
        return all(o.ok for o in self.outcomes) and not self.pdf_error


def find_class_file(folder: Path) -> Path:
    """class.toml in `folder/source/` or `folder/`."""
    for candidate in (folder / "source" / "class.toml", folder / "class.toml"):
        if candidate.is_file():
            return candidate
    if not folder.is_dir():
        raise ConfigError(f"{folder}：培训班文件夹不存在，可用 docgen init {folder} 新建")
    raise ConfigError(f"{folder}：找不到 source/class.toml，可用 docgen init 新建培训班文件夹")


def class_speeches(info: ClassInfo, class_file: Path) -> list[Path]:
    """The speeches of the schedule, or every speech-like file in source/ when none is named."""
    if info.speeches:
        return info.speeches
    source = class_file.parent
    roster = info.roster.resolve() if info.roster else None
    found = sorted(p for p in source.iterdir()
                   if p.suffix.lower() in SPEECH_SUFFIXES and not p.name.startswith((".", "~"))
                   and p.stem.lower() not in ("readme", "roster"))
    for p in found:
        if not is_inside(p, info.folder or source):
            raise ConfigError(f"{p}：是指向培训班文件夹以外的符号链接，已拒绝；请把讲话稿本身放进 source/")
    return [p for p in found if p.resolve() != roster and not _is_bank(p)]


def _is_bank(path: Path) -> bool:
    from docgen.quiz.bank import is_bank  # a question bank (题库.md) is no speech

    return is_bank(path)


def plan_jobs(info: ClassInfo, class_file: Path, out_dir: Path, templates, only: set[str]) -> list[Job]:
    """Every document of the class as a job. A speech is read once, by the first job that needs it
    (before the lanes fork, when several lanes need it), so an unreadable speech fails only its
    own documents."""
    jobs: list[Job] = []
    paths = class_speeches(info, class_file) if only & {"slides", "handout", "quiz"} else []
    prefix = safe_filename(info.name)
    names = _speech_names(info, paths)
    for path in paths:
        tail = f"-{names[path]}" if len(paths) > 1 else ""
        speech = _Once(lambda p=path: _read_speech(p), data=True)
        jobs += _speech_jobs(speech, info, templates, out_dir, prefix, tail, only)
    roster = _Once(lambda: _read_roster(info.roster), data=True) if info.roster else None
    jobs += _class_jobs(roster, info, templates, out_dir, prefix, only)
    toolkit = _Once(lambda: _load_toolkit(templates))
    for job in jobs:
        job.needs = (toolkit, *job.needs)
    return jobs


class _Once:
    """Calls `load` on first use and remembers the result, so an input is read once per build.
    `data`: the result is plain data a parallel build can load in the parent and send to its lanes."""

    def __init__(self, load: Callable[[], object], data: bool = False):
        self._load = load
        self._value = None
        self.data = data

    def __call__(self):
        if self._value is None:
            self._value = self._load()
        return self._value

    def adopt(self, receive: Callable[[Callable[[], object]], object]) -> None:
        """In a lane: take the value from `receive(own_loader)` (the parent's) instead of loading it."""
        own = self._load
        self._load = lambda: receive(own)


def _speech_names(info: ClassInfo, paths: list[Path]) -> dict[Path, str]:
    """What tells the documents of several speeches apart in their file names: the lecture's title
    in the schedule (`课件-开班动员讲话`), or the speech's file name when titles are missing or repeat."""
    titles = {s.speech.resolve(): s.title for s in info.schedule if s.speech and s.title.strip()}
    names = {p: titles.get(p.resolve()) or p.stem for p in paths}
    if len(set(names.values())) < len(names):
        names = {p: p.stem for p in paths}
    return {p: safe_filename(name, max_bytes=90) for p, name in names.items()}


def _load_toolkit(templates) -> bool:
    """What every document needs: lxml and the templates' Jinja environment."""
    import lxml.etree  # noqa: F401 - imported for the lanes forked after it

    templates.env
    return True


def _read_speech(path: Path):
    from docgen.readers import read_speech

    return read_speech(path)


def _read_roster(path: Path):
    from docgen.roster import read_roster

    return read_roster(path)


WRITERS = {  # kind -> (module, function); imported by the job itself, so in its own lane
    "slides": ("docgen.writers.slides", "write_deck"),
    "handout": ("docgen.writers.handout", "write_handout"),
    "quiz": ("docgen.writers.quiz", "write_quiz"),
    "survey": ("docgen.writers.survey", "write_survey"),
    "signin": ("docgen.writers.signin", "write_signin"),
    "cards": ("docgen.writers.cards", "write_cards"),
    "certificates": ("docgen.writers.certificates", "write_certificates"),
}


PLANNERS = {  # kind -> (module, function, the writer's argument): the document planned as plain data,
    # which a parallel build makes in its parent while the lanes import python-docx
    "handout": ("docgen.writers.handout", "build_plan", "plan"),
    "quiz": ("docgen.writers.quiz", "build_class_papers", "built"),  # a bank in source/ when there is one
}


def _planned(kind: str, speech: _Once, info, templates) -> _Once | None:
    import importlib

    if kind not in PLANNERS:
        return None
    module, function, _ = PLANNERS[kind]
    return _Once(lambda: getattr(importlib.import_module(module), function)(speech(), info, templates), data=True)


def _writer(kind: str) -> Callable:
    import importlib

    module, function = WRITERS[kind]
    return getattr(importlib.import_module(module), function)


def _speech_jobs(speech, info, templates, out_dir, prefix, tail, only) -> list[Job]:
    specs = [("slides", f"课件{tail}", f"课件{tail}.pptx"), ("handout", f"讲义{tail}", f"讲义{tail}.docx"),
             ("quiz", f"测试卷及答案{tail}", f"测试卷{tail}.docx")]
    jobs = []
    for kind, label, name in specs:
        if kind in only:
            out, planned = out_dir / f"{prefix}-{name}", _planned(kind, speech, info, templates)
            jobs.append(Job(kind, label, out, lambda k=kind, o=out, p=planned: _write(k, speech, o, info, templates, p),
                            speech, (speech, planned) if planned else (speech,)))
    return jobs


def _write(kind: str, speech: _Once, out: Path, info, templates, planned: _Once | None):
    extra = {PLANNERS[kind][2]: planned()} if planned else {}
    return _writer(kind)(speech(), out, info, templates, **extra)


def _class_jobs(roster, info, templates, out_dir, prefix, only) -> list[Job]:
    jobs = []
    if "survey" in only:
        out = out_dir / f"{prefix}-评估表.docx"
        jobs.append(Job("survey", "评估表", out, lambda o=out: _writer("survey")(o, info, templates)))
    if "signin" in only:
        out = out_dir / f"{prefix}-签到表.docx"
        jobs.append(Job("signin", "签到表", out,
                        lambda o=out: _writer("signin")(roster() if roster else None, o, info, templates),
                        needs=(roster,) if roster else ()))
    for kind, name in (("cards", "桌签.pptx"), ("certificates", "结业证书.docx")):
        if roster is not None and kind in only:
            out = out_dir / f"{prefix}-{name}"
            jobs.append(Job(kind, KIND_LABELS[kind], out, lambda k=kind, o=out: _per_attendee(k, roster(), o, info,
                                                                                         templates),
                            needs=(roster,)))
    return jobs


class Skipped(Exception):
    """A document there is nothing to print on; the message says why."""


def _per_attendee(kind: str, roster, out: Path, info, templates):
    """Table cards or certificates: none for a roster without attendees (a blank page helps no one)."""
    if not roster.attendees:
        raise Skipped("名单中没有学员")
    return _writer(kind)(roster, out, info, templates)


def run_jobs(jobs: list[Job], on_done: Callable[[Outcome], None] | None = None) -> list[Outcome]:
    """Run every job, on several cores when there are; a failing job is recorded and the others still run."""
    from docgen import buildpool

    workers = buildpool.worker_count(len(jobs))
    if workers == 1:
        outcomes = []
        for job in jobs:
            outcomes.append(_run_job(job))
            if on_done:
                on_done(outcomes[-1])
        return outcomes
    return _run_parallel(jobs, workers, on_done)


def _run_job(job: Job) -> Outcome:
    started = time.perf_counter()
    outcome = Outcome(job.label)
    try:
        result = job.run()
        outcome.paths = list(result) if isinstance(result, (list, tuple)) else [result]
    except Skipped as e:
        outcome.skipped = str(e)
    except DocgenError as e:
        outcome.error = str(e)
    except OSError as e:
        from docgen.fsutil import os_reason

        outcome.error = f"{e.filename or job.out}：{os_reason(e)}"
    except Exception as e:  # noqa: BLE001 - one broken document must not stop the kit
        outcome.error = f"内部错误（{type(e).__name__}: {e}），请报告此问题"
    outcome.seconds = time.perf_counter() - started
    return outcome


def _run_parallel(jobs: list[Job], workers: int, on_done) -> list[Outcome]:
    """Each lane of jobs in a forked child; outcomes come back in job order, progress as they finish."""
    from docgen import buildpool
    from docgen.report import warn

    outcomes = [Outcome(job.label) for job in jobs]

    def run_one(i: int) -> dict:
        o = _run_job(jobs[i])
        return {"paths": [str(p) for p in o.paths], "error": o.error, "seconds": o.seconds, "skipped": o.skipped}

    def on_result(i: int, result: dict) -> None:
        o = outcomes[i]
        o.paths = [Path(p) for p in result.get("paths", [])]
        o.error, o.seconds = result.get("error", ""), result.get("seconds", 0.0)
        o.skipped = result.get("skipped", "")
        if on_done:
            on_done(o)

    lanes = buildpool.plan_lanes([j.kind for j in jobs], [j.speech for j in jobs], workers)
    feeds = _shared_inputs(jobs, lanes)
    buildpool.run_in_lanes(lanes, run_one, on_result, warn, feeds)
    for job, outcome in zip(jobs, outcomes):
        if outcome.error == buildpool.CRASHED:  # its lane was killed mid-write
            remove_temporaries(job.out)
    return outcomes


def _shared_inputs(jobs: list[Job], lanes: list[list[int]]) -> list:
    """The inputs the lanes need. Data (speeches, roster) is loaded once, by the parent after
    forking while the lanes import their libraries, and sent to the lanes: its warnings are shown
    once, as in a serial build, and a failure reaches each job that needs it as its own error.
    What cannot be sent (lxml and the Jinja environment) is loaded before forking when more than
    one lane needs it. Data comes in the order the lanes will ask for it."""
    from docgen.buildpool import Feed

    users: dict[int, tuple[_Once, set[int], float]] = {}  # id -> (input, lanes, when first needed)
    for lane, indices in enumerate(lanes):
        for position, i in enumerate(indices):
            for need in jobs[i].needs:
                _, used_by, first = users.setdefault(id(need), (need, set(), position))
                used_by.add(lane)
                users[id(need)] = (need, used_by, min(first, position))
    _import_shared_modules(jobs, lanes)
    feeds = []
    for need, used_by, _ in sorted(users.values(), key=lambda u: u[2]):
        if need.data:
            feeds.append(Feed(need, frozenset(used_by), need.adopt))
        elif len(used_by) > 1:
            try:
                need()
            except Exception:  # noqa: BLE001 - reported by each job that needs it
                pass
    return feeds


SHARED_MODULES = {  # module -> (kinds whose lane imports it, kinds whose input or plan the parent makes with it)
    "zipfile": (KINDS, ("slides", "handout", "quiz", "cards", "certificates")),
    "importlib.readers": (KINDS, ("slides", "handout", "quiz", "cards", "certificates")),
    "docx": (("handout", "quiz", "survey", "signin", "certificates"), ()),  # python-docx: both lanes write Word
    "docgen.model": (("slides", "handout", "quiz"), ("slides", "handout", "quiz")),
    "docgen.roster": (("signin", "cards", "certificates"), ("cards", "certificates")),
    "docgen.analysis.phrases": (("slides",), ("handout", "quiz")),
    "docgen.analysis.bullets": (("slides",), ("handout",)),
    "docgen.writers.handout": (("handout",), ("handout",)),
    "docgen.writers.quiz": (("quiz",), ("quiz",)),
    "docgen.quiz.choice": (("quiz",), ("quiz",)),
    "docgen.quiz.text": (("quiz",), ("quiz",)),
}


def _import_shared_modules(jobs: list[Job], lanes: list[list[int]]) -> None:
    """Import before forking each module that two or more processes would import after it (the
    parent to read and plan, a lane to unpickle and write): once instead of two or three times.
    About 40 ms of CPU less per build; on a busy machine, where the lanes share one core, that is
    wall time too."""
    import importlib

    lane_of = {i: lane for lane, indices in enumerate(lanes) for i in indices}
    for module, (in_lanes, in_parent) in SHARED_MODULES.items():
        users = {lane_of[i] for i, job in enumerate(jobs) if job.kind in in_lanes}
        users |= {"parent" for job in jobs if job.kind in in_parent}
        if len(users) > 1:
            importlib.import_module(module)


def build(folder: str | Path = ".", *, only: set[str] | None = None, pdf: bool = False,
          templates_dir: Path | None = None, output_dir: Path | None = None,
          on_plan: Callable[[list[Job]], None] | None = None,
          on_done: Callable[[Outcome], None] | None = None) -> BuildReport:
    """Build the kit of the class in `folder` into `folder/output` (or `output_dir`)."""
    from docgen.resources import Templates

    folder = Path(folder)
    class_file = find_class_file(folder)
    info = load_class(class_file)
    templates = Templates(templates_dir, info.folder)
    out_dir = Path(output_dir) if output_dir else folder / "output"
    _check_output_dir(out_dir)
    jobs = plan_jobs(info, class_file, out_dir, templates, set(only or KINDS))
    if on_plan:
        on_plan(jobs)
    report = BuildReport(run_jobs(jobs, on_done))
    written = [p for o in report.outcomes for p in o.paths]
    if pdf:
        _export_pdf(report, written)
    made = {p.name: j.kind for j, o in zip(jobs, report.outcomes) for p in o.paths}
    made.update({p.name: made.get(p.stem + ".docx") or made.get(p.stem + ".pptx") for p in report.pdfs})
    failed = {j.kind for j, o in zip(jobs, report.outcomes) if not o.ok}
    _clean_stale(out_dir, made, failed, set(only or KINDS), keep_pdfs=bool(report.pdf_error))
    return report


def _check_output_dir(out_dir: Path) -> None:
    """The output folder, made when missing; `OutputError` when it cannot be (a file has its name)."""
    from docgen.errors import OutputError
    from docgen.fsutil import os_reason

    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(f"{out_dir}：已存在同名的文件，不是文件夹；请用 -o 指定一个文件夹")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise OutputError(f"{out_dir}：无法建立输出文件夹（{os_reason(e)}）") from None


def _export_pdf(report: BuildReport, written: list[Path]) -> None:
    """Every document as PDF: the roster documents drawn by docgen, the rest by LibreOffice."""
    from docgen.export.pdf import export_pdfs

    office = [p for p in written if p.suffix.lower() in (".docx", ".pptx")]
    mail_merges = {KIND_LABELS["signin"], KIND_LABELS["cards"], KIND_LABELS["certificates"]}
    drawn = [p for o in report.outcomes if o.label in mail_merges for p in o.paths]
    try:
        report.pdfs = export_pdfs(office, draw=drawn)
    except DocgenError as e:
        report.pdf_error = str(e)


def _clean_stale(out_dir: Path, made: dict[str, str | None], failed: set[str], asked: set[str],
                 keep_pdfs: bool = False) -> None:
    """Delete what an earlier build wrote of the kinds this one was asked for and no longer makes.
    Files of other kinds stay (`--only slides` remakes the deck and leaves the handout alone), and
    so do the old files of every kind that failed this time, whatever their names (a changed class
    name changes them all), and the old PDFs when the PDF step failed (`keep_pdfs`): a failure never
    loses what the user had. `made`: file name -> document kind."""
    manifest = out_dir / MANIFEST
    previous = _previous_files(manifest)
    everything = asked >= set(KINDS)
    keep = dict(made)
    for name, kind in previous.items():
        if name in keep or not _plain_name(name):
            continue
        if kind in failed or kind is None and failed or keep_pdfs and name.lower().endswith(".pdf"):
            keep[name] = kind
        elif everything or kind in asked:
            try:
                (out_dir / name).unlink(missing_ok=True)
            except OSError:
                keep[name] = kind
        else:
            keep[name] = kind
    out_dir.mkdir(parents=True, exist_ok=True)
    write_text_atomic(manifest, json.dumps({"files": dict(sorted(keep.items()))}, ensure_ascii=False, indent=1))


def _previous_files(manifest: Path) -> dict[str, str | None]:
    """File name -> kind, as the last build recorded them; nothing when the manifest is unreadable."""
    try:
        previous = json.loads(manifest.read_text(encoding="utf-8")).get("files", {})
    except (OSError, ValueError, AttributeError):
        return {}
    if isinstance(previous, list):  # written before kinds were recorded
        previous = dict.fromkeys(name for name in previous if isinstance(name, str))
    if not isinstance(previous, dict):
        return {}
    return {name: kind if isinstance(kind, str) else None for name, kind in previous.items() if isinstance(name, str)}


def _plain_name(name: str) -> bool:
    """A name the manifest may hold: one file directly in the output folder (never `..` or a path)."""
    return bool(name) and name not in (".", "..") and not any(c in name for c in "/\\\0") and name != MANIFEST
