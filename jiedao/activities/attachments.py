"""Activity photos and documents, checked by their content, stored under random names, all or none.

Photos go through the case engine's check (`jiedao.cases.attachments.photo_check`: Pillow recognises JPEG,
PNG or WebP, HEIC refused with a hint). Documents are recognised by their bytes, never by their name: a PDF
starts with `%PDF-`; a .docx or .xlsx is a zip holding `[Content_Types].xml` and `word/document.xml` or
`xl/workbook.xml`. At most 9 files per activity, each within JIEDAO_ATTACHMENT_MAX_BYTES (10 MB); files
written by a failed transaction are deleted again. Served only by the scoped view `activity_attachment`.
"""

import os
import uuid
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone

from jiedao.activities.models import Activity, ActivityAttachment, AttachmentKind
from jiedao.cases.attachments import file_sha256, files_removed_on_error, limit_label, photo_check
from jiedao.core.models import User

MAX_PER_ACTIVITY = 9
FIELD = "attachments"
MSG_TOO_MANY = "每个活动最多{max}个附件，已有{existing}个，本次选择了{count}个"
MSG_NONE = "请选择要上传的文件"
MSG_EMPTY = "文件“{name}”是空文件"
MSG_TOO_LARGE = "文件“{name}”超过{limit}"
MSG_UNSUPPORTED = "文件“{name}”不是支持的格式（照片：JPEG/PNG/WebP；文档：PDF、Word(.docx)、Excel(.xlsx)）"
MSG_BROKEN = "文件“{name}”已损坏或不完整"

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
IMAGE_HEADS = (b"\xff\xd8\xff", b"\x89PNG", b"RIFF")


@dataclass(frozen=True)
class Checked:
    upload: object
    kind: str
    name: str
    content_type: str
    extension: str
    size: int
    sha256: str


def _name(upload) -> str:
    return os.path.basename(getattr(upload, "name", "") or "") or "未命名"


def _document(upload, name: str) -> tuple[str, str] | None:
    """(content type, extension) of a PDF/.docx/.xlsx recognised by content, else None."""
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return "application/pdf", ".pdf"
    if not head.startswith(b"PK\x03\x04"):
        return None
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise ValidationError({FIELD: MSG_BROKEN.format(name=name)}, code="broken") from None
    finally:
        upload.seek(0)
    if "[Content_Types].xml" not in names:
        return None
    if "word/document.xml" in names:
        return DOCX, ".docx"
    if "xl/workbook.xml" in names:
        return XLSX, ".xlsx"
    return None


def attachment_check(upload) -> Checked:
    """Check one upload by its content. Raises ValidationError {"attachments": …} naming the file."""
    name, size = _name(upload), upload.size
    limit = settings.JIEDAO_ATTACHMENT_MAX_BYTES
    if not size:
        raise ValidationError({FIELD: MSG_EMPTY.format(name=name)}, code="empty")
    if size > limit:
        raise ValidationError({FIELD: MSG_TOO_LARGE.format(name=name, limit=limit_label(limit))}, code="size")
    document = _document(upload, name)
    if document is not None:
        content_type, extension = document
        return Checked(
            upload, AttachmentKind.DOCUMENT, name, content_type, extension, size, file_sha256(upload)
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    is_heif = head[4:8] == b"ftyp"
    if not (head.startswith(IMAGE_HEADS) or is_heif):
        raise ValidationError({FIELD: MSG_UNSUPPORTED.format(name=name)}, code="type")
    try:
        photo = photo_check(upload)
    except ValidationError as exc:
        raise ValidationError({FIELD: exc.message_dict["photos"]}, code="photo") from None
    return Checked(
        upload, AttachmentKind.PHOTO, name, photo.content_type, photo.extension, photo.size, photo.sha256
    )


def attachments_check(uploads: Iterable, *, existing: int = 0) -> list[Checked]:
    uploads = [u for u in uploads if u]
    if existing + len(uploads) > MAX_PER_ACTIVITY:
        raise ValidationError(
            {FIELD: MSG_TOO_MANY.format(max=MAX_PER_ACTIVITY, existing=existing, count=len(uploads))},
            code="count",
        )
    return [attachment_check(u) for u in uploads]


def attachments_add(*, activity: Activity, uploads: Iterable, actor: User | None) -> list[ActivityAttachment]:
    """Add files to `activity`: all of them or none. Raises ValidationError {"attachments": …}."""
    uploads = [u for u in uploads if u]
    if not uploads:
        raise ValidationError({FIELD: MSG_NONE})
    with files_removed_on_error() as written, transaction.atomic():
        # The lock keeps two uploads at once from both passing the count check.
        Activity.objects.select_for_update().filter(pk=activity.pk).first()
        checked = attachments_check(uploads, existing=activity.attachments.count())
        now = timezone.now()
        saved = []
        for item in checked:
            attachment = ActivityAttachment(
                activity=activity,
                kind=item.kind,
                original_name=item.name[:255],
                content_type=item.content_type,
                size=item.size,
                sha256=item.sha256,
                uploaded_by=actor if getattr(actor, "pk", None) else None,
                uploaded_at=now,
            )
            item.upload.seek(0)
            attachment.file.save(uuid.uuid4().hex + item.extension, item.upload, save=False)
            written.append(attachment.file.name)
            attachment.save()
            saved.append(attachment)
        return saved


def attachment_remove(*, attachment: ActivityAttachment) -> None:
    name = attachment.file.name
    with transaction.atomic():
        attachment.delete()
        transaction.on_commit(lambda: default_storage.delete(name))


def attachment_files_delete_on_commit(activity: Activity) -> None:
    """When the activity's deletion commits, its files go too."""
    names = list(activity.attachments.values_list("file", flat=True))
    transaction.on_commit(lambda: [default_storage.delete(n) for n in names])
