"""The ingest DAG's timetable, from a setting read when the DAG file is parsed.

``RASD_INGEST_SCHEDULE`` (``Settings.ingest_schedule``):

* a cron expression (default ``*/15 * * * *``): ``CronDataIntervalTimetable`` in UTC;
* a duration such as ``45s``, ``2m``, ``1h``: ``DeltaDataIntervalTimetable`` (tests and
  benchmarks use short intervals; cron cannot go below a minute);
* ``none``: no schedule (manual and REST-triggered runs only).

A value that is none of these raises ``ValueError`` naming the setting: the DAG then shows an
import error in the UI instead of silently running on another schedule.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import Any

_DURATION = re.compile(r"(\d+)\s*(s|m|h)")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours"}


def parse_timetable(value: str) -> Any:
    """The timetable ``value`` describes (see the module docstring), or None for ``none``."""
    from airflow.sdk import CronDataIntervalTimetable, DeltaDataIntervalTimetable

    text = value.strip()
    if text.lower() in ("none", "off", "manual", ""):
        return None
    duration = _DURATION.fullmatch(text)
    if duration:
        delta = timedelta(**{_UNITS[duration.group(2)]: int(duration.group(1))})
        if delta < timedelta(seconds=10):
            raise ValueError(f"RASD_INGEST_SCHEDULE={value!r}: intervals below 10 s are not supported")
        return DeltaDataIntervalTimetable(delta)
    from croniter import croniter

    if len(text.split()) != 5 or not croniter.is_valid(text):
        raise ValueError(
            f"RASD_INGEST_SCHEDULE={value!r} is neither a 5-field cron expression (e.g. '*/15 * * * *'), "
            "a duration (e.g. '45s', '2m', '1h') nor 'none'"
        )
    return CronDataIntervalTimetable(text, timezone="UTC")
