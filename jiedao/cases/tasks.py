from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from jiedao.cases.sla import sla_sweep


@db_periodic_task(crontab(minute="*/10"))
def sla_sweep_task():
    sla_sweep()
