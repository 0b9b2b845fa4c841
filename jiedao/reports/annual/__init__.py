"""The annual work summary (年度工作总结): template, rendering, the .docx (GB/T 9704-2012) and .md writers.

See docs/reports.md for the placeholder syntax and the document layout."""
