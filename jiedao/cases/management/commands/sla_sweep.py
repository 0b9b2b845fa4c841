from django.core.management.base import BaseCommand

from jiedao.cases.models import SlaStatus
from jiedao.cases.sla import sla_sweep


class Command(BaseCommand):
    help = "工单时限巡检：标记临期、超期工单并记录催办（定时任务每10分钟运行一次）"

    def handle(self, *args, **options):
        counts = sla_sweep()
        self.stdout.write(
            f"新增临期 {counts[SlaStatus.DUE_SOON]} 件，新增超期 {counts[SlaStatus.OVERDUE]} 件，均已记录催办"
        )
