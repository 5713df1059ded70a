"""Small helpers of the suite that are not models: one definition each, imported by the modules.

- :func:`format_hour`: a time of day kept as a float hour (13.5) as shown to people (“13:30”); the
  opening hours, service slots, rosters and appointments of every module print hours with it.
- :func:`qr_data_uri`: a QR code as a data URI for printed reports.
- :func:`mask_name`: a person's name as public pages and verification show it (张*).
- :func:`page_chunks`: a printed list cut into pages, each with its header row (``gov_page_chunks`` in
  report templates).
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


def page_chunks(rows, per_page, first=None, min_last=3):
    """``rows`` cut into the pages of a printed list: ``first`` rows (default ``per_page``) on the
    first page, ``per_page`` on each next one. Each chunk is printed as its own table with its header
    row (``gov_page_chunks`` in report templates): wkhtmltopdf without its patched Qt does not repeat
    a table's header on the pages it runs onto. The last page never holds fewer than ``min_last``
    rows when the page before can give some, so no row stands alone under its header."""
    rows = list(rows)
    first = per_page if first is None else first
    if per_page < 1 or first < 1:
        raise ValueError("per_page and first must be at least 1")
    chunks = [rows[:first]]
    rest = rows[first:]
    while rest:
        chunks.append(rest[:per_page])
        rest = rest[per_page:]
    if len(chunks) > 1 and len(chunks[-1]) < min_last:
        give = min(min_last - len(chunks[-1]), len(chunks[-2]) - 1)
        if give > 0:
            chunks[-1] = chunks[-2][-give:] + chunks[-1]
            chunks[-2] = chunks[-2][:-give]
    return chunks
