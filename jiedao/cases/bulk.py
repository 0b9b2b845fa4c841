"""Moving many cases at once (批量派单, 批量受理): each case through `case_move`, with the version its page showed.

Every case is its own move and its own transaction: one stale or misplaced case does not hold back the others,
and each refusal is reported with the case number and the reason in words. The page's `<pk>:<version>` pairs
make a resubmitted form harmless: a case already moved has a new version and is reported as stale.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError

from jiedao.cases.models import Case, State
from jiedao.cases.workflow import MSG_NOT_FROM_STATE, MSG_OUT_OF_SCOPE, MSG_STALE, case_move
from jiedao.core.models import User

MAX_BULK = 200
MSG_TOO_MANY = "一次最多批量处理{max}件工单，您选择了{count}件，请分批提交"
MSG_NONE_CHOSEN = "请先勾选要处理的工单"
MSG_BAD_PAIR = "工单参数“{value}”格式不正确，请刷新页面后重试"

# The bulk action a user picks, and the move it makes from each state it applies to.
BULK_MOVES: dict[str, dict[str, str]] = {
    "dispatch": {
        State.ACCEPTED: "dispatch",
        State.DISPATCHED: "reassign",
        State.SIGNED: "reassign",
        State.HANDLING: "reassign",
    },
    "accept": {State.PENDING: "accept"},
}
BULK_LABELS = {"dispatch": "派单", "accept": "受理"}


@dataclass
class BulkResult:
    action: str
    moved: list[Case] = field(default_factory=list)
    refused: list[tuple[str, str]] = field(default_factory=list)  # (case number or "#pk", reason)

    @property
    def label(self) -> str:
        return BULK_LABELS[self.action]

    @property
    def summary(self) -> str:
        text = f"已{self.label} {len(self.moved)} 件"
        if self.refused:
            text += f"；{len(self.refused)} 件未{self.label}："
        return text


def parse_pairs(values: list[str]) -> list[tuple[int, int]]:
    """["12:3", …] → [(12, 3), …], each case once (the first version given), at most MAX_BULK of them."""
    pairs: dict[int, int] = {}
    for value in values:
        pk, sep, version = value.partition(":")
        if not (sep and pk.isdigit() and version.isdigit()):
            raise ValidationError(MSG_BAD_PAIR.format(value=value[:40]), code="pair")
        pairs.setdefault(int(pk), int(version))
    if not pairs:
        raise ValidationError(MSG_NONE_CHOSEN, code="none")
    if len(pairs) > MAX_BULK:
        raise ValidationError(MSG_TOO_MANY.format(max=MAX_BULK, count=len(pairs)), code="too_many")
    return list(pairs.items())


def _reason(exc: ValidationError | PermissionDenied) -> str:
    if isinstance(exc, PermissionDenied):
        return str(exc)
    return "；".join(exc.messages)


def bulk_move(*, action: str, pairs: list[tuple[int, int]], actor: User, **data) -> BulkResult:
    """Apply the bulk `action` ("dispatch": 派单 or 改派 by state; "accept") to each (pk, version) as `actor`.
    `data` goes to every move (dispatch: `area`, optional `assignee`). Cases outside the actor's scope, or
    missing, are reported as outside the scope (the same words for both)."""
    moves = BULK_MOVES[action]
    result = BulkResult(action)
    cases = Case.objects.for_user(actor).in_bulk([pk for pk, _ in pairs])
    for pk, version in pairs:
        case = cases.get(pk)
        if case is None:
            result.refused.append((f"#{pk}", MSG_OUT_OF_SCOPE))
            continue
        if case.version != version:  # a stale page hears so first, as on the case's own page
            result.refused.append((case.number, MSG_STALE))
            continue
        move = moves.get(case.state)
        if move is None:
            reason = MSG_NOT_FROM_STATE.format(state=case.get_state_display(), action=BULK_LABELS[action])
            result.refused.append((case.number, reason))
            continue
        try:
            moved = case_move(case=case, action=move, actor=actor, version=version, **data)
        except (ValidationError, PermissionDenied) as exc:
            result.refused.append((case.number, _reason(exc)))
        else:
            result.moved.append(moved)
    return result
