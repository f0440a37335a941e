"""Bullets condensed from a section's own sentences: verbatim clauses, never new words.

Each bullet is a contiguous piece of one sentence of the section: the leading
connective (要、同时、此外 …), enumerator (一是、第一，…) and lead-in clauses (十年来，
在此基础上，我们深刻认识到，…) dropped, cut after a clause boundary (，；：) and without
its end punctuation. The outline (point headings) comes first, procedural talk
(刚才…、下面，我讲三点意见) never. Used by the slides and the handout.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from docgen.analysis.grammar import (
    CONCESSIONS, CONDITIONS, condition_offset, has_predicate, purpose, starts_with_verb, unfinished_phrase,
)
from docgen.analysis.sentences import nonblank_sentences
from docgen.model import Section

MIN_BULLETS = 3
MAX_BULLETS = 6
CHARS_PER_BULLET = 70
"""About one bullet for every this many characters of own text (then clamped to 3–6)."""
MIN_CHARS = 8
"""A first clause shorter than this takes the next clause too."""
MIN_WORDS = 4
"""Shorter pieces (`同志们`) are not bullets."""
NEAR_DUPLICATE = 0.6
"""A bullet sharing this share of its character pairs with a chosen one repeats it."""

POINT_SCORE = 10
ADDRESS_SCORE = -10
"""Sentences opening with an address (`同志们，`) come after every other sentence."""

# Longest first: "我们要" before "我们" before "要".
CONNECTIVES = tuple(sorted((
    "要", "同时", "此外", "另外", "并且", "而且", "因此", "所以", "总之", "总而言之", "首先", "其次",
    "再次", "最后", "当然", "然后", "我们要", "我们必须", "必须", "还要", "更要", "也要", "都要", "就要",
    "并", "既要", "又要", "一方面", "另一方面", "特别是", "尤其是", "其中", "对此",
    "为此", "总的来说", "具体来说", "换句话说", "但是", "但", "可是", "然而", "那么", "所谓",
    "就是说", "也就是说", "这就是说", "大家知道", "你们看", "不但如此", "可见", "事实上", "实际上", "比如",
    "例如", "应当指出", "需要指出的是", "那末", "而", "又如", "也就是",
), key=len, reverse=True))

# -- lead-in clauses: they set the scene and carry no point of their own --------
LEAD_IN_ENDS = ("以来", "以后", "之后", "以前", "之前", "期间", "之际", "的时候", "年来", "年前")
TIME_WORDS = ("今天", "今年", "去年", "明年", "当前", "目前", "现在", "如今", "近年来", "最近", "过去", "未来",
              "同时", "此前", "今后", "眼下")
CIRCUMSTANCE_STARTS = ("面对", "随着", "经过", "通过", "为了", "自从", "截至", "截止", "依托", "围绕", "按照",
                       "根据", "针对", "立足", "着眼", "由于", "鉴于", "基于", "对照", "虽然", "尽管", "因为", "既然",
                       "至于", "当着", "说到", "谈到", "讲到")
"""A clause opening (after at most a short subject) with these is a circumstance or concession.
Conditions (`如果` `只有` `一旦`, grammar.CONDITIONS) are never dropped."""
TOPIC_STARTS = ("对于", "关于", "在", "自", "从", "当", "于")
OBJECT_TOPIC = re.compile(r"^(?:对(?!标|接|口|比|话|照|待|此)|针对|利用|借助)")
"""`对困难职工，要…`: the object put first as a topic; the next clause says what to do with it."""
PLACE_ENDS = ("中", "上", "下", "里", "内", "后", "时", "前", "方面", "形势", "问题", "批判", "过程", "基础",
              "阶段", "高度", "角度", "出发", "入手", "层面", "来看")
REPORTING_ENDS = ("认识到", "意识到", "指出", "强调", "表明", "证明", "看到", "认为", "深知", "深信", "懂得", "相信", "说起来", "说来", "讲起来", "承认", "讲过", "说过", "谈过", "提到",
                  "坚信", "告诉我们", "呼吁", "宣布", "说", "看来", "可以说", "应该说", "应当说")
_OPEN_END = re.compile(r"(?:(?<!事求)(?<!但)是|(?<![未所没])有|包括|在于|如下|必须|应当|应该|(?:还|更|也|都|就|我们|首先)要"
                       r"|因为|之外|以外|比较起来|相比|来说|而言)$")
"""A clause ending in these (`形势是：` `还必须：`) only announces what follows (not `实事求是` `十分重要`)."""
SUBJECT_OF_NEXT = ("是", "就是", "既是", "也是", "都是", "才是", "不是", "正是", "而是", "乃是")
CAUSED = ("使", "使得", "从而", "以便", "以免", "进而", "致使")
"""A bullet opening with these states an effect whose cause was cut off (`使他们能够看到文件`)."""
REPORTED = re.compile(r"^(?:我|我们|他|他们|它|大家|有人)?(?:认为|觉得|以为|主张|感到)")
SENTENCE_BULLET_MIN = 6
"""A bullet from a sentence (not a heading) shorter than this lacks its object (`切实纠正`)."""
"""A clause followed by `是…` is its subject, not a lead-in."""
CONSEQUENCE_STARTS = ("就", "才", "便", "则", "那", "也", "都", "还", "否则", "不然")
"""`只有…，才能…` `倘若…，那是…`: the result needs its condition, so the condition is not skipped."""
_ANNOUNCES_LIST = re.compile(r"(?:以下|如下)[^，]{0,6}$")
_AFTER_EVENT = re.compile(r"(?<!落|滞|背|幕|最|然|前|其)后$")
_TIME_COUNT = re.compile(r"以来的[^，]{1,4}$|^(?:\d{4}年)?(?:\d{1,2}月)?\d{1,2}日(?:至\d{1,2}日)?$|^\d{4}年(?:\d{1,2}月)?$|^[\d一二三四五六七八九十百千〇两几多]+(?:年|个月|天)(?:来|以来|里)?$"
                         r"|^到[^，]{1,10}(?:年|中叶|年底|年末|月底|之前|以前)$")
_PREFIX = 4
"""A lead-in preposition may follow a short subject or time word (`今年要在此基础上`)."""

# -- procedural talk: the speaker organising the meeting, not its content ---------
DISCOURSE_OPENERS = ("刚才", "下面", "接下来", "借此机会", "在此", "此次会议", "这次会议", "本次会议",
                     "讲一讲", "讲讲", "谈一谈", "谈谈", "说一说", "再讲", "再谈", "先讲", "先谈", "先说")
"""A sentence opening with these is procedural talk throughout."""
ADDRESSES = ("同志们", "各位代表", "各位委员", "各位同志", "朋友们", "同学们", "女士们", "先生们")
_SPEAKER = (
    r"^我(?:要|再|来|想|还|先)?(?:说到|讲到|谈到|说一说|讲一讲|谈一谈)|我(?:们)?(?:代表|谨)|我受[^，。]{0,16}(?:委托|委派)|谨向|表示(?:衷心的|热烈的|诚挚的|亲切的)?(?:感谢|祝贺|问候|欢迎|慰问)|请予审议"
    r"|(?:讲|谈)(?:[一二三四五两几]|以下几)?(?:点|个方面)(?:意见|看法|体会|想法)?$"
)
_SPEAKER_TALK = re.compile(_SPEAKER)
"""The speaker's own part (`我代表…` `我讲三点意见`): a sentence opening with it is procedural throughout."""
_PROCEDURAL = re.compile(
    _SPEAKER + r"|^(?:今天|这次|我们|今天我们)?(?:在这里)?(?:召开|举行|举办)[^，。]*(?:会议|大会|座谈会|培训班|会)$"
    r"|^(?:今天|我们|今天我们)?邀请[^，。]*座谈$"
    r"|(?:讲|说)得(?:都|很|非常)?(?:很)?好|作了[^，。]*(?:发言|讲话|报告)$|我都同意|很受启发"
    r"|^(?:大家|各位|同志们|老师们|同学们)(?:上午|下午|晚上)?好(?:[，,！!]|$)"
    r"|^我(?:现在|今天|这里)?(?:不能|不想|不准备|只能|只|想|先)[^，。]{0,6}(?:讲|谈|说|解答|回答)"
    r"|(?:说一说|谈一谈|讲一讲|说说|谈谈|讲讲)(?:我的)?(?:意见|看法|想法)|^就.{1,8}(?:看|来看|而言|来说)$"
    r"|提请[^，。]*(?:审议|审查)|(?:上面|前面|上文|刚才|以上)(?:所)?(?:讲|说|谈|提)(?:过|到|的)?|^拿.{1,20}来说吧?$"
)
MEETING_REMARK = re.compile(
    r"(?:请|希望|欢迎)(?:大家|同志们|各位代表|各位委员|各位)[^。！？]{0,24}(?:意见|讨论|指正|发言|审议|考虑|参考)"
    r"|(?:^|并|，)请[^。！？]{0,30}(?:审议|提出意见|批评指正|意见)|敞开思想|畅所欲言|各抒己见|踊跃发言|供(?:大家|同志们)?参考"
)
"""The speaker running the meeting (`请……提出意见` `大家敞开思想，畅所欲言`): never a bullet."""
LINKING = re.compile(r"(?:以下|如下|下列|下面)[^，。；：！？]{0,12}[：:。；！]?$")
"""A sentence that only leads into what follows (`为实现上述目标，要突出抓好以下四个方面的工作`)."""
DEMONSTRATIVES = ("这", "那", "此", "它", "其", "他们", "他", "她")
"""A bullet opening with these points back at a sentence the slide does not show."""
WHOLE_SENTENCE_SHARE = 1.5
"""A sentence with no self-contained clause is a bullet whole when at most this times max_chars."""

