"""Personal API tokens and idempotent creates.

Tokens: `apitoken_create` returns the plain token once; only its SHA-256 is kept. `apitoken_user` is what the
API's authentication calls on every request.

Idempotency (`idempotent_call`): the key row is inserted first, in the same transaction as the work it
guards, under a unique (user, key) constraint. A concurrent duplicate blocks on that insert until the first
transaction ends; if the first committed, the duplicate's insert fails, its transaction rolls back (nothing
created) and it answers with the stored response. A failed first attempt stores nothing: its retry runs anew.
"""

import hashlib
import json
import secrets
from collections.abc import Callable
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from jiedao.api.models import ApiToken, IdempotencyKey
from jiedao.core.audit import audit_record
from jiedao.core.models import AuditEvent, User

TOKEN_PREFIX = "jdapi_"
# last_used_at is a hint for administrators, not a log: write it at most once a minute per token.
LAST_USED_RESOLUTION = timedelta(minutes=1)
IDEMPOTENCY_TTL = timedelta(hours=24)
COMMAND_LINE = "（命令行）"  # the audit row's account name for a token made or revoked by `jiedao apitoken`

MSG_USER_INACTIVE = "账号“{username}”已停用，不能创建令牌"
MSG_TOKEN_NAME = "令牌名称不能为空"
MSG_KEY_REUSED = "该 Idempotency-Key 已用于内容不同的请求，请为新请求使用新的键"


def hash_token(plain: str) -> str:
    return hashlib.sha256(plain.encode()).hexdigest()


@transaction.atomic
def apitoken_create(
    *, user: User, name: str, actor: User | None = None, request=None
) -> tuple[ApiToken, str]:
    """A new token for `user`, audited as made by `actor` (None: the command line). Returns it with the plain
    token, which is stored nowhere: show it once."""
    if not user.is_active:
        raise ValidationError({"user": MSG_USER_INACTIVE.format(username=user.username)})
    if not name.strip():
        raise ValidationError({"name": MSG_TOKEN_NAME})
    plain = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user=user, name=name.strip(), key_hash=hash_token(plain), prefix=plain[:12])
    token.full_clean()
    token.save()
    _audit(AuditEvent.CREDENTIAL_CREATED, token, actor, request)
    return token, plain


def _audit(event: AuditEvent, token: ApiToken, actor: User | None, request) -> None:
    audit_record(
        event,
        request=request,
        user=actor,
        username="" if actor or request else COMMAND_LINE,
        obj=token,
        credential="api_token",
        owner=token.user.username,
        prefix=token.prefix,
    )


@transaction.atomic
def apitokens_revoke(*, tokens: QuerySet, actor: User | None = None, request=None) -> int:
    """Revoke the tokens from now on, each audited; a revoked token keeps its first revocation time. Returns
    how many were revoked now."""
    revoking = list(tokens.filter(revoked_at__isnull=True).select_related("user").select_for_update())
    ApiToken.objects.filter(pk__in=[t.pk for t in revoking]).update(revoked_at=timezone.now())
    for token in revoking:
        _audit(AuditEvent.CREDENTIAL_REVOKED, token, actor, request)
    return len(revoking)


def apitoken_revoke(*, token: ApiToken, actor: User | None = None) -> ApiToken:
    apitokens_revoke(tokens=ApiToken.objects.filter(pk=token.pk), actor=actor)
    token.refresh_from_db()
    return token


def apitoken_user(plain: str) -> User | None:
    """The active user a valid, unrevoked token belongs to; None for anything else."""
    if not plain.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=hash_token(plain), revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def request_hash(payload: dict) -> str:
    """A digest of a request's validated content: key order and whitespace do not make it different."""
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)
    return hashlib.sha256(canonical.encode()).hexdigest()


def render_json(body: dict) -> str:
    return json.dumps(body, ensure_ascii=False)


def idempotent_call(
    *, user: User, key: str, digest: str, run: Callable[[], tuple[int, dict]]
) -> tuple[int, str, bool]:
    """Run `run` (which returns status and body) once per (user, key); later calls with the same key and the
    same `digest` get the stored status and body. Returns (status, the body as JSON text, replayed).

    Raises ValidationError (code "idempotency_key_reused") when the key was used with a different request."""
    stored = _stored(user, key, digest)
    if stored is not None:
        return stored.status, stored.response, True
    try:
        with transaction.atomic():
            # Claim the key before doing the work: a concurrent duplicate waits on this row.
            row = IdempotencyKey.objects.create(
                user=user, key=key, request_hash=digest, status=0, response=""
            )
            status, body = run()
            row.status, row.response = status, render_json(body)
            row.save(update_fields=["status", "response"])
    except IntegrityError:
        stored = _stored(user, key, digest)
        if stored is None:  # not our key's constraint: someone else's failure
            raise
        return stored.status, stored.response, True
    return status, row.response, False


def _stored(user: User, key: str, digest: str) -> IdempotencyKey | None:
    row = IdempotencyKey.objects.filter(user=user, key=key).first()
    if row is not None and row.request_hash != digest:
        raise ValidationError(MSG_KEY_REUSED, code="idempotency_key_reused")
    return row


def idempotency_keys_purge(*, older_than: timedelta = IDEMPOTENCY_TTL) -> int:
    """Forget the answers older than `older_than` (the job runner calls this hourly). Returns how many."""
    deleted, _ = IdempotencyKey.objects.filter(created_at__lt=timezone.now() - older_than).delete()
    return deleted
