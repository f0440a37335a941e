"""Rosters (学员名单): reading .xlsx/.csv/.txt lists and sorting them the official ways."""

from docgen.roster.model import Attendee, Roster
from docgen.roster.reading import read_roster
from docgen.roster.sorting import SORT_MODES, group_by_unit, sort_attendees

__all__ = ["Attendee", "Roster", "read_roster", "sort_attendees", "group_by_unit", "SORT_MODES"]