_NOTE_MARK = re.compile(r"〔\d+〕|\[\d+\]|[⑴-⒇]")
_ENUMERATOR = re.compile(
    r"^(?:[一二三四五六七八九十]+是|第[一二三四五六七八九十百]+(?:[，、,.：:]|(?=是|要|点|条|方面|个方面|部分))(?:点|条|个方面|方面|部分)?[，、,.：:]?|[（(][一二三四五六七八九十\d]+[）)]"
    r"|\d+[.、．]|[一二三四五六七八九十]+[、．]|[甲乙丙丁戊己庚辛][、．]|[⑴-⒇①-⑳])"
)
_CLAUSE_PUNCT = "，；：,;:"
_TRAILING = "，。；：、！？,.;:!? \u3000"
_PAIRS = (("“", "”"), ("‘", "’"), ("（", "）"), ("《", "》"), ("「", "」"), ("(", ")"))


@dataclass(frozen=True)
class _Candidate:
    text: str
    order: int
    score: int
    spare: bool = False
    """A later clause of a sentence: used only to reach MIN_BULLETS."""


def section_bullets(section: Section, max_chars: int = 40) -> list[str]:
    """3–6 bullets (fewer only when the section has fewer usable sentences), in text order."""
    items = [(p, False) for p in section.paragraphs]
    items += [(_point_text(sub, max_chars), True) for sub in section.sections]
    items += [(p, False) for p in section.trailing]
    return outline_bullets(items, max_chars)


