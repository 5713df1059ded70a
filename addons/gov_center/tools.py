"""Small helpers of the suite that are not models: one definition each, imported by the modules.

- :func:`format_hour`: a time of day kept as a float hour (13.5) as shown to people (“13:30”); the
  opening hours, service slots, rosters and appointments of every module print hours with it.
"""


def format_hour(hour):
    """``hour`` (float, e.g. 13.5) as “HH:MM” (13:30); 24.0 gives “24:00”."""
    minutes = round(hour * 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"
