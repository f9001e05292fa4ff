"""The interview: question specs -> prompts, with back, review, progress and autosave.

Every answer goes through answers.coerce, the same path as --answers and --set, and is saved
after each question so Ctrl-C loses nothing. Nothing is written until the user has given an
answer in this run, so stopping at the first question never replaces earlier answers.
"""

from __future__ import annotations

import shutil
import sys
import textwrap
from pathlib import Path

from pipeline_cli.errors import Interrupted, PipelineError
from pipeline_cli.interview import helptext, prompts, savefile
from pipeline_cli.interview.labels import LABEL
from pipeline_cli.pack.records import Pack, Question
from pipeline_cli.pack.text import Text
from pipeline_cli.plan import answers as ans
from pipeline_cli.plan import ice, jurisdiction

BACK = "\x00back"  # values no answer can take
DONE = "\x00done"
WHERE = "\x00where"


class Interview:
    """One run of the interview for one pack, language and save file.

    `keep`: also keep the interview under its jurisdiction in the data folder (advise does;
    a case letter's answers are not kept).
    """

    def __init__(
        self,
        pack: Pack,
        lang: str,
        save_to: Path,
        resume_hint: str,
        done: Text | None = None,
        keep: bool = False,
    ) -> None:
        self.pack = pack
        self.lang = lang
        self.save_to = save_to
        self.resume_hint = resume_hint
        self.done = done or LABEL["done"]  # the review's "finish" choice
        self.keep = keep
        self.answered = False  # has the user answered anything in this run?

    def run(self, start: dict[str, str]) -> dict[str, str]:
        """Ask what is missing from `start`, then review; return the answers."""
        answers = dict(start)
        if (
            not answers and self.keep
        ):  # a new interview: say how long, and that "I don't know" is fine
            count = len(ans.applicable(self.pack, {}))
            print(LABEL["intro"](self.lang).format(n=count), file=sys.stderr)
        try:
            self._walk(answers)
            self._review(answers)
        except KeyboardInterrupt:
            raise Interrupted(self._stopped(answers)) from None
        except EOFError:  # Ctrl-D, or input that ran out: keep what was answered, say where
            if not self.answered:
                raise PipelineError(LABEL["no_terminal"](self.lang)) from None
            savefile.save(self.save_to, answers)
            ended = LABEL["input_ended"](self.lang)
            raise PipelineError(ended.format(path=self.save_to, hint=self.resume_hint)) from None
        if self.keep:
            savefile.save(self.save_to, answers, finished=True)
            savefile.archive(answers, finished=True)
        return answers

    def _stopped(self, answers: dict[str, str]) -> str:
        if self.answered:
            savefile.save(self.save_to, answers)
            if self.keep:
                savefile.archive(answers, finished=False)
            return LABEL["stopped"](self.lang).format(path=self.save_to, hint=self.resume_hint)
        message = LABEL["stopped_unchanged"](self.lang)
        if self.save_to.is_file():
            message += " " + LABEL["earlier_kept"](self.lang).format(path=self.save_to)
        return message

    def _walk(self, answers: dict[str, str]) -> None:
        """Ask each applicable question in order, from the first one not answered yet."""
        qs = ans.applicable(self.pack, answers)
        i = next((n for n, q in enumerate(qs) if q.id not in answers), len(qs))
        while i < len(qs):
            q = qs[i]
            value = self._ask(q, answers, can_go_back=i > 0, number=(i + 1, len(qs)))
            if value == BACK:
                i -= 1
                continue
            self._set(answers, q, value)
            qs = ans.applicable(self.pack, answers)  # an answer can change what follows
            i = next((n for n, x in enumerate(qs) if x.id == q.id), i) + 1

    def _set(self, answers: dict[str, str], q: Question, value: str) -> None:
        answers[q.id] = value
        county = answers.get("county", "")
        if q.type == "state" and county and jurisdiction.resolve_county(value, county) != county:
            del answers["county"]  # a county of the old state: ask again
        self.answered = True
        savefile.save(self.save_to, answers)

    def _review(self, answers: dict[str, str]) -> None:
        while True:
            qs = ans.applicable(self.pack, answers)
            for q in qs:  # questions an edit made relevant are asked before the review
                if q.id not in answers:
                    value = self._ask(q, answers, can_go_back=False)
                    self._set(answers, q, value)
            qs = ans.applicable(self.pack, answers)
            if any(q.id not in answers for q in qs):
                continue
            rows = [(self._row(q, answers), q.id) for q in qs]
            done = (self.done(self.lang), DONE)
            picked = prompts.select(LABEL["review"](self.lang), [done, *rows], self.lang, DONE)
            if picked == DONE:
                return
            q = next(x for x in qs if x.id == picked)
            value = self._ask(q, answers, can_go_back=True)
            if value != BACK:
                self._set(answers, q, value)

    def _row(self, q: Question, answers: dict[str, str], width: int = 0) -> str:
        """One review line; a long question is shortened so the answer stays on screen."""
        width = width or shutil.get_terminal_size().columns
        label = self._label(q, answers.get(q.id, ""))
        room = max(24, width - len(label) - 10)  # pointer, arrow and margin
        return f"{textwrap.shorten(q.prompt(self.lang), room, placeholder=' …')}  →  {label}"

    def _label(self, q: Question, value: str) -> str:
        if q.type == "state":
            return jurisdiction.states().get(value, value)
        if q.type == "county":
            return jurisdiction.county_in(value, self.lang)
        for c in q.choices:
            if c.value == value:
                return c.label(self.lang)
        if value == "unknown":
            return LABEL["unknown"](self.lang)
        return value or LABEL["blank"](self.lang)

    def message(
        self,
        q: Question,
        width: int = 0,
        answers: dict[str, str] | None = None,
        where: bool = False,
    ) -> str:
        """The question and its help for this place (and where to find it, when asked)."""
        return helptext.message(self.pack, q, answers or {}, self.lang, width, where)

    def _ask(
        self,
        q: Question,
        answers: dict[str, str],
        can_go_back: bool,
        number: tuple[int, int] | None = None,
    ) -> str:
        qmark = f"[{number[0]}/{number[1]}]" if number else "?"
        where = False
        while True:
            message = self.message(q, answers=answers, where=where)
            current = answers.get(q.id) or self._default(q, answers)
            if q.type in ("text", "date", "long_text"):
                value = self._text(q, message, current or "", can_go_back, answers, qmark)
            else:
                choices = self._choices(q, answers)
                if not where and helptext.where_of(self.pack, q, answers, self.lang):
                    choices.append((LABEL["where"](self.lang), WHERE))
                if can_go_back:
                    choices.append((LABEL["back"](self.lang), BACK))
                search = q.type in ("state", "county")
                value = prompts.select(message, choices, self.lang, current, search, qmark)
            if value != WHERE:
                return value
            where = True  # ask again, now showing where to find it

    def _default(self, q: Question, answers: dict[str, str]) -> str:
        """Where the pointer starts: the value the plan would assume (often "I don't know")."""
        if answers.get("state") not in self.pack.states:
            return q.default
        # ICE's lists preselect what they show for the county; the organizer confirms it.
        return ans.effective(self.pack, ice.with_ice(self.pack, answers)).get(q.id, q.default)

    def _choices(self, q: Question, answers: dict[str, str]) -> list[tuple[str, str]]:
        if q.type == "state":
            return [(name, code) for code, name in jurisdiction.states().items()]
        if q.type == "county":
            names = jurisdiction.counties(answers.get("state", ""))
            return [(jurisdiction.county_in(n, self.lang), n) for n in names]
        out = [(c.label(self.lang), c.value) for c in q.choices]
        if "unknown" not in q.choice_values():  # every question can be left unanswered
            out.append((LABEL["unknown"](self.lang), ans.default_of(q)))
        return out

    def _text(
        self,
        q: Question,
        message: str,
        current: str,
        can_go_back: bool,
        answers: dict[str, str],
        qmark: str,
    ) -> str:
        has_where = bool(helptext.where_of(self.pack, q, answers, self.lang))
        hints = [
            LABEL[k](self.lang)
            for k, on in (("text_back", can_go_back), ("text_where", has_where))
            if on
        ]
        instruction = f"({', '.join(hints)})" if hints else None

        def valid(text: str) -> bool | str:
            if (text.strip() == "<" and can_go_back) or (text.strip() == "?" and has_where):
                return True
            if q.required and not text.strip():
                return LABEL["required"](self.lang)
            try:
                ans.coerce(q, text, answers.get("state", ""))
            except PipelineError as exc:
                return str(exc)
            return True

        text = prompts.text(message, current, instruction, valid, qmark)
        if can_go_back and text.strip() == "<":
            return BACK
        if has_where and text.strip() == "?":
            return WHERE
        return ans.coerce(q, text, answers.get("state", ""))


def run_interview(
    pack: Pack,
    lang: str,
    start: dict[str, str],
    save_to: Path,
    resume_hint: str,
    done: Text | None = None,
    keep: bool = False,
) -> dict[str, str]:
    """Interview the user (a terminal is attached); raises Interrupted on Ctrl-C."""
    return Interview(pack, lang, save_to, resume_hint, done, keep).run(start)
