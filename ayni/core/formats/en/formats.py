"""English dates the way the campaign writes them ("27 November 2026", as the events' pages
and emails always did), not Django's American default ("Nov. 27, 2026"): one form site-wide.
Spanish keeps Django's own ("27 de noviembre de 2026"). Input formats stay Django's."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
MONTH_DAY_FORMAT = "j F"
TIME_FORMAT = "H:i"
