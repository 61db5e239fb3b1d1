"""Is the store open now (Asia/Jakarta), and when are staff back? From the store profile's
opening hours rows ({"from_day", "to_day", "opens", "closes"}, 0 = Monday)."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from hurtrock.selectors import store_profile_get


def _rows():
    rows = []
    for row in store_profile_get().opening_hours or []:
        try:
            opens = datetime.strptime(row["opens"], "%H:%M").time()
            closes = datetime.strptime(row["closes"], "%H:%M").time()
            days = range(int(row["from_day"]), int(row["to_day"]) + 1)
        except (KeyError, TypeError, ValueError):
            continue
        rows.append((days, opens, closes))
    return rows


def store_status(now: datetime | None = None) -> dict:
    """{"is_open": bool, "opens_at": ISO datetime of the next opening or None}."""
    zone = ZoneInfo(settings.TIME_ZONE)
    local = timezone.localtime(now or timezone.now(), zone)
    rows = _rows()
    if not rows:
        return {"is_open": True, "opens_at": None}
    for days, opens, closes in rows:
        if local.weekday() in days and opens <= local.time() < closes:
            return {"is_open": True, "opens_at": None}
    for offset in range(8):
        day = (local + timedelta(days=offset)).date()
        starts = sorted(datetime.combine(day, opens, tzinfo=zone) for days, opens, _ in rows if day.weekday() in days)
        for start in starts:
            if start > local:
                return {"is_open": False, "opens_at": start.isoformat()}
    return {"is_open": False, "opens_at": None}
