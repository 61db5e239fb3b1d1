"""The courier's own tracking page for a tracking number (JNE, J&T, SiCepat, POS Indonesia).

Orders keep the courier's display name ("JNE", "J&T Express"), as staff typed or the quote gave it,
so the match is on the name, case-insensitively. An unknown courier gets no link (the number is
still shown, with a copy button).
"""

from urllib.parse import quote

# name prefix (lower case) → the public tracking page, {number} URL-quoted.
COURIER_TRACKING_URLS = {
    "jne": "https://www.jne.co.id/tracking-package?resi={number}",
    "j&t": "https://jet.co.id/track?awb={number}",
    "jnt": "https://jet.co.id/track?awb={number}",
    "sicepat": "https://www.sicepat.com/checkAwb?awb={number}",
    "pos": "https://www.posindonesia.co.id/id/tracking?barcode={number}",
}


def tracking_url(*, courier: str, number: str) -> str:
    """The courier's tracking page for `number`, or "" when the courier is not one we know."""
    name = (courier or "").strip().lower()
    number = (number or "").strip()
    if not number:
        return ""
    for prefix, template in COURIER_TRACKING_URLS.items():
        if name.startswith(prefix):
            return template.format(number=quote(number, safe=""))
    return ""
