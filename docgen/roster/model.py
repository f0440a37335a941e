"""The roster model: attendees as read from a list, before any sorting."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Attendee:
    """One person of the class; every field but the name may be empty."""

    name: str
    unit: str = ""
    title: str = ""
    """职务."""
    phone: str = ""
    gender: str = ""
    group: str = ""
    row: int = 0
    """The row (line) number in the roster file, for messages; 0 when made in code."""


@dataclass
class Roster:
    attendees: list[Attendee] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    source: Path | None = None

    def __len__(self) -> int:
        return len(self.attendees)

    def __iter__(self):
        return iter(self.attendees)

    @classmethod
    def of_names(cls, *names: str) -> "Roster":
        """A roster made in code (tests, examples)."""
        return cls([Attendee(n) for n in names])
