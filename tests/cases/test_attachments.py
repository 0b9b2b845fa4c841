"""Case photos: checked by content, stored under random names, all or nothing, served only in scope."""

import hashlib
import io
import random
import re
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError
from django.urls import reverse
from PIL import Image

from jiedao.cases import attachments
from jiedao.cases.attachments import attachment_add, attachments_add, case_create_with_photos
from jiedao.cases.models import AttachmentStage, Case, CaseAttachment
from jiedao.cases.workflow import case_move
from tests.cases.helpers import make_case


def image_bytes(fmt="JPEG", size=(40, 30), color=(200, 30, 30)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, fmt)
    return buffer.getvalue()


def noisy_png(side=64) -> bytes:
    """A PNG that does not compress: its size grows with its side."""
    rng = random.Random(side)
    image = Image.frombytes("RGB", (side, side), bytes(rng.getrandbits(8) for _ in range(side * side * 3)))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def upload(name, data, content_type="image/jpeg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def stored_files(settings) -> list[Path]:
    return [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]


def refused(case, actor, *uploads) -> str:
    with pytest.raises(ValidationError) as exc:
        attachments_add(case=case, uploads=list(uploads), actor=actor)
    return exc.value.message_dict["photos"][0]


def test_it_stores_jpeg_png_and_webp_under_random_names(world, categories, settings):
    case = make_case(world, categories)
    jpeg, png, webp = image_bytes("JPEG"), image_bytes("PNG", size=(20, 50)), image_bytes("WEBP")
    added = attachments_add(
        case=case,
        uploads=[upload("现场 照片.jpg", jpeg), upload("b.png", png, "image/png"), upload("c.webp", webp)],
        actor=world.worker_a,
    )
    assert [(a.content_type, a.width, a.height) for a in added] == [
        ("image/jpeg", 40, 30),
        ("image/png", 20, 50),
        ("image/webp", 40, 30),
    ]
    first = added[0]
    assert first.original_name == "现场 照片.jpg" and first.size == len(jpeg)
    assert first.sha256 == hashlib.sha256(jpeg).hexdigest()
    assert first.stage == AttachmentStage.REGISTER and first.uploaded_by == world.worker_a
    assert re.fullmatch(r"cases/\d{4}/\d{2}/[0-9a-f]{32}\.jpg", first.file.name)
    assert (Path(settings.MEDIA_ROOT) / first.file.name).read_bytes() == jpeg
    assert len(stored_files(settings)) == 3


def test_a_photo_taken_while_handling_belongs_to_that_stage(world, categories):
    case = make_case(world, categories)
    for action, data in (("accept", {}), ("dispatch", {"area": world.community_a})):
        case = case_move(case=case, action=action, actor=world.leader, version=case.version, **data)
    added = attachment_add(case=case, upload=upload("a.jpg", image_bytes()), actor=world.worker_a)
    assert added.stage == AttachmentStage.HANDLING


def test_it_refuses_a_gif(world, categories, settings):
    case = make_case(world, categories)
    message = refused(case, world.worker_a, upload("x.gif", image_bytes("GIF"), "image/gif"))
    assert message == "照片“x.gif”不是JPEG/PNG/WebP图片"
    assert not CaseAttachment.objects.exists() and stored_files(settings) == []


def test_it_refuses_text_named_like_a_jpeg(world, categories, settings):
    case = make_case(world, categories)
    message = refused(case, world.worker_a, upload("x.jpg", b"<html><script>alert(1)</script></html>"))
    assert message == "照片“x.jpg”不是JPEG/PNG/WebP图片"
    assert stored_files(settings) == []


def test_it_refuses_heic_with_a_hint(world, categories):
    case = make_case(world, categories)
    heic = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64
    message = refused(case, world.worker_a, upload("IMG_0001.HEIC", heic, "image/heic"))
    assert message.startswith("照片“IMG_0001.HEIC”是HEIC格式，暂不支持")


def test_it_refuses_a_broken_png(world, categories):
    case = make_case(world, categories)
    data = bytearray(noisy_png())
    data[len(data) // 2] ^= 0xFF  # inside the image data: the chunk's checksum no longer matches
    message = refused(case, world.worker_a, upload("坏.png", bytes(data), "image/png"))
    assert message == "照片“坏.png”已损坏或不完整"


def test_it_refuses_a_photo_over_the_size_limit(world, categories, settings):
    settings.JIEDAO_ATTACHMENT_MAX_BYTES = 2048
    case = make_case(world, categories)
    big = noisy_png(64)
    assert len(big) > 2048
    assert refused(case, world.worker_a, upload("big.png", big, "image/png")) == "照片“big.png”超过2 KB"
    assert attachments.limit_label(10 * 1024 * 1024) == "10 MB"
    assert stored_files(settings) == []


def test_it_refuses_the_tenth_photo(world, categories, settings):
    case = make_case(world, categories)
    attachments_add(
        case=case, uploads=[upload(f"{i}.jpg", image_bytes()) for i in range(9)], actor=world.worker_a
    )
    message = refused(case, world.worker_a, upload("10.jpg", image_bytes()))
    assert message == "每个工单最多9张照片，已有9张，本次选择了1张"
    assert case.attachments.count() == 9 and len(stored_files(settings)) == 9


def test_one_bad_photo_in_a_batch_writes_none(world, categories, settings):
    case = make_case(world, categories)
    message = refused(
        case, world.worker_a, upload("a.jpg", image_bytes()), upload("b.gif", image_bytes("GIF"))
    )
    assert "b.gif" in message
    assert not CaseAttachment.objects.exists() and stored_files(settings) == []


def test_only_someone_who_may_move_the_case_adds_photos(world, categories):
    case = make_case(world, categories)
    with pytest.raises(PermissionDenied):  # 网格A2 does not see a case of 网格A1
        attachment_add(case=case, upload=upload("a.jpg", image_bytes()), actor=world.grid_a2_worker)
    with pytest.raises(PermissionDenied):  # sees it, but has nothing to do on it
        attachment_add(case=case, upload=upload("a.jpg", image_bytes()), actor=world.auditor)


def test_a_failed_save_removes_the_files_already_written(world, categories, settings, monkeypatch):
    saves = []
    original = CaseAttachment.save

    def second_save_fails(self, *args, **kwargs):
        saves.append(self.file.name)
        if len(saves) == 2:
            raise IntegrityError("disk full")
        return original(self, *args, **kwargs)

    monkeypatch.setattr(CaseAttachment, "save", second_save_fails)
    photos = [upload("a.jpg", image_bytes()), upload("b.jpg", image_bytes())]
    with pytest.raises(IntegrityError):
        case_create_with_photos(
            photos=photos, actor=world.worker_a, **_case_fields(world, categories, title="有照片")
        )
    assert len(saves) == 2  # both files had been written
    assert not Case.objects.filter(title="有照片").exists() and stored_files(settings) == []


def _case_fields(world, categories, **kw) -> dict:
    return {"source": "grid", "category": categories["sanitation"], "area": world.grid_a1, "title": "t", **kw}


# ---- the pages ----


def test_the_case_page_uploads_shows_and_serves_photos(client, world, categories):
    case = make_case(world, categories)
    jpeg = image_bytes()
    client.force_login(world.worker_a)
    response = client.post(
        reverse("case_attachment_upload", args=[case.pk]), {"photos": [upload("门口.jpg", jpeg)]}
    )
    assert response.status_code == 302
    attachment = case.attachments.get()
    url = reverse("case_attachment", args=[case.pk, attachment.pk])
    page = client.get(reverse("case_detail", args=[case.pk])).content.decode()
    assert f'<img src="{url}"' in page and "上传照片" in page
    response = client.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == jpeg
    assert response["Content-Type"] == "image/jpeg"
    assert response["Content-Disposition"].startswith("inline")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_refused_upload_shows_why_on_the_case_page(client, world, categories):
    case = make_case(world, categories)
    client.force_login(world.worker_a)
    response = client.post(
        reverse("case_attachment_upload", args=[case.pk]), {"photos": [upload("x.gif", image_bytes("GIF"))]}
    )
    assert response.status_code == 200
    assert "照片“x.gif”不是JPEG/PNG/WebP图片" in response.content.decode()


def test_a_photo_is_not_found_out_of_scope_or_under_another_case(client, world, categories):
    case = make_case(world, categories)
    other = make_case(world, categories)
    attachment = attachment_add(case=case, upload=upload("a.jpg", image_bytes()), actor=world.leader)
    client.force_login(world.worker_b)
    assert client.get(reverse("case_attachment", args=[case.pk, attachment.pk])).status_code == 404
    client.force_login(world.worker_a)
    assert client.get(reverse("case_attachment", args=[other.pk, attachment.pk])).status_code == 404
    assert client.get(reverse("case_attachment", args=[case.pk, attachment.pk])).status_code == 200


def test_a_bad_photo_on_registration_means_no_case_and_no_file(client, world, categories, settings):
    client.force_login(world.worker_a)
    data = {
        "source": "resident",
        "category": categories["sanitation"].pk,
        "request_type": "help",
        "urgency": "normal",
        "area": world.grid_a1.pk,
        "title": "楼道堆物",
        "photos": [upload("a.jpg", image_bytes()), upload("b.jpg", b"not an image")],
    }
    response = client.post(reverse("case_create"), data)
    assert response.status_code == 200
    assert "照片“b.jpg”不是JPEG/PNG/WebP图片" in response.content.decode()
    assert not Case.objects.exists() and stored_files(settings) == []

    data["photos"] = [upload("a.jpg", image_bytes()), upload("b.png", image_bytes("PNG"), "image/png")]
    response = client.post(reverse("case_create"), data)
    case = Case.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("case_detail", args=[case.pk])
    assert case.attachments.count() == 2 and len(stored_files(settings)) == 2
