"""Validators for settings staff type in the admin: a bad value must not break the storefront."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
OPENING_HOURS_KEYS = {"from_day", "to_day", "opens", "closes"}
MAX_OPENING_HOURS_ROWS = 7


def _is_day(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 6


def opening_hours_row_valid(row) -> bool:
    """One row {"from_day": 0..6, "to_day": from_day..6, "opens": "HH:MM", "closes": "HH:MM"}."""
    return (
        isinstance(row, dict)
        and set(row) == OPENING_HOURS_KEYS
        and _is_day(row["from_day"])
        and _is_day(row["to_day"])
        and row["from_day"] <= row["to_day"]
        and isinstance(row["opens"], str)
        and isinstance(row["closes"], str)
        and bool(TIME.match(row["opens"]))
        and bool(TIME.match(row["closes"]))
        and row["opens"] < row["closes"]
    )


def validate_opening_hours(value) -> None:
    if not isinstance(value, list):
        raise ValidationError(_("Opening hours must be a list of rows, e.g. [] for none."), code="not_a_list")
    if len(value) > MAX_OPENING_HOURS_ROWS:
        raise ValidationError(_("At most 7 rows of opening hours."), code="too_many_rows")
    for number, row in enumerate(value, start=1):
        if not opening_hours_row_valid(row):
            raise ValidationError(
                _(
                    'Row %(number)s is not valid: write {"from_day": 0, "to_day": 4, "opens": "09:30", '
                    '"closes": "18:00"} with days 0 (Monday) to 6 (Sunday), from_day ≤ to_day and opens before closes.'
                ),
                code="bad_row",
                params={"number": number},
            )
