from .areas import Area, AreaChange, AreaChangeKind, AreaLevel, CommunityType
from .audit import AuditEvent, AuditLog
from .staff import Office, Role, RoleAssignment, User

__all__ = [
    "Area",
    "AreaChange",
    "AreaChangeKind",
    "AreaLevel",
    "AuditEvent",
    "AuditLog",
    "CommunityType",
    "Office",
    "Role",
    "RoleAssignment",
    "User",
]
