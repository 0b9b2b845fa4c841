"""The monthly and quarterly brief report (工作简报): the annual summary's machinery on a shorter period.

A fixed template (template.py) of headings and sentences with `{{code}}` placeholders, figures computed for a
month or a quarter with `jiedao.core.figures.compute` (rendering.py), written by the annual report's docx and
markdown writers. See docs/reports.md, "工作简报".
"""
