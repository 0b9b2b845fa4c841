"""The annual report as Markdown: the same blocks as the .docx, headings as #, ## and ###."""

from jiedao.reports.annual.rendering import Report

PREFIX = {"title": "# ", "part": "## ", "h1": "### ", "h2": "#### ", "p": ""}


def write_markdown(report: Report) -> str:
    return "\n\n".join(PREFIX[block.kind] + block.text for block in report.blocks) + "\n"
