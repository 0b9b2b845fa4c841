"""The leader's dashboard (领导驾驶舱): the figures of a period and an area, each with the URL of the records
behind it.

- `params`: the period (本年, 上一年, a year, 本季度, 本月) and area a user may choose, and the year before.
- `cases`: the 12345 and grid case figures, from two grouped queries over the case table's indexes.
- `others`: population (registry), activities and projects, counted through the same filter functions their
  list pages use, so a link with the same parameters lists exactly the records counted.
- `charts`: the ECharts options, each data point carrying its drill-down URL.
- `page`: everything the page shows, put together.
"""