def _point_text(sub: Section, max_chars: int) -> str:
    """A subsection's heading as a point: whole when it makes a bullet, else its short title if
    that says something (a heading line is a title; the first clause of a run-in sentence may not be)."""
    if point_bullet(sub.heading, max_chars):
        return sub.heading
    return sub.short_title if not sub.run_in or has_predicate(sub.short_title) else ""


def point_bullet(heading: str, max_chars: int = 40) -> str:
    """A point heading as a bullet: a one-clause heading (`做强三产`) as it is, a sentence only as a
    whole thought (see `statement`)."""
    core = _strip_lead(_NOTE_MARK.sub("", heading.strip()))
    return condense(heading, max_chars) if len(_clauses(core)) <= 1 else statement(heading, max_chars)


def outline_bullets(items: Sequence[tuple[str, bool]], max_chars: int = 40, exclude: Sequence[str] = ()) -> list[str]:
    """Bullets from (text, is_point_heading) items in text order; point headings first, `exclude` never."""
    return [text for text, _ in outline(items, max_chars, exclude)]


def outline(items: Sequence[tuple[str, bool]], max_chars: int = 40, exclude: Sequence[str] = ()) -> list[tuple[str, bool]]:
    """`outline_bullets` with, for each bullet, whether it is a point heading (the details after it
    belong under it)."""
    own = "".join(text for text, point in items if not point)
    wanted = max(MIN_BULLETS, min(MAX_BULLETS, round(len(own) / CHARS_PER_BULLET)))
    candidates = [c for c in _candidates(items, max_chars) if not any(_contained(c.text, x) for x in exclude)]
    return _choose(candidates, max(wanted, min(MAX_BULLETS, sum(1 for c in candidates if c.score >= POINT_SCORE))))


