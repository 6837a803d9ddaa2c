"""Hypothesis strategies for Markdown pages built from the python-cheatsheet corpus's constructs.

``pages()`` draws whole pages: frontmatter with translated and other keys, ATX and
setext headings, paragraphs with code spans, emphasis, links and ``<router-link>``,
bullet and ordered lists, blockquotes, pipe tables (column-aligned or not), the
corpus's Vue components (``<base-disclaimer>``, ``<BaseQuiz>``), fenced ``python``
and ``output`` blocks; sometimes with CRLF line ends, trailing spaces, tabs and
non-ASCII text. ``edited_corpus_pages()`` draws a real corpus page with random block
edits. ``blocks_of`` and ``edit_page`` cut and edit any page.

Nothing here imports cheatl10n: the pages are built independently of the code they test.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import yaml
from hypothesis import strategies as st

from support import corpus_pages

# C0 control characters (but tab, line feed, form feed, carriage return) and DEL: pages
# holding them are refused (SourceError), and so are catalogs with them raw.
REFUSED_CONTROLS = frozenset(chr(c) for c in [0, *range(0x01, 0x09), 0x0B, *range(0x0E, 0x20), 0x7F])

WORDS = [
    "list",
    "items",
    "order",
    "Python",
    "returns",
    "value",
    "the",
    "a",
    "of",
    "string",
    "dictionary",
    "keys",
    "loop",
    "function",
    "Привет",
    "список",
    "значение",
    "Größe",
    "Schlüssel",
    "naïve",
    "café",
    "日本語",
    "文字列",
    "emoji🐍",
    "e\u0301t\u00e9",
    "x²",
    "it's",
    '"quoted"',
    "(note)",
    "100%",
    "a/b",
    "tab\there",
    "line\u2028separator",
    "next\x85line",
    "para\u2029separator",
    "form\x0cfeed",
]
CODE = ["len()", "x = 1", "a | b", "print('hi')", "dict[str, int]", "*args", "`", "<b>", "{x}", "é"]
URLS = ["https://docs.python.org/3/", "/cheatsheet/lists#slices", "/builtin/iter", "#anchor", "../up"]
PYTHON = [
    "furniture = ['table', 'chair']",
    "# Access the first element",
    "print(furniture[0])  # table",
    "for i in range(3):",
    "    print(i)",
    "",
    "def spam(*args, **kwargs):",
    '    """Docstring with **markdown**."""',
    "x = {'a': 1}  # a dict | with a pipe",
    "\tindented_with_tab = True",
    "s = 'Привет, мир'",
]
OUTPUT = ["'table'", "0", "1", "[1, 2, 3]", "Traceback (most recent call last):", "  ...", "None"]


@st.composite
def word(draw: st.DrawFn) -> str:
    if draw(st.integers(0, 9)) == 0:
        alphabet = st.characters(
            codec="utf-8",
            exclude_categories=("Cs", "Cc", "Zl", "Zp"),
            exclude_characters="\\`*_[]<>|#&!\"'=-+:{}~$^.()\u2028\u2029⟦⟧",
        )
        return draw(st.text(alphabet, min_size=1, max_size=8))
    return draw(st.sampled_from(WORDS))


@st.composite
def inline(draw: st.DrawFn) -> str:
    """One inline piece: a word or some markup around words."""
    kind = draw(st.integers(0, 14))
    text = draw(word())
    if kind == 0:
        return f"`{draw(st.sampled_from(CODE)).replace('`', '')}`"
    if kind == 1:
        return f"*{text}*"
    if kind == 2:
        return f"**{text} {draw(word())}**"
    if kind == 3:
        return f"[{text}]({draw(st.sampled_from(URLS))})"
    if kind == 4:
        quote = draw(st.sampled_from(['"', "'"]))
        target = draw(st.sampled_from(URLS))
        return f"<router-link to={quote}{target}{quote}>{text}</router-link>"
    if kind == 5:
        return f"<code>{draw(st.sampled_from(CODE)).replace('<', '&lt;')}</code>"
    if kind == 6:
        return draw(st.sampled_from(["&amp;", "\\*", "\\|", "<br>", "2024", "—", ":"]))
    return text


@st.composite
def sentence(draw: st.DrawFn, min_words: int = 1, max_words: int = 8) -> str:
    pieces = [draw(word())]
    pieces += draw(st.lists(inline(), min_size=min_words - 1, max_size=max_words - 1))
    return " ".join(draw(st.permutations(pieces)))


def _safe_start(text: str) -> str:
    """Prefix a word when a line would otherwise open a different block (``1.``, ``-``, ``#``...)."""
    stripped = text.lstrip()
    if not stripped or stripped[0] in "-+*#>|=`~<0123456789[!" or stripped[0].isspace():
        return "Note " + text
    return text


@st.composite
def paragraph(draw: st.DrawFn) -> str:
    lines = [_safe_start(draw(sentence())) for _ in range(draw(st.integers(1, 3)))]
    breaks = [draw(st.sampled_from(["", "", "", "  ", "\\"])) for _ in lines[:-1]]
    return "\n".join(line + brk for line, brk in zip(lines, [*breaks, ""], strict=True))


@st.composite
def heading(draw: st.DrawFn) -> str:
    text = _safe_start(draw(sentence(max_words=5)))
    if draw(st.booleans()):
        level = draw(st.integers(1, 6))
        closing = draw(st.sampled_from(["", "", " #", " " + "#" * level]))
        return f"{'#' * level} {text}{closing}"
    underline = draw(st.sampled_from(["=", "-"])) * draw(st.integers(3, 12))
    return f"{text}\n{underline}"


@st.composite
def bullet_list(draw: st.DrawFn) -> str:
    ordered = draw(st.booleans())
    marker = draw(st.sampled_from(["-", "*", "+"]))
    items = []
    for number in range(1, draw(st.integers(1, 4)) + 1):
        lead = f"{number}." if ordered else marker
        pad = " " * (len(lead) + 1)
        item = f"{lead} {_safe_start(draw(sentence()))}"
        if draw(st.integers(0, 3)) == 0:
            item += f"\n{pad}{_safe_start(draw(sentence()))}"
        if draw(st.integers(0, 4)) == 0:
            item += f"\n{pad}- {_safe_start(draw(sentence()))}"
        items.append(item)
    loose = draw(st.integers(0, 3)) == 0
    return ("\n\n" if loose else "\n").join(items)


@st.composite
def blockquote(draw: st.DrawFn) -> str:
    inner = draw(st.one_of(paragraph(), bullet_list()))
    return "\n".join(f"> {line}" if line else ">" for line in inner.split("\n"))


def _width(text: str) -> int:
    import unicodedata

    return sum(
        0
        if unicodedata.combining(c) or unicodedata.category(c) in ("Mn", "Me", "Cf")
        else 2
        if unicodedata.east_asian_width(c) in "WF"
        else 1
        for c in text
    )


@st.composite
def table(draw: st.DrawFn) -> str:
    columns = draw(st.integers(1, 4))
    cell = st.one_of(
        sentence(max_words=3),
        st.sampled_from(["`x`", "`a \\| b`", "42", "yes", "", "<router-link to='/int'>`int`</router-link>"]),
    )
    # Every pipe in a cell is escaped once (a \\| already escaped stays as it is).
    escape = lambda text: text.replace("|", "\\|").replace("\\\\|", "\\|")  # noqa: E731
    rows = [[escape(draw(cell)) for _ in range(columns)] for _ in range(3)]
    rows[0] = [text or "Head" for text in rows[0]]
    aligns = [draw(st.sampled_from(["", ":", "right", "center"])) for _ in range(columns)]
    if draw(st.booleans()):  # column-aligned, as prettier writes them
        widths = [max(3, *(_width(row[c]) for row in rows)) for c in range(columns)]

        def rule(width: int, align: str) -> str:
            return {
                "": "-" * width,
                ":": ":" + "-" * (width - 1),
                "right": "-" * (width - 1) + ":",
                "center": ":" + "-" * (width - 2) + ":",
            }[align]

        def pad(text: str, width: int, align: str) -> str:
            room = width - _width(text)
            if align == "right":
                return " " * room + text
            if align == "center":
                return " " * (room // 2) + text + " " * (room - room // 2)
            return text + " " * room

        def line(row: list[str]) -> str:
            return "| " + " | ".join(pad(t, w, a) for t, w, a in zip(row, widths, aligns, strict=True)) + " |"

        lines = [
            line(rows[0]),
            "| " + " | ".join(rule(w, a) for w, a in zip(widths, aligns, strict=True)) + " |",
        ]
        lines += [line(row) for row in rows[1:]]
        return "\n".join(lines)
    marks = {"": "---", ":": ":--", "right": "--:", "center": ":-:"}
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "|".join(marks[a] for a in aligns) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows[1:]]
    return "\n".join(lines)


@st.composite
def disclaimer(draw: st.DrawFn) -> str:
    title = draw(sentence(max_words=4))
    content = draw(sentence())
    if draw(st.booleans()):
        return (
            f"<base-disclaimer>\n  <base-disclaimer-title>\n    {title}\n  </base-disclaimer-title>\n"
            f"  <base-disclaimer-content>\n    {content}\n  </base-disclaimer-content>\n</base-disclaimer>"
        )
    return (
        f"<base-disclaimer><base-disclaimer-title>{title}</base-disclaimer-title>"
        f"<base-disclaimer-content>{content}</base-disclaimer-content></base-disclaimer>"
    )


@st.composite
def quiz(draw: st.DrawFn) -> str:
    name = draw(st.from_regex(r"[a-z]{1,8}-[0-9]{1,2}", fullmatch=True))
    question = draw(sentence()) + "?"
    options = []
    correct = draw(st.sampled_from("ABCD"))
    for letter in "ABCD"[: draw(st.integers(2, 4))]:
        flag = " correct" if letter == correct else ""
        text = draw(sentence(max_words=4))
        options.append(f'<BaseQuizOption value="{letter}"{flag}>{letter}. {text}</BaseQuizOption>')
    answer = draw(sentence())
    return (
        f'<BaseQuiz id="{name}" correct="{correct}">\n<template #question>\n{question}\n</template>\n\n'
        + "\n".join(options)
        + f"\n<BaseQuizAnswer>{answer}</BaseQuizAnswer>\n</BaseQuiz>"
    )


@st.composite
def fence(draw: st.DrawFn) -> str:
    info = draw(st.sampled_from(["python", "output", "", "py", "bash"]))
    pool = OUTPUT if info == "output" else PYTHON
    lines = draw(st.lists(st.one_of(st.sampled_from(pool), sentence()), min_size=0, max_size=6))
    marker = draw(st.sampled_from(["```", "````", "~~~"]))
    return "\n".join([f"{marker}{info}", *lines, marker])


def block() -> st.SearchStrategy[str]:
    return st.one_of(
        paragraph(),
        heading(),
        bullet_list(),
        blockquote(),
        table(),
        disclaimer(),
        quiz(),
        fence(),
        st.just("<!-- a comment that is never translated -->"),
    )


def _yaml_escape(char: str) -> str:
    """``char`` inside a YAML double-quoted scalar (YAML folds U+0085, U+2028, U+2029 as line breaks)."""
    if char in '"\\':
        return "\\" + char
    if char == "\t":
        return "\\t"
    if not char.isprintable() or char in "\x85\u2028\u2029":
        return f"\\u{ord(char):04x}" if ord(char) < 0x10000 else f"\\U{ord(char):08x}"
    return char


def yaml_scalar(text: str, style: str) -> str:
    """``text`` written as a YAML scalar in ``style``; plain only where it loads back unchanged."""
    double = '"' + "".join(_yaml_escape(char) for char in text) + '"'
    single = "'" + text.replace("'", "''") + "'"
    for candidate in {"": [text, single, double], "'": [single, double], '"': [double]}[style]:
        try:
            if yaml.safe_load(f"k: {candidate}\n") == {"k": text}:
                return candidate
        except yaml.YAMLError:
            continue
    raise AssertionError(f"no YAML scalar for {text!r}")


@st.composite
def frontmatter(draw: st.DrawFn) -> str:
    lines = []
    for key in draw(st.permutations(["title", "description", "date", "labUrl", "tags"])):
        if draw(st.integers(0, 4)) == 0:
            continue
        if key in ("title", "description"):
            value = yaml_scalar(draw(sentence(max_words=5)), draw(st.sampled_from(["", "'", '"'])))
        elif key == "date":
            value = "2024-01-01"
        elif key == "tags":
            value = "[python, lists]"
        else:
            value = "https://labex.io/labs/python-lists?course=python-cheatsheet"
        lines.append(f"{key}: {value}")
    return "---\n" + "".join(line + "\n" for line in lines) + "---"


@dataclass(frozen=True)
class Style:
    """How a page's text is laid out: line ends, trailing white space, BOM."""

    crlf: bool = False
    trailing: tuple[int, ...] = ()
    """Indexes of lines that get trailing white space."""
    final_newline: bool = True


def lay_out(blocks: list[str], style: Style, space: str = " ") -> str:
    lines = "\n\n".join(blocks).split("\n")
    front = blocks[0].count("\n") + 1 if blocks and blocks[0].startswith("---") else 0
    for index in style.trailing:
        if 0 < index < len(lines) and not lines[index].startswith(("```", "~~~", "---")):
            # PyYAML refuses a tab after a quoted scalar: frontmatter lines get spaces only.
            lines[index] += space.replace("\t", " ") if index < front else space
    text = "\n".join(lines) + ("\n" if style.final_newline else "")
    return text.replace("\n", "\r\n") if style.crlf else text


@st.composite
def pages(draw: st.DrawFn, max_blocks: int = 8) -> str:
    """A whole page as text."""
    blocks = draw(st.lists(block(), min_size=1, max_size=max_blocks))
    if draw(st.integers(0, 3)):
        blocks.insert(0, draw(frontmatter()))
    style = Style(
        crlf=draw(st.integers(0, 4)) == 0,
        trailing=tuple(draw(st.lists(st.integers(0, 80), max_size=4))),
        final_newline=draw(st.integers(0, 5)) > 0,
    )
    return lay_out(blocks, style, draw(st.sampled_from([" ", "  ", "\t", " \t"])))


def blocks_of(text: str) -> list[str]:
    """A page cut at blank lines, never inside a fenced code block or the frontmatter."""
    blocks: list[str] = []
    current: list[str] = []
    fence = ""
    lines = text.split("\n")
    in_front = bool(lines) and lines[0].strip() == "---"
    for number, line in enumerate(lines):
        stripped = line.strip()
        if in_front:
            current.append(line)
            if number > 0 and stripped == "---":
                in_front = False
            continue
        if fence:
            current.append(line)
            if stripped.startswith(fence) and not stripped.strip(fence[0]):
                fence = ""
            continue
        if stripped.startswith(("```", "~~~")):
            fence = stripped[:3]
            current.append(line)
            continue
        if not stripped and current:
            blocks.append("\n".join(current))
            current = []
        elif stripped or current:
            current.append(line)
    if current:
        blocks.append("\n".join(current))
    return blocks


@cache
def corpus_text(index: int) -> str:
    return corpus_pages("en")[index].read_text(encoding="utf-8")


def _reword(text: str, new_word: str, position: int) -> str:
    words = text.split(" ")
    if len(words) < 2:
        return text + " " + new_word
    words[position % len(words)] = new_word
    return " ".join(words)


@st.composite
def edit_page(draw: st.DrawFn, text: str, max_edits: int = 4) -> str:
    """``text`` with a few random block edits: insert, delete, swap, reword; frontmatter values too."""
    blocks = blocks_of(text.replace("\r\n", "\n"))
    has_front = bool(blocks) and blocks[0].startswith("---")
    first = 1 if has_front else 0
    for _ in range(draw(st.integers(1, max_edits))):
        action = draw(st.sampled_from(["insert", "delete", "swap", "reword", "reword", "frontmatter"]))
        body = len(blocks) - first
        if action == "insert" or body < 1:
            blocks.insert(draw(st.integers(first, len(blocks))), draw(block()))
        elif action == "delete":
            del blocks[draw(st.integers(first, len(blocks) - 1))]
        elif action == "swap" and body >= 2:
            a = draw(st.integers(first, len(blocks) - 1))
            b = draw(st.integers(first, len(blocks) - 1))
            blocks[a], blocks[b] = blocks[b], blocks[a]
        elif action == "reword":
            index = draw(st.integers(first, len(blocks) - 1))
            # Code is never reworded, nor a <route> block's YAML (broken YAML is refused, rightly).
            if not blocks[index].lstrip().startswith(("```", "~~~", "<route")):
                blocks[index] = _reword(blocks[index], draw(word()), draw(st.integers(0, 200)))
        elif action == "frontmatter" and has_front:
            lines = blocks[0].split("\n")
            keyed = [n for n, line in enumerate(lines) if line.startswith(("title:", "description:"))]
            if keyed:
                n = draw(st.sampled_from(keyed))
                key = lines[n].split(":", 1)[0]
                value = yaml_scalar(draw(sentence(max_words=6)), draw(st.sampled_from(["", "'", '"'])))
                lines[n] = f"{key}: {value}"
                blocks[0] = "\n".join(lines)
    result = "\n\n".join(blocks) + "\n"
    return result.replace("\n", "\r\n") if "\r\n" in text else result


@st.composite
def corpus_page(draw: st.DrawFn, max_blocks: int = 40) -> str:
    """A real corpus page, or a window of its blocks (frontmatter kept) to keep examples quick."""
    count = len(corpus_pages("en"))
    text = corpus_text(draw(st.integers(0, count - 1)))
    blocks = blocks_of(text)
    if len(blocks) > max_blocks:
        has_front = blocks[0].startswith("---")
        start = draw(st.integers(1 if has_front else 0, len(blocks) - max_blocks))
        if has_front:
            blocks = blocks[:1] + blocks[start : start + max_blocks - 1]
        else:
            blocks = blocks[start : start + max_blocks]
    return "\n\n".join(blocks) + "\n"


@st.composite
def edited_corpus_pages(draw: st.DrawFn) -> tuple[str, str]:
    """A corpus page (or a window of it) and a randomly edited version of it."""
    page = draw(corpus_page())
    return page, draw(edit_page(page))
