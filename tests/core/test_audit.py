import pytest
from django.db import DatabaseError, connection, transaction

from jiedao.core.audit import audit_record
from jiedao.core.models import AuditEvent, AuditLog


def test_it_refuses_to_change_or_delete_a_row_through_the_orm(db):
    row = audit_record(AuditEvent.LOGIN_FAILED, username="x", success=False)
    row.detail = {"edited": True}
    with pytest.raises(PermissionError):
        row.save()
    with pytest.raises(PermissionError):
        row.delete()
    with pytest.raises(PermissionError):
        AuditLog.objects.filter(pk=row.pk).update(success=True)
    with pytest.raises(PermissionError):
        AuditLog.objects.all().delete()


def test_it_refuses_an_update_in_the_database_itself(db):
    row = audit_record(AuditEvent.LOGIN_FAILED, username="x", success=False)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditlog SET success = %s WHERE id = %s", [True, row.pk])
    assert AuditLog.objects.get(pk=row.pk).success is False


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the DELETE trigger exists on PostgreSQL only")
def test_it_refuses_a_delete_in_postgresql(db):
    row = audit_record(AuditEvent.LOGIN_FAILED, username="x", success=False)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditlog WHERE id = %s", [row.pk])
    assert AuditLog.objects.filter(pk=row.pk).exists()
