"""The interview: question specs -> questionary prompts, with back, review and autosave.

The only module that imports questionary. Every answer goes through answers.coerce, the same
path as --answers and --set, and is saved after each question so Ctrl-C loses nothing.
"""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import questionary
from questionary import Choice

from pipeline_cli.errors import Interrupted, PipelineError
from pipeline_cli.interview import savefile, terminal
from pipeline_cli.pack.records import Pack, Question
from pipeline_cli.pack.text import Text
from pipeline_cli.plan import answers as ans
from pipeline_cli.plan import jurisdiction

BACK = "\x00back"  # a value no answer can take
DONE = "\x00done"
LABEL = {
    "back": Text("< Back", "< Atrás"),
    "unknown": Text("I don't know", "No sé"),
    "done": Text("Build the plan", "Crear el plan"),
    "review": Text(
        "Review your answers (choose one to change it)",
        "Revise sus respuestas (elija una para cambiarla)",
    ),
    "blank": Text("(blank)", "(en blanco)"),
    "text_back": Text("type < to go back", "escriba < para volver"),
    "required": Text("This one is needed.", "Esta respuesta es necesaria."),
}


class Interview:
    """One run of the interview for one pack, language and save file."""

    def __init__(
        self, pack: Pack, lang: str, save_to: Path, resume_hint: str, done: Text | None = None
    ) -> None:
        self.pack = pack
        self.lang = lang
        self.save_to = save_to
        self.resume_hint = resume_hint
        self.done = done or LABEL["done"]  # the review's "finish" choice

    def run(self, start: dict[str, str]) -> dict[str, str]:
        """Ask what is missing from `start`, then review; return the answers."""
        answers = dict(start)
        try:
            self._walk(answers)
            self._review(answers)
        except KeyboardInterrupt:
            savefile.save(self.save_to, answers)
            raise Interrupted(
                f"Stopped. Your answers are saved in {self.save_to}. "
                f"Resume with: {self.resume_hint}"
            ) from None
        except EOFError:  # Ctrl-D at a text prompt
            savefile.save(self.save_to, answers)
            raise PipelineError(
                f"the input ended (Ctrl-D) before the questions were done. Your answers are "
                f"saved in {self.save_to} (readable only by you). Resume with: {self.resume_hint}"
            ) from None
        return answers

    def _walk(self, answers: dict[str, str]) -> None:
        """Ask each applicable question in order, from the first one not answered yet."""
        qs = ans.applicable(self.pack, answers)
        i = next((n for n, q in enumerate(qs) if q.id not in answers), len(qs))
        while i < len(qs):
            q = qs[i]
            value = self._ask(q, answers, can_go_back=i > 0)
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
            rows = [Choice(self._row(q, answers), value=q.id) for q in qs]
            done = Choice(self.done(self.lang), value=DONE)
            picked = questionary.select(
                LABEL["review"](self.lang), choices=[done, *rows], default=DONE, **terminal.screen()
            ).unsafe_ask()
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

    def message(self, q: Question, width: int = 0) -> str:
        """The question and its help line, wrapped to the terminal (prompts do not wrap)."""
        width = max(40, min(width or shutil.get_terminal_size().columns, 100) - 2)  # "? "
        wrap = textwrap.TextWrapper(width, break_on_hyphens=False, break_long_words=False)
        message = wrap.fill(q.prompt(self.lang))
        if q.help(self.lang):
            wrap.initial_indent = wrap.subsequent_indent = "  "
            message += f"\n{wrap.fill(q.help(self.lang))}\n "
        return message

    def _ask(self, q: Question, answers: dict[str, str], can_go_back: bool) -> str:
        message = self.message(q)
        current = answers.get(q.id) or self._default(q, answers)
        back = [Choice(LABEL["back"](self.lang), value=BACK)] if can_go_back else []
        if q.type in ("text", "date", "long_text"):
            return self._text(q, message, current or "", can_go_back, answers)
        choices = self._choices(q, answers) + back
        values = {c.value for c in choices}
        picked = questionary.select(
            message,
            choices=choices,
            default=current if current in values else None,
            use_search_filter=q.type in ("state", "county"),
            use_jk_keys=False,
            **terminal.screen(),
        ).unsafe_ask()
        return str(picked)

    def _default(self, q: Question, answers: dict[str, str]) -> str:
        """Where the pointer starts: the value the plan would assume (often "I don't know")."""
        if answers.get("state") not in self.pack.states:
            return q.default
        return ans.effective(self.pack, answers).get(q.id, q.default)

    def _choices(self, q: Question, answers: dict[str, str]) -> list[Choice]:
        if q.type == "state":
            return [Choice(name, value=code) for code, name in jurisdiction.states().items()]
        if q.type == "county":
            names = jurisdiction.counties(answers.get("state", ""))
            return [Choice(jurisdiction.county_in(n, self.lang), value=n) for n in names]
        out = [Choice(c.label(self.lang), value=c.value) for c in q.choices]
        if "unknown" not in q.choice_values():  # every question can be left unanswered
            out.append(Choice(LABEL["unknown"](self.lang), value=ans.default_of(q)))
        return out

    def _text(
        self, q: Question, message: str, current: str, can_go_back: bool, answers: dict[str, str]
    ) -> str:
        hint = f"({LABEL['text_back'](self.lang)})" if can_go_back else None

        def valid(text: str) -> bool | str:
            if can_go_back and text.strip() == "<":
                return True
            if q.required and not text.strip():
                return LABEL["required"](self.lang)
            try:
                ans.coerce(q, text, answers.get("state", ""))
            except PipelineError as exc:
                return str(exc)
            return True

        raw = questionary.text(
            message, default=current, instruction=hint, validate=valid, **terminal.screen()
        )
        text = str(raw.unsafe_ask())
        if can_go_back and text.strip() == "<":
            return BACK
        return ans.coerce(q, text, answers.get("state", ""))


def run_interview(
    pack: Pack,
    lang: str,
    start: dict[str, str],
    save_to: Path,
    resume_hint: str,
    done: Text | None = None,
) -> dict[str, str]:
    """Interview the user (a terminal is attached); raises Interrupted on Ctrl-C."""
    return Interview(pack, lang, save_to, resume_hint, done).run(start)
