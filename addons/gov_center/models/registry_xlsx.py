import io

import xlsxwriter


def write_registry(env, sites):
    """Write the registry workbook for `sites` and return its bytes."""
    output = io.BytesIO()
    workbook = xlsxwriter.Workbook(output, {"in_memory": True})
    sheet = workbook.add_worksheet(env._("Site Registry"))
    bold = workbook.add_format({"bold": True, "bg_color": "#D9E1F2", "border": 1, "text_wrap": True, "valign": "top"})
    wrap = workbook.add_format({"text_wrap": True, "valign": "top"})
    Site = env["gov.site"]
    kinds = dict(Site._fields["kind"]._description_selection(env))
    tiers = dict(Site._fields["achieved_tier"]._description_selection(env))
    yes, no = env._("Yes"), env._("No")
    columns = [
        (env._("Name"), 30, lambda s: s.name),
        (env._("Kind"), 18, lambda s: kinds.get(s.kind, "")),
        (env._("Division Code"), 14, lambda s: s.division_code or ""),
        (env._("Division"), 14, lambda s: s.division_id.name),
        (env._("Township / Street"), 14, lambda s: s.township_id.name or ""),
        (env._("Parent Centre"), 24, lambda s: s.parent_id.name or ""),
        (env._("Address"), 30, lambda s: s.address or ""),
        (env._("Phone"), 14, lambda s: s.phone or ""),
        (env._("Manager"), 14, lambda s: s.manager_id.name or ""),
        (env._("Staff"), 6, lambda s: s.staff_count),
        (env._("Floor Area (m²)"), 10, lambda s: s.floor_area),
        (env._("Weekend Service"), 8, lambda s: yes if s.weekend_service else no),
        (env._("Remote Pastoral Area"), 8, lambda s: yes if s.remote_pastoral else no),
        (env._("E-Government Extranet"), 8, lambda s: yes if s.extranet else no),
        (env._("Video Surveillance"), 8, lambda s: yes if s.video_surveillance else no),
        (env._("Last Inspected"), 12, lambda s: str(s.last_inspection_date or "")),
        (env._("Target Tier"), 10, lambda s: tiers.get(s.target_tier, "") if s.is_graded else ""),
        (env._("Achieved Tier"), 10, lambda s: tiers.get(s.achieved_tier, "") if s.is_graded else ""),
        (env._("Missing Area (m²)"), 10, lambda s: s.gap_area),
        (env._("Missing Items"), 8, lambda s: s.gap_count),
        (env._("Missing Requirements"), 60, lambda s: "\n".join(s.gap_requirement_ids.mapped("display_name"))),
    ]
    for col, (title, width, _getter) in enumerate(columns):
        sheet.write(0, col, title, bold)
        sheet.set_column(col, col, width)
    sheet.freeze_panes(1, 1)
    for row, site in enumerate(sites, start=1):
        for col, (_title, _width, getter) in enumerate(columns):
            sheet.write(row, col, getter(site), wrap)
    sheet.autofilter(0, 0, max(len(sites), 1), len(columns) - 1)
    workbook.close()
    return output.getvalue()
