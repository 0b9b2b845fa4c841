from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from jiedao.core.models import Area, AreaLevel
from jiedao.reports.dashboard.others import refresh_population


@db_periodic_task(crontab(minute="*/10"), name="population_refresh")
def population_refresh_task():
    """The dashboard's population figures of every current street and community, counted ahead of readers."""
    areas = list(Area.objects.current().filter(level__in=(AreaLevel.STREET, AreaLevel.COMMUNITY)))
    refresh_population(areas)
