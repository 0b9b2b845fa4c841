from huey import crontab
from huey.contrib.djhuey import db_periodic_task

from jiedao.api.services import idempotency_keys_purge


@db_periodic_task(crontab(minute="17"), name="idempotency_keys_purge")
def idempotency_keys_purge_task():
    """Hourly: forget the answers of idempotent creates older than 24 hours."""
    idempotency_keys_purge()
