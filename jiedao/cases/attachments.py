"""Case photos: checked by their content, stored under random names, written with their case or not at all.

A photo is accepted when Pillow recognises it as JPEG, PNG or WebP (whatever its name or the browser's
content type says) and `Image.verify()` passes; HEIC (iPhone's default) is refused with a hint. Every photo
of a request is checked before anything is written, and files written inside a transaction that then fails
are deleted again, so a refused request leaves neither rows nor files. (A caller that wraps these services
in a longer transaction of its own and rolls it back later leaves unreferenced files behind.) Files live under MEDIA_ROOT and are
served only by the scoped view `case_attachment`, never by a public URL.
"""

import hashlib
import os
import uuid
from collections.abc import Iterable
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from PIL import Image, UnidentifiedImageError

from jiedao.cases.models import AttachmentStage, Case, CaseAttachment, State
from jiedao.cases.services import case_create
from jiedao.cases.workflow import allowed_actions
from jiedao.core.models import User

MAX_PER_CASE = 9
MSG_NOT_IMAGE = "照片“{name}”不是JPEG/PNG/WebP图片"
MSG_HEIC = "照片“{name}”是HEIC格式，暂不支持：请在手机相机设置中选择“兼容性最佳”（JPEG）或转换后上传"
MSG_BROKEN = "照片“{name}”已损坏或不完整"
MSG_TOO_LARGE = "照片“{name}”超过{limit}"
MSG_EMPTY = "照片“{name}”是空文件"
MSG_TOO_MANY = "每个工单最多{max}张照片，已有{existing}张，本次选择了{count}张"
MSG_NONE = "请选择要上传的照片"
MSG_STAGE = "照片环节无效"
MSG_UPLOAD_DENIED = "您现在不能为该工单上传照片"

