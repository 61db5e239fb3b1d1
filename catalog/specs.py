"""Product specifications: an ordered list of [name, value] pairs, edited as "Name: value" lines.

The same text form is used by the admin and by CSV/XLSX import-export, so staff see one format.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_PAIRS = 60
MAX_NAME = 80
MAX_VALUE = 300


def validate_specifications(value) -> None:
    """Model-level check: a list of [name, value] string pairs."""
    if not isinstance(value, list):
        raise ValidationError(_("Specifications must be a list of [name, value] pairs."), code="invalid")
    if len(value) > MAX_PAIRS:
        raise ValidationError(_("At most %(max)d specifications."), code="too_many", params={"max": MAX_PAIRS})
    for pair in value:
        if not (isinstance(pair, list | tuple) and len(pair) == 2 and all(isinstance(part, str) for part in pair)):
            raise ValidationError(_("Specifications must be a list of [name, value] pairs."), code="invalid")
        if not pair[0].strip() or len(pair[0]) > MAX_NAME or len(pair[1]) > MAX_VALUE:
            raise ValidationError(
                _("Each specification needs a name (at most %(name)d characters) and a value (at most %(value)d)."),
                code="invalid_pair",
                params={"name": MAX_NAME, "value": MAX_VALUE},
            )


def specs_to_text(pairs) -> str:
    return "\n".join(f"{name}: {value}" for name, value in specs_pairs(pairs))


def specs_from_text(text: str) -> list[list[str]]:
    """Parse "Name: value" lines (blank lines skipped); the first colon separates name and value."""
    pairs = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        name, separator, value = line.partition(":")
        if not separator or not name.strip():
            raise ValidationError(
                _("Line %(line)d: write “Name: value”."), code="invalid_line", params={"line": number}
            )
        pairs.append([name.strip(), value.strip()])
    validate_specifications(pairs)
    return pairs


def specs_pairs(value) -> list[tuple[str, str]]:
    """Well-formed pairs of a stored value (anything malformed is skipped, never shown raw)."""
    if not isinstance(value, list):
        return []
    return [(str(pair[0]), str(pair[1])) for pair in value if isinstance(pair, list | tuple) and len(pair) == 2]
