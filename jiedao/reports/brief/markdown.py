"""The brief as Markdown: the same blocks as the .docx; the title #, 一、 ## and （一） ###."""

from jiedao.reports.annual.rendering import Report

PREFIX = {"title": "# ", "h1": "## ", "h2": "### ", "p": ""}


def write_markdown(report: Report) -> str:
    return "\n\n".join(PREFIX[block.kind] + block.text for block in report.blocks) + "\n"