# Pillow's format name → (content type, extension on disk).
FORMATS = {"JPEG": ("image/jpeg", ".jpg"), "PNG": ("image/png", ".png"), "WEBP": ("image/webp", ".webp")}
# ISO-BMFF brands of HEIC/HEIF/AVIF photos: bytes 4-12 of the file are b"ftyp" + brand.
HEIF_BRANDS = (b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1", b"avif")
# Which step of the case a photo added now documents.
STAGE_OF_STATE = {
    State.PENDING: AttachmentStage.REGISTER,
    State.ACCEPTED: AttachmentStage.REGISTER,
    State.DISPATCHED: AttachmentStage.HANDLING,
    State.SIGNED: AttachmentStage.HANDLING,
    State.HANDLING: AttachmentStage.HANDLING,
}


@dataclass(frozen=True)
class Photo:
    """An upload that passed the checks, with what was learnt about it."""

    upload: object  # django UploadedFile (or any File)
    name: str
    content_type: str
    extension: str
    size: int
    sha256: str
    width: int
    height: int


def stage_for(case: Case) -> str:
    """The stage a photo added to `case` now belongs to: 登记 before dispatch, 办理 while open, then 办结."""
    return STAGE_OF_STATE.get(case.state, AttachmentStage.CLOSING)


def limit_label(limit: int) -> str:
    if limit >= 1024 * 1024:
        return f"{limit / (1024 * 1024):g} MB"
    if limit >= 1024:
        return f"{limit / 1024:g} KB"
    return f"{limit} 字节"


def _display_name(upload) -> str:
    return os.path.basename(getattr(upload, "name", "") or "") or "未命名"


def photo_check(upload) -> Photo:
    """Check one upload by its content. Raises ValidationError {"photos": …} naming the file."""
    name = _display_name(upload)
    size = upload.size
    limit = settings.JIEDAO_ATTACHMENT_MAX_BYTES
    if not size:
        raise ValidationError({"photos": MSG_EMPTY.format(name=name)}, code="empty")
    if size > limit:
        raise ValidationError(
            {"photos": MSG_TOO_LARGE.format(name=name, limit=limit_label(limit))}, code="size"
        )
    upload.seek(0)
    head = upload.read(16)
    if head[4:8] == b"ftyp" and head[8:12] in HEIF_BRANDS:
        raise ValidationError({"photos": MSG_HEIC.format(name=name)}, code="heic")
    upload.seek(0)
    try:
        with Image.open(upload) as image:
            kind, (width, height) = image.format, image.size
            if kind not in FORMATS:
                raise ValidationError({"photos": MSG_NOT_IMAGE.format(name=name)}, code="type")
            image.verify()
    except UnidentifiedImageError:
        raise ValidationError({"photos": MSG_NOT_IMAGE.format(name=name)}, code="type") from None
    except ValidationError:
        raise
    except Exception:  # Pillow raises many kinds (SyntaxError, OSError, struct.error …) for broken files
        raise ValidationError({"photos": MSG_BROKEN.format(name=name)}, code="broken") from None
    content_type, extension = FORMATS[kind]
    return Photo(upload, name, content_type, extension, size, file_sha256(upload), width, height)


def file_sha256(upload) -> str:
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in iter(lambda: upload.read(1024 * 1024), b""):
        digest.update(chunk)
    upload.seek(0)
    return digest.hexdigest()


def photos_check(uploads: Iterable, *, existing: int = 0) -> list[Photo]:
    """Check every upload (and how many the case would then have) before anything is written."""
    uploads = [u for u in uploads if u]
    if existing + len(uploads) > MAX_PER_CASE:
        raise ValidationError(
            {"photos": MSG_TOO_MANY.format(max=MAX_PER_CASE, existing=existing, count=len(uploads))},
            code="count",
        )
    return [photo_check(u) for u in uploads]


@contextmanager
def files_removed_on_error():
    """Yield a list to note written file names in; on any error inside, delete them and re-raise."""
    written: list[str] = []
    try:
        yield written
    except BaseException:
        for name in written:
            default_storage.delete(name)
        raise


def _store(*, case: Case, photo: Photo, actor: User | None, stage: str, at, written: list[str]):
    attachment = CaseAttachment(
        case=case,
        original_name=photo.name[:255],
        content_type=photo.content_type,
        size=photo.size,
        sha256=photo.sha256,
        width=photo.width,
        height=photo.height,
        stage=stage,
        uploaded_by=actor,
        uploaded_at=at,
    )
    photo.upload.seek(0)
    # The name on disk is random: the user's file name is kept only as data.
    attachment.file.save(uuid.uuid4().hex + photo.extension, photo.upload, save=False)
    written.append(attachment.file.name)
    attachment.save()
    return attachment


def _save_all(*, case: Case, photos: list[Photo], actor: User | None, stage: str, written: list[str]):
    at = timezone.now()
    return [_store(case=case, photo=p, actor=actor, stage=stage, at=at, written=written) for p in photos]


def upload_permission_check(case: Case, actor: User | None) -> None:
    """Photos are added by whoever may move the case now (has an allowed action) within their scope."""
    if actor is None or actor.is_superuser:
        return
    if not allowed_actions(case, actor) or not Case.objects.for_user(actor).filter(pk=case.pk).exists():
        raise PermissionDenied(MSG_UPLOAD_DENIED)


def attachments_add(*, case: Case, uploads: Iterable, actor: User | None, stage: str | None = None):
    """Add photos to `case` as `actor` (who must be able to move it now): all of them or none.

    `stage` defaults to the one of the case's state (`stage_for`). Raises ValidationError {"photos": …}."""
    upload_permission_check(case, actor)
    stage = stage or stage_for(case)
    if stage not in AttachmentStage.values:
        raise ValidationError({"stage": MSG_STAGE})
    uploads = [u for u in uploads if u]
    if not uploads:
        raise ValidationError({"photos": MSG_NONE})
    # The files go when the transaction fails, even at its commit. The case row is locked so that two
    # uploads at once cannot both pass the count check.
    with files_removed_on_error() as written, transaction.atomic():
        Case.objects.select_for_update().filter(pk=case.pk).first()
        photos = photos_check(uploads, existing=case.attachments.count())
        return _save_all(case=case, photos=photos, actor=actor, stage=stage, written=written)


def attachment_add(*, case: Case, upload, actor: User | None, stage: str | None = None) -> CaseAttachment:
    """Add one photo to `case` (see `attachments_add`)."""
    return attachments_add(case=case, uploads=[upload], actor=actor, stage=stage)[0]


def case_create_with_photos(*, photos: Iterable = (), actor: User | None = None, **fields) -> Case:
    """Register a case (`case_create`) with its photos in one transaction: a bad photo means no case."""
    checked = photos_check(photos)
    with files_removed_on_error() as written, transaction.atomic():
        case = case_create(actor=actor, **fields)
        _save_all(case=case, photos=checked, actor=actor, stage=AttachmentStage.REGISTER, written=written)
    return case