def condense(sentence: str, max_chars: int = 40) -> str:
    """The key clause of `sentence`, verbatim, or "" when no clean cut of at most `max_chars` exists.

    Lead-in clauses (`十年来，` `在此基础上，` `我们深刻认识到，`) are dropped; a predicate left
    without its subject (`是…`) is no bullet.
    """
    bullet = _condense(sentence, max_chars)
    if bullet.startswith(SUBJECT_OF_NEXT) or drops_condition(sentence, bullet) or _cuts_result(sentence, bullet):
        return ""
    return bullet


_CONCESSION = re.compile(f"^.{{0,12}}(?:{'|'.join(CONCESSIONS)}|除了)")
_RESULT_AFTER_SUBJECT = re.compile(r"^[^，]{0,4}?(?:就|才|便|则)")


def _result_after_subject(clause: str) -> bool:
    """`他们就会参加革命`: a result, even after a short subject (the clause before it is its
    condition); `就` as a word of its own, not in `就业` `成就`."""
    if not _RESULT_AFTER_SUBJECT.match(clause):
        return False
    from docgen.analysis.words import words

    return any(w in ("就", "才", "便", "则") for w in words(clause[:8])[:3])
RESULT_STARTS = ("就", "才", "便", "则", "那就", "那么")
"""A later clause opening with these is the result of the clauses before it (`没有责任心，…，就…`)."""


def _cuts_result(sentence: str, bullet: str) -> bool:
    """`bullet` ends before the clause that states what its clauses lead to."""
    at = sentence.find(bullet)
    rest = sentence[at + len(bullet):] if at >= 0 else ""
    return any(_strip_lead(c).startswith(RESULT_STARTS) or c.lstrip("，,；; ").startswith(RESULT_STARTS)
               for c in _clauses(rest.lstrip("，,；;：: ")))


def _stands_alone(bullet: str) -> bool:
    """A statement with its predicate, its cause and its object: not `使他们…`, `我认为所有…的人`,
    `…应把政府的领导`, `切实纠正`."""
    reported = REPORTED.sub("", bullet, count=1)
    return (len(bullet) >= SENTENCE_BULLET_MIN and not bullet.startswith(CAUSED) and has_predicate(bullet)
            and has_predicate(reported) and not _unfinished(_clauses(bullet)) and not unfinished_phrase(bullet))


def drops_condition(sentence: str, bullet: str) -> bool:
    """`bullet` starts after a condition word of `sentence` (`如果没有…，` cut off its result)."""
    if not bullet or not _has_condition(sentence):
        return False
    at, cond = sentence.find(bullet), condition_offset(sentence)
    return cond >= 0 and at > cond


def _has_condition(text: str) -> bool:
    """Cheap test before asking the tagger: a condition word's characters occur in `text`."""
    return any(word in text for word in CONDITIONS) and condition_offset(text) >= 0


def statement(sentence: str, max_chars: int = 40) -> str:
    """A bullet for `sentence`: its key clause, else the whole sentence when it is short enough and
    says something; "" when neither stands alone."""
    bullet = condense(sentence, max_chars)
    if bullet and _stands_alone(bullet):
        return bullet
    whole = _strip_lead(_NOTE_MARK.sub("", sentence.strip())).rstrip(_TRAILING)
    if whole.startswith(SUBJECT_OF_NEXT):
        return ""  # `就是占全国人口百分之九十的工人农民` continues the sentence before
    if MIN_CHARS <= len(whole) <= max_chars * WHOLE_SENTENCE_SHARE and _balanced(whole) and _stands_alone(whole):
        return whole
    return ""


