"""Fewer indexes to keep up on every imported resident (the import benchmark's largest cost after the rows
themselves): no LIKE twins of hash columns, no FK indexes that a composite index or nobody uses, none on the
history tables but their `id`. SQLite gets a plain (name, id) index for the list's order; PostgreSQL has the
byte-order indexes of 0003."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def sqlite_name_index(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("CREATE INDEX IF NOT EXISTS resident_name_idx ON registry_resident (name, id)")


def drop_sqlite_name_index(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP INDEX IF EXISTS resident_name_idx")


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_auditlog_append_only"),
        ("registry", "0003_resident_name_indexes_in_byte_order"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(sqlite_name_index, drop_sqlite_name_index),
        migrations.AlterField(
            model_name="historicalhousehold",
            name="area",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="core.area",
                verbose_name="所属网格",
            ),
        ),
        migrations.AlterField(
            model_name="historicalhousehold",
            name="building",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="registry.building",
                verbose_name="楼栋",
            ),
        ),
        migrations.AlterField(
            model_name="historicalhousehold",
            name="number",
            field=models.CharField(max_length=30, verbose_name="户编号"),
        ),
        migrations.AlterField(
            model_name="historicalresident",
            name="area",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="core.area",
                verbose_name="所属网格",
            ),
        ),
        migrations.AlterField(
            model_name="historicalresident",
            name="household",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="registry.household",
                verbose_name="所在户",
            ),
        ),
        migrations.AlterField(
            model_name="historicalresident",
            name="id_number_index",
            field=models.CharField(editable=False, max_length=32, verbose_name="身份证号码索引"),
        ),
        migrations.AlterField(
            model_name="historicalresident",
            name="name",
            field=models.CharField(max_length=50, verbose_name="姓名"),
        ),
        migrations.AlterField(
            model_name="historicalresident",
            name="phone_index",
            field=models.CharField(blank=True, editable=False, max_length=32),
        ),
        migrations.AlterField(
            model_name="resident",
            name="area",
            field=models.ForeignKey(
                db_index=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="residents",
                to="core.area",
                verbose_name="所属网格",
            ),
        ),
        migrations.AlterField(
            model_name="resident",
            name="id_number_index",
            field=models.CharField(editable=False, max_length=32, verbose_name="身份证号码索引"),
        ),
        migrations.AlterField(
            model_name="resident",
            name="name",
            field=models.CharField(max_length=50, verbose_name="姓名"),
        ),
        migrations.AlterField(
            model_name="resident",
            name="name_initials",
            field=models.CharField(editable=False, max_length=20, verbose_name="拼音首字母"),
        ),
        migrations.AlterField(
            model_name="resident",
            name="phone_index",
            field=models.CharField(blank=True, editable=False, max_length=32),
        ),
        migrations.AlterField(
            model_name="residentevent",
            name="from_area",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="core.area",
                verbose_name="原网格",
            ),
        ),
        migrations.AlterField(
            model_name="residentevent",
            name="from_household",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="registry.household",
                verbose_name="原户",
            ),
        ),
        migrations.AlterField(
            model_name="residentevent",
            name="recorded_by",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="登记人",
            ),
        ),
        migrations.AlterField(
            model_name="residentevent",
            name="to_area",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="core.area",
                verbose_name="新网格",
            ),
        ),
        migrations.AlterField(
            model_name="residentevent",
            name="to_household",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="registry.household",
                verbose_name="新户",
            ),
        ),
        migrations.AddIndex(
            model_name="resident",
            index=models.Index(fields=["phone_index"], name="resident_phone_index_idx"),
        ),
        migrations.AddConstraint(
            model_name="resident",
            constraint=models.UniqueConstraint(
                fields=("id_number_index",),
                name="resident_unique_id_number",
                violation_error_message="该身份证号码已登记",
            ),
        ),
    ]
