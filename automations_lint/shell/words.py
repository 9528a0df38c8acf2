"""Just enough shell reading for the behaviour rules: the commands of a script, in order, with their words.

This is not a shell parser. It splits on unquoted `;`, `&&`, `||`, `&` and newlines, joins backslash
continuations, drops comments and here-document bodies, and keeps pipelines whole. That is what the rules need
to ask "what does this script run last?" without being fooled by a `#` or `&&` inside quotes.
"""

from __future__ import annotations

import functools
import re

_HEREDOC = re.compile(r"<<-?\s*(['\"]?)([A-Za-z_][A-Za-z0-9_]*)\1")
MOST_READ = 4096
# A word: runs of unquoted characters, backslash escapes and quoted strings (an unclosed quote runs to the end).
_WORD = re.compile(r"""(?:[^\s'"\\]|\\.|'[^']*'?|"(?:[^"\\]|\\.)*"?)+""", re.S)
_UNQUOTE = re.compile(r"""'[^']*'?|"(?:[^"\\]|\\.)*"?|\\.""", re.S)
_DQ_ESCAPE = re.compile(r'\\([$`"\\\n])')
_ASSIGNMENT = re.compile(r"[A-Za-z_][A-Za-z0-9_]*=")
# Words that only change how the next word runs.
_PREFIXES = frozenset({"sudo", "exec", "time", "command", "builtin", "env", "nohup", "nice", "stdbuf"})


class Command:
    """One simple command or pipeline, as written, and whether it is sent to the background with `&`."""

    __slots__ = ("_words", "background", "offset", "text")

    def __init__(self, text: str, background: bool = False, offset: int = 0) -> None:
        self.text = text
        self.background = background
        # Where the command's text starts in the script, so that a finding can point at it.
        self.offset = offset
        self._words: list[str] | None = None

    def __repr__(self) -> str:
        return f"Command({self.text!r}, background={self.background}, offset={self.offset})"

    @property
    def words(self) -> list[str]:
        """The words, with leading variable assignments and prefixes such as `sudo` removed (computed once). Only
        the first MOST_READ characters are split: the rules look at a command's program and options."""
        if self._words is None:
            self._words = self._split()
        return self._words

    def _split(self) -> list[str]:
        words = split_words(self.text[:MOST_READ])
        while words and (_ASSIGNMENT.match(words[0]) or words[0] in _PREFIXES):
            prefix = words[0] in _PREFIXES
            words = words[1:]
            while prefix and words and words[0].startswith("-"):  # sudo -E, nice -n 10, env -i
                words = words[2:] if words[0] in ("-u", "-g", "-n") else words[1:]
        return words

    @property
    def program(self) -> str:
        words = self.words
        return words[0].rsplit("/", 1)[-1] if words else ""

    def part(self, start: int, end: int) -> Command:
        """The words `text[start:end]` of this command, placed in the script, for a finding to point at."""
        return Command(self.text[start:end], False, self.offset + start)


def split_words(text: str) -> list[str]:
    """Shell words with their quotes and backslashes removed, as shlex.split does for what the rules read, with
    one regular expression instead of shlex's character-by-character lexer (ten times faster); an unbalanced
    quote ends its word at the end of the text rather than failing."""
    return [_UNQUOTE.sub(_unquoted, word) for word in _WORD.findall(text)]


def _unquoted(match: re.Match[str]) -> str:
    part = match.group()
    if part.startswith("'"):
        return part[1:-1] if part.endswith("'") and len(part) > 1 else part[1:]
    if part.startswith('"'):
        inner = part[1:-1] if part.endswith('"') and len(part) > 1 else part[1:]
        return _DQ_ESCAPE.sub(r"\1", inner)
    return part[1:]  # a backslash-escaped character


# One token of the splitter: a quoted string (to the end when unclosed), an escape, an operator, a run of
# ordinary characters, or one character. Matching runs in C keeps a 5 MB one-line script to a fraction of a second.
_TOKEN = re.compile(
    r"""'[^']*'?|"(?:[^"\\]|\\.)*"?|\\.|&&|\|\||[^'"\\#;&|\n]+|.""",
    re.S,
)