def _condense(sentence: str, max_chars: int) -> str:
    whole = _clauses(_strip_lead(_NOTE_MARK.sub("", sentence.strip())))
    clauses = _skip_lead_ins(whole)
    while clauses:
        bullet = _join_clauses(clauses, max_chars)
        if bullet is None:
            # `还必须：第一，…`: what follows the announcement may still make a bullet.
            ends = [i for i, c in enumerate(clauses) if _announces(c.rstrip(_TRAILING))]
            if not ends or ends[0] + 1 >= len(clauses):
                return ""
            clauses = _skip_lead_ins(_clauses(_strip_lead("".join(clauses[ends[0] + 1:]))))
            continue
        if len(bullet) >= MIN_CHARS or len(clauses) == 1:
            if len(bullet) < MIN_CHARS and len(clauses) < len(whole):
                # Too short without its lead-in (`那是不许可的`): the lead-in joins it, or nothing.
                bullet = _join_clauses(whole, max_chars) or ""
                return bullet if _balanced(bullet) and len(bullet) >= MIN_CHARS else ""
            return bullet if _balanced(bullet) and len(bullet) >= MIN_WORDS else ""
        if clauses[1].startswith(SUBJECT_OF_NEXT + CONSEQUENCE_STARTS) or _has_condition(clauses[0]):
            return ""  # `是…` without its subject, a result without its condition, say nothing
        clauses = _skip_lead_ins(_clauses(_strip_lead("".join(clauses[1:]))))
    return ""


def key_clause(sentence: str, max_chars: int = 40) -> str:
    """`condense(sentence)`, or "" when the sentence is procedural talk (`刚才…`, `下面，我讲三点意见`)."""
    bullet = condense(sentence, max_chars)
    return "" if not bullet or is_procedural(sentence, bullet) else bullet


def first_clause(sentence: str) -> str:
    """The sentence's first clause after its connectives and lead-ins, verbatim, without punctuation."""
    clauses = _skip_lead_ins(_clauses(_strip_lead(_NOTE_MARK.sub("", sentence.strip()))))
    return clauses[0].rstrip(_TRAILING) if clauses else ""


def is_procedural(sentence: str, bullet: str = "") -> bool:
    """The speaker organising the meeting (`刚才，…作了发言` `我代表…表示感谢`), not its content."""
    core = _NOTE_MARK.sub("", sentence.strip()).lstrip("，、 \u3000")
    for word in TIME_WORDS + ADDRESSES:
        if core.startswith(word):
            core = core[len(word):].lstrip("，、,：:！! \u3000")
    first = _clauses(core)[:1]
    if MEETING_REMARK.search(core) or MEETING_REMARK.search(bullet) or LINKING.search(core.rstrip("。！？!?… \u3000")):
        return True
    return (core.startswith(DISCOURSE_OPENERS) or any(_SPEAKER_TALK.search(c.rstrip(_TRAILING)) for c in first)
            or any(_is_procedural_clause(c) for c in _clauses(bullet or core)))


# -- lead-ins ---------------------------------------------------------------

def _skip_lead_ins(clauses: list[str]) -> list[str]:
    while (len(clauses) > 1 and _is_lead_in(clauses[0]) and not _has_condition(clauses[0])
           and not clauses[1].startswith(SUBJECT_OF_NEXT + CONSEQUENCE_STARTS)
           and not _result_after_subject(clauses[1])):
        clauses = _clauses(_strip_lead("".join(clauses[1:])))
    return clauses


def _is_lead_in(clause: str) -> bool:
    """A clause that only sets the scene for the next one.

    Time (`十年来` `十九大以来的五年`), circumstance (`面对…` `在此基础上` `在…过程中`), a reporting verb
    (`我们深刻认识到`), an open end (`形势是：`) or procedural talk (`我们召开…会议`).
    """
    core = clause.rstrip(_TRAILING)
    return (core in ADDRESSES or _is_time(core) or _is_circumstance(core) or _announces(core)
            or _is_procedural_clause(core))


