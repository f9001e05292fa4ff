"""A state law and its standing: whether it binds on a given day, and how to say why not."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pipeline_cli.pack.text import Text

# A law's standing when it was last checked (`status_checked`).
LAW_STATUSES = (
    "in_force", "not_yet_in_force", "enjoined", "partly_enjoined", "struck", "repealed", "expired",
)  # fmt: skip
# Standings that leave a law (or at least part of it) binding.
BINDING = ("in_force", "partly_enjoined")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MESES = (
    "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
    "octubre", "noviembre", "diciembre",
)  # fmt: skip


def day_text(d: dt.date) -> Text:
    """A date as the pack writes it: 'Feb 29 2024' / '29 de febrero de 2024'."""
    en = f"{MONTHS[d.month - 1]} {d.day} {d.year}"  # not strftime: the locale must not matter
    return Text(en, f"{d.day} de {MESES[d.month - 1]} de {d.year}")


@dataclass(frozen=True)
class Law:
    """A state law that limits or requires cooperation with ICE, with its standing by date."""

    id: str
    name: Text
    citation: str
    year: str
    effect: str  # limits | requires
    covers: tuple[str, ...]
    summary: Text
    confidence: str
    verified_on: dt.date | None
    sources: tuple[str, ...]
    unverified: bool = False
    status: str = "in_force"
    status_note: Text | None = None
    status_since: dt.date | None = None
    effective: dt.date | None = None
    expires: dt.date | None = None
    status_checked: dt.date | None = None
    unverified_reason: Text | None = None

    def status_on(self, day: dt.date | None = None) -> str:
        """The law's standing on `day`: its recorded status, moved on by its own dates.

        A court block, a strike-down or a repeal stands until the data says otherwise; dates
        decide the rest. Without a day, only the recorded status counts.
        """
        if self.status in ("enjoined", "struck", "repealed", "expired") or day is None:
            return self.status
        if self.expires is not None and day >= self.expires:
            return "expired"
        if self.effective is not None and day < self.effective:
            return "not_yet_in_force"
        if self.status == "not_yet_in_force":
            return "in_force" if self.effective is not None else "not_yet_in_force"
        return self.status

    def binds_on(self, day: dt.date | None = None) -> bool:
        """Whether the law (or part of it) binds on `day`."""
        return self.status_on(day) in BINDING

    def standing(self, day: dt.date | None = None) -> Text:
        """A short phrase for a law that does not fully bind on `day`, else empty."""
        state = self.status_on(day)
        since = day_text(self.status_since) if self.status_since else None
        since_en = f" since {since.en}" if since else ""
        since_es = f" desde el {since.es}" if since else ""
        eff = day_text(self.effective) if self.effective else None
        exp = day_text(self.expires) if self.expires else None
        phrases = {
            "enjoined": Text(
                f"blocked in court (enjoined){since_en}", f"bloqueada por un tribunal{since_es}"
            ),
            "partly_enjoined": Text(
                f"partly blocked in court{since_en}",
                f"bloqueada en parte por un tribunal{since_es}",
            ),
            "struck": Text(f"struck down in court{since_en}", f"anulada por un tribunal{since_es}"),
            "repealed": Text(f"repealed{since_en}", f"derogada{since_es}"),
            "expired": Text(
                f"expired on {exp.en}" if exp else "expired",
                f"venció el {exp.es}" if exp else "ya no está vigente",
            ),
            "not_yet_in_force": Text(
                f"takes effect on {eff.en}" if eff else "not yet in effect",
                f"entra en vigor el {eff.es}" if eff else "aún no está vigente",
            ),
        }
        return phrases.get(state, Text("", ""))