@functools.lru_cache(maxsize=1024)
def commands(script: str) -> tuple[Command, ...]:
    """The commands of `script` in order. Cached: several rules read the same scripts of a file."""
    splitter = _Splitter()
    # Both replacements keep every offset in place: continuations become two spaces, here-document bodies blanks.
    text = _without_heredocs(script.replace("\\\n", "  "))
    index = 0
    while index < len(text):
        token = _TOKEN.match(text, index)
        assert token is not None  # "." with re.S matches any character
        part = token.group()
        if part == "#" and splitter.at_word_start():
            end = text.find("\n", index)
            index = len(text) if end < 0 else end  # the line break still ends the command
            continue
        if part in (";", "\n", "&&", "||"):
            splitter.finish(background=False)
        elif part == "&" and not _is_redirect(text, index):
            splitter.finish(background=True)
        else:
            splitter.add(index, part)
        index = token.end()
    splitter.finish(background=False)
    return tuple(splitter.found)


class _Splitter:
    """Collects the characters of the command being read and closes it at an operator."""

    def __init__(self) -> None:
        self.found: list[Command] = []
        self.chars: list[str] = []
        self.begin: int | None = None

    def add(self, index: int, chars: str) -> None:
        if self.begin is None:
            kept = chars.lstrip()  # the command starts at its first character that is not a space
            if not kept:
                return
            self.begin = index + len(chars) - len(kept)
            chars = kept
        self.chars.append(chars)

    def at_word_start(self) -> bool:
        return not self.chars or self.chars[-1][-1] in " \t\n;&|("

    def finish(self, *, background: bool) -> None:
        text = "".join(self.chars).rstrip()
        if text and self.begin is not None:
            self.found.append(Command(text, background, self.begin))
        self.chars = []
        self.begin = None


def _is_redirect(text: str, index: int) -> bool:
    """`&` in `2>&1`, `&>file` or `>&2` is part of a redirection, not a background marker."""
    before = text[index - 1] if index > 0 else ""
    after = text[index + 1] if index + 1 < len(text) else ""
    return before in "<>" or after == ">"


def _without_heredocs(script: str) -> str:
    """The script with here-document bodies removed (their lines are data, not commands)."""
    lines = script.split("\n")
    kept: list[str] = []
    ending: str | None = None
    for line in lines:
        if ending is not None:
            if line.strip() == ending:
                ending = None
            kept.append(" " * len(line))
            continue
        kept.append(line)
        match = _HEREDOC.search(line)
        if match:
            ending = match.group(2)
    return "\n".join(kept)


def stages(command: Command) -> tuple[Command, ...]:
    """The stages of a pipeline (`tail -f log | grep -m1 ready`), each with its offset in the script; a simple
    command is one stage. Splits at `|` and `|&` outside quotes, backslash escapes and `$( )` or `( )`."""
    text = command.text
    if "|" not in text:  # most commands: no need to read them character by character
        return (command,)
    found: list[Command] = []
    begin = 0
    quote = ""
    depth = 0
    index = 0
    while index < len(text):
        char = text[index]
        if quote:
            if char == "\\" and quote == '"':
                index += 1
            elif char == quote:
                quote = ""
        elif char in "'\"`":
            quote = char
        elif char == "\\":
            index += 1
        elif char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        elif char == "|" and depth == 0 and not _is_redirect_pipe(text, index):
            _add_stage(found, command, begin, index)
            begin = index + (2 if text.startswith("|&", index) else 1)
        index += 1
    _add_stage(found, command, begin, len(text))
    return tuple(found) if len(found) > 1 else (command,)


def _is_redirect_pipe(text: str, index: int) -> bool:
    """`>|` (write even with noclobber) is a redirection, not a pipe."""
    return index > 0 and text[index - 1] == ">"


def _add_stage(found: list[Command], command: Command, begin: int, end: int) -> None:
    part = command.text[begin:end]
    stripped = part.strip()
    if stripped:
        found.append(Command(stripped, False, command.offset + begin + (len(part) - len(part.lstrip()))))