_UNFINISHED_PLACE = re.compile(r"^[^，]{0,8}(?:在|当|从|于|到)[^，]*(?:上|中|时|内|下|里|期间|之际|时候|方面|范围内|时期|阶段|情况下|条件下|过程中)$")
"""`列宁主义要求党在一切重大的问题上` `毛泽东同志在延安整风时`: the place or time, not yet what happens."""
_FROM_TO = re.compile(r"^从")


def _unfinished(clauses: list[str]) -> bool:
    """The last clause only sets a place or time, or closes `从…，到…` without a predicate."""
    last = clauses[-1].rstrip(_TRAILING)
    from_to = last.startswith("到") and any(c.startswith("从") for c in clauses[:-1])
    return bool(_UNFINISHED_PLACE.match(last)) or from_to


def _is_time(core: str) -> bool:
    return (core in TIME_WORDS or core.endswith(LEAD_IN_ENDS) or bool(_TIME_COUNT.search(core))
            or (len(core) > 2 and bool(_AFTER_EVENT.search(core))))


def _is_circumstance(core: str) -> bool:
    return bool(OBJECT_TOPIC.match(core) or _CIRCUMSTANCE.match(core) or purpose(core)
                or (core.endswith(PLACE_ENDS) and _TOPIC.match(core)))


_NOT_BEFORE_ZAI = "正现存所实好自不内外"
"""`正在` `现在` `存在` … are words of their own, not the preposition 在 after a subject."""
_CIRCUMSTANCE = re.compile(f"^.{{0,{_PREFIX}}}(?:{'|'.join(CIRCUMSTANCE_STARTS)})")
_TOPIC = re.compile(f"^(?:{'|'.join(TOPIC_STARTS)}|.{{0,{_PREFIX - 1}}}[^{_NOT_BEFORE_ZAI}](?:在|对于|关于))")


def _is_procedural_clause(clause: str) -> bool:
    return bool(_PROCEDURAL.search(clause.rstrip(_TRAILING)))


def is_procedural_clause(clause: str) -> bool:
    """One clause of the speaker organising the talk (`我现在不能一一解答`, `我代表…`)."""
    return _is_procedural_clause(clause)


def split_clauses(text: str) -> list[str]:
    """`text` cut after each clause punctuation outside quotes and brackets, punctuation kept."""
    return _clauses(text)


def _needs_more(bullet: str, following: str) -> bool:
    """`bullet` would end on a lead-in, or is a bare subject that `following` (`是…`) completes."""
    clauses = _clauses(bullet)
    bare_subject = len(clauses) == 1 and "是" not in bullet and following.startswith(SUBJECT_OF_NEXT)
    last = clauses[-1].rstrip(_TRAILING)
    opens_concession = bool(_CONCESSION.match(_strip_lead(clauses[-1])))
    return bool(following) and (bare_subject or _is_lead_in(clauses[-1]) or _has_condition(bullet) or opens_concession
                                or last in CONNECTIVES or last in CONSEQUENCE_STARTS or _unfinished(clauses)
                                or following.startswith(CONSEQUENCE_STARTS) or not has_predicate(bullet))


def _short_tail(clauses: list[str], i: int) -> bool:
    """Clause `i` is a short last clause (`，部署今年任务。`): left out, it would dangle."""
    return i == len(clauses) - 1 and len(clauses[i].rstrip(_TRAILING)) < MIN_CHARS and not _is_enumerator(clauses[i])


def _announces(core: str) -> bool:
    """`主要体现在以下几个方面` `形势是` `我们深刻认识到`: only points at what follows."""
    return core.endswith(REPORTING_ENDS) or bool(_OPEN_END.search(core) or _ANNOUNCES_LIST.search(core))


