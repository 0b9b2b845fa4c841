from tests.registry.helpers import RESIDENT_HEADER, make_id, resident_row, xlsx
from tests.urlcheck import Route, one, statuses

# Who keeps the registry: office staff, secretaries and community workers (worker_a, worker_b in the cast).
KEEPERS = statuses(403, worker_a=200, worker_b=200)
RESIDENT_EXPORTERS = statuses(403, leader=200, worker_a=200, worker_b=200)


def _failed_job_of_worker_a(world):
    from jiedao.excel.engine import import_file
    from jiedao.excel.registry import get_ledger

    data = xlsx([RESIDENT_HEADER, resident_row("张三", make_id(seq=1), building="无此楼")])
    return {"pk": import_file(get_ledger("residents"), data, file_name="x.xlsx", user=world.worker_a).pk}


PAGES = {
    # The centre lists what the user may import or export (grid workers: the places of their grid); the
    # auditor and the system administrator have nothing there.
    "excel_center": one(statuses(200, auditor=403, sysadmin=403)),
    "excel_template": [
        Route(
            statuses(200, grid_a1=403, grid_a2=403, auditor=403, sysadmin=403),
            kwargs=lambda w: {"code": "residents"},
            label="居民",
        ),
        Route(statuses(404), kwargs=lambda w: {"code": "nonexistent"}, label="不存在"),
    ],
    "excel_import": one(KEEPERS, kwargs=lambda w: {"code": "residents"}),
    "excel_export": one(RESIDENT_EXPORTERS, kwargs=lambda w: {"code": "residents"}),
    # An import's result is its importer's only.
    "excel_job": one(statuses(404, worker_a=200), kwargs=_failed_job_of_worker_a),
    "excel_job_report": one(statuses(404, worker_a=200), kwargs=_failed_job_of_worker_a),
}
