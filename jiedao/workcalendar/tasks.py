import logging

from django.utils import timezone
from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from . import workdays

logger = logging.getLogger("jiedao.workcalendar")


def calendar_coverage_warning(today) -> int | None:
    """Log a warning when the holiday arrangement an administrator must enter now is missing."""
    missing = workdays.missing_upcoming_year(today)
    if missing is not None:
        logger.warning(workdays.MSG_YEAR_MISSING.format(year=missing))
    return missing


@db_periodic_task(crontab(hour="8", minute="0"), name="calendar_coverage_check")
def calendar_coverage_check():
    calendar_coverage_warning(timezone.localdate())