def _join_clauses(clauses: list[str], max_chars: int) -> str | None:
    """Clauses joined until the bullet is long enough and complete; None when it cannot be completed."""
    bullet = ""
    for i, clause in enumerate(clauses):
        if bullet and _is_enumerator(clause):
            break
        joined = bullet + clause
        if len(joined.rstrip(_TRAILING)) > max_chars:
            if bullet and _needs_more(bullet, clause):
                return None
            break
        bullet = joined
        following = clauses[i + 1] if i + 1 < len(clauses) else ""
        if len(bullet.rstrip(_TRAILING)) >= MIN_CHARS and not (_needs_more(bullet, following)
                                                              or _short_tail(clauses, i + 1)):
            break
    if bullet and _announces(_clauses(bullet)[-1].rstrip(_TRAILING)):
        return None
    return (bullet or _cut_list(clauses[0], max_chars)).rstrip(_TRAILING)


# -- candidates -------------------------------------------------------------

def _candidates(items: Sequence[tuple[str, bool]], max_chars: int) -> list[_Candidate]:
    found: list[_Candidate] = []
    for text, point in items:
        if point:
            bullet = point_bullet(text, max_chars) if text else ""
            if bullet:
                found.append(_Candidate(bullet, len(found), POINT_SCORE))
            continue
        for s_index, sentence in enumerate(nonblank_sentences(text)):
            found.extend(_sentence_candidates(sentence, s_index == 0, len(found), max_chars))
    return found


def _sentence_candidates(sentence: str, first: bool, order: int, max_chars: int) -> list[_Candidate]:
    """The sentence's key clause, then a spare from its later clauses; none for procedural talk."""
    if sentence.strip().rstrip("”’」）) ").endswith(("？", "?")):
        return []  # a question the speaker asks is answered by the sentences after it
    bullet = statement(sentence, max_chars)
    if not bullet or is_procedural(sentence, bullet):
        return []
    out = [_Candidate(bullet, order, _score(sentence, bullet, first))]
    at = sentence.find(bullet)
    spare = _spare_clause(sentence[at + len(bullet):], max_chars) if at >= 0 else ""
    if spare and drops_condition(sentence, spare):
        spare = ""
    if spare:
        out.append(_Candidate(spare, order + 1, -1, spare=True))
    return out


def _spare_clause(rest: str, max_chars: int) -> str:
    """The first later clause that is a statement on its own (`深化党和国家机构改革`), or ""."""
    clauses = _clauses(rest)
    for i, clause in enumerate(clauses):
        if len(clause) <= MIN_CHARS:
            continue
        core = _strip_lead(clause).rstrip(_TRAILING)
        following = clauses[i + 1] if i + 1 < len(clauses) else ""
        if (MIN_CHARS <= len(core) <= max_chars and _balanced(core) and not _is_lead_in(core)
                and not core.startswith(SUBJECT_OF_NEXT) and not following.startswith(SUBJECT_OF_NEXT)
                and not _is_enumerator(clause) and not core.startswith(DEMONSTRATIVES) and has_predicate(core)):
            return core
    return ""


def _score(sentence: str, bullet: str, first_in_paragraph: bool) -> int:
    stripped = _ENUMERATOR.sub("", sentence.strip())
    score = 0
    score += 2 if "“" in bullet else 0
    score += 1 if stripped.startswith(("要", "必须", "坚持", "加强", "推动")) else 0
    score += 1 if first_in_paragraph else 0
    score += 1 if 10 <= len(bullet) <= 30 else 0
    score -= 2 if stripped.rstrip("”’」 ").endswith(("？", "?", "吗", "呢")) else 0
    score += ADDRESS_SCORE if stripped.startswith(ADDRESSES) else 0
    score -= 3 if bullet.startswith(DEMONSTRATIVES) else 0
    score -= 1 if len(bullet) > 40 else 0
    return score


def _choose(candidates: list[_Candidate], wanted: int) -> list[tuple[str, bool]]:
    ranked = sorted(candidates, key=lambda c: (c.spare, -c.score, c.order))
    chosen: list[_Candidate] = []
    for c in ranked:
        if len(chosen) == wanted or (c.spare and len(chosen) >= MIN_BULLETS):
            break
        if any(_repeats(c.text, d.text) for d in chosen):
            continue
        chosen.append(c)
    return [(c.text, c.score >= POINT_SCORE) for c in sorted(chosen, key=lambda c: c.order)]


