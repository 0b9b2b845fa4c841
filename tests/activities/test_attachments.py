"""Activity files are recognised by their bytes: photos (JPEG/PNG/WebP), PDF, .docx and .xlsx."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from jiedao.activities.attachments import (
    DOCX,
    MSG_TOO_LARGE,
    MSG_UNSUPPORTED,
    XLSX,
    attachments_add,
)
from jiedao.activities.models import ActivityAttachment
from tests.activities.conftest import add_activity
from tests.activities.url_entries import _photo


def _zip(name: str, members: list[str]) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for member in members:
            archive.writestr(member, "<x/>")
    return SimpleUploadedFile(name, buffer.getvalue())


def test_office_documents_are_recognised_by_content_whatever_their_name(world):
    activity = add_activity(world.grid_a1)
    added = attachments_add(
        activity=activity,
        uploads=[
            _zip("方案.bin", ["[Content_Types].xml", "word/document.xml"]),
            _zip("统计.docx", ["[Content_Types].xml", "xl/workbook.xml"]),
            _photo("现场.jpg"),
        ],
        actor=world.worker_a,
    )
    assert [(a.kind, a.content_type) for a in added] == [
        ("document", DOCX),
        ("document", XLSX),
        ("photo", "image/png"),
    ]
    assert added[0].file.name.endswith(".docx") and added[0].original_name == "方案.bin"


def test_a_refused_file_means_no_file_is_written(world):
    activity = add_activity(world.grid_a1)
    with pytest.raises(ValidationError) as caught:
        attachments_add(
            activity=activity,
            uploads=[_photo(), _zip("压缩包.zip", ["a.txt"])],
            actor=world.worker_a,
        )
    assert caught.value.message_dict["attachments"] == [MSG_UNSUPPORTED.format(name="压缩包.zip")]
    assert not ActivityAttachment.objects.exists()


def test_a_file_over_the_limit_is_refused(world, settings):
    settings.JIEDAO_ATTACHMENT_MAX_BYTES = 10
    activity = add_activity(world.grid_a1)
    with pytest.raises(ValidationError) as caught:
        attachments_add(activity=activity, uploads=[_photo("大图.png")], actor=None)
    assert caught.value.message_dict["attachments"] == [
        MSG_TOO_LARGE.format(name="大图.png", limit="10 字节")
    ]
