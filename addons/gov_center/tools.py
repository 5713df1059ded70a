"""Small helpers of the suite that are not models: one definition each, imported by the modules.

- :func:`format_hour`: a time of day kept as a float hour (13.5) as shown to people (“13:30”); the
  opening hours, service slots, rosters and appointments of every module print hours with it.
- :func:`qr_data_uri`: a QR code as a data URI for printed reports.
- :func:`mask_name`: a person's name as public pages and verification show it (张*).
"""

import base64
import io

import qrcode


def format_hour(hour):
    """``hour`` (float, e.g. 13.5) as “HH:MM” (13:30); 24.0 gives “24:00”."""
    minutes = round(hour * 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def qr_data_uri(text):
    """A QR code of ``text`` as a PNG data URI, for printed reports (posters, certificates)."""
    image = qrcode.make(text, box_size=6, border=2)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def mask_name(name):
    """张*, 欧阳** : the family name's first character and stars."""
    if not name:
        return ""
    return name[0] + "*" * min(max(len(name) - 1, 1), 3)