def _repeats(a: str, b: str) -> bool:
    """One of `a`, `b` is (nearly) contained in the other."""
    short, long_ = sorted((a, b), key=len)
    return _contained(short, long_)


def _contained(part: str, whole: str) -> bool:
    """Most of `part`'s character pairs occur in `whole` (`举办职工文艺汇演` in `各市工会要组织职工文艺汇演`)."""
    if part in whole:
        return True
    pairs = {part[i:i + 2] for i in range(len(part) - 1)}
    return bool(pairs) and sum(p in whole for p in pairs) >= NEAR_DUPLICATE * len(pairs)


# -- cutting ----------------------------------------------------------------

def _strip_lead(text: str) -> str:
    """Drop enumerators and connectives (and the comma after them) at the start, repeatedly."""
    while True:
        before = text
        text = _ENUMERATOR.sub("", text).lstrip("，、,：: \u3000—―")
        if text.startswith(tuple(CONDITIONS)):
            return text  # `要是…` is a condition, not the connective `要`
        for m in (_CONNECTIVE.match(text),):
            rest = text[m.end():] if m else ""
            if rest and not rest.startswith(_TRAILING_NOT_START) and _whole_word(text, m.end()):
                text = rest.lstrip("，、,：: \u3000")
        if text == before:
            return text


_CONNECTIVE = re.compile("|".join(map(re.escape, CONNECTIVES)))


def _whole_word(text: str, end: int) -> bool:
    """A connective of one character is dropped only when it is not the first character of a word:
    `并` `而` `但` as jieba cuts them (`并发` `而今`), `要` unless `要求` `要素` `要点` …"""
    if end > 1 or text[end:end + 1] in _CLAUSE_PUNCT + "，、 ":
        return True
    if text[0] == "要":
        return text[1:2] not in _NOT_AFTER_YAO
    if text[0] not in _SEGMENTED:
        return True
    from docgen.analysis.words import boundaries

    return end in boundaries(text[:24])


_SEGMENTED = set("并而但")
_NOT_AFTER_YAO = set("求素点害紧么不件闻员务职")


# A connective must not be dropped when what follows is closing punctuation or a quote end.
_TRAILING_NOT_START = ("。", "！", "？", "”", "）", "》")


def _clauses(text: str) -> list[str]:
    """`text` cut after each clause punctuation outside quotes and brackets, punctuation kept."""
    if not _OPENERS.search(text):
        parts = _CLAUSE_END.split(text)
        return parts if parts[-1].strip() else parts[:-1]
    clauses, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "“‘（《「(":
            depth += 1
        elif ch in "”’）》」)":
            depth = max(0, depth - 1)
        elif depth == 0 and ch in _CLAUSE_PUNCT + "。！？!?":
            clauses.append(text[start:i + 1])
            start = i + 1
    if text[start:].strip():
        clauses.append(text[start:])
    return clauses


_OPENERS = re.compile("[“‘（《「(]")
_CLAUSE_END = re.compile("(?<=[，；：,;:。！？!?])")


def _is_enumerator(clause: str) -> bool:
    """`第一，` or `一是` alone: the start of a list, never the end of a bullet."""
    rest = _ENUMERATOR.sub("", clause.strip(), count=1)
    return rest != clause.strip() and len(rest.strip(_TRAILING)) <= 1


def _cut_list(clause: str, max_chars: int) -> str:
    """An over-long clause cut after its last `、` that keeps it within `max_chars`.

    Not when the list modifies a noun after it (`擘画了甲、乙的宏伟蓝图`): the cut would change the meaning.
    """
    cut = clause.rfind("、", 0, max_chars)
    last_item = clause.rstrip(_TRAILING).rsplit("、", 1)[-1]
    if cut < MIN_CHARS or "的" in last_item or not starts_with_verb(clause[:cut]):
        return ""  # a list before its predicate (`城镇新增就业人数、…控制在…`) is the subject
    return clause[:cut]


def _balanced(text: str) -> bool:
    return all(text.count(a) == text.count(b) for a, b in _PAIRS)
