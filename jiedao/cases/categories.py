"""The category tree: its paths, the cycle rule, and the default tree a new installation starts from."""

from django.db import transaction

from jiedao.cases.models import Category

MSG_PARENT_CYCLE = "上级分类不能是本分类或其下级分类"

# (code, name, limits, children). Limits: response_hours, urgent_hours, normal_days, complex_days; a child
# without its own inherits its parent's (jiedao.cases.deadlines).
DEFAULT_TREE = [
    (
        "city",
        "城市管理",
        (2, 8, 5, 15),
        [
            ("sanitation", "环境卫生", (2, 8, 3, None)),
            ("city_order", "市容秩序", (None, None, 3, None)),
            ("municipal", "市政设施", (None, None, 5, 15)),
            ("greening", "园林绿化", (None, None, 5, None)),
        ],
    ),
    (
        "governance",
        "社会治理",
        (2, 8, 5, 15),
        [
            ("dispute", "矛盾纠纷", (None, None, 10, 30)),
            ("public_security", "治安隐患", (1, 4, 3, None)),
            ("petition", "信访事项", (None, None, 15, 30)),
        ],
    ),
    (
        "livelihood",
        "民生服务",
        (2, 8, 5, 15),
        [
            ("social_security", "社会保障", (None, None, 5, None)),
            ("health", "医疗卫生", (None, None, 5, None)),
            ("education", "教育", (None, None, 5, None)),
            ("housing", "住房物业", (None, None, 5, 15)),
            ("utilities", "供水供电供暖供气", (1, 4, 3, 10)),
        ],
    ),
    (
        "safety",
        "安全生产",
        (1, 4, 3, 10),
        [
            ("fire", "消防安全", (1, 4, 2, None)),
            ("gas", "燃气安全", (1, 4, 2, None)),
            ("self_built", "自建房安全", (None, None, 5, 15)),
        ],
    ),
    (
        "environment",
        "生态环境",
        (2, 8, 5, 15),
        [
            ("river", "河道", (None, None, 5, None)),
            ("air", "大气", (None, None, 5, None)),
            ("noise", "噪声", (None, None, 3, None)),
        ],
    ),
    ("other", "其他", (2, 8, 5, 15), []),
]
LIMIT_FIELDS = ("response_hours", "urgent_hours", "normal_days", "complex_days")


def category_path(code: str, parent: Category | None) -> str:
    return f"{parent.path if parent else '/'}{code}/"


def is_own_descendant(category: Category, parent: Category | None) -> bool:
    """Whether making `parent` the parent of `category` would close a loop."""
    if parent is None or category.pk is None:
        return False
    return parent.pk == category.pk or (bool(category.path) and parent.path.startswith(category.path))


@transaction.atomic
def category_save(*, category: Category) -> Category:
    """Save with the path computed from the parent; a changed code or parent moves the whole subtree."""
    old_path = Category.objects.filter(pk=category.pk).values_list("path", flat=True).first()
    category.path = category_path(category.code, category.parent)
    category.save()
    if old_path and old_path != category.path:
        for child in Category.objects.filter(path__startswith=old_path).exclude(pk=category.pk):
            child.path = category.path + child.path[len(old_path) :]
            child.save(update_fields=["path"])
    return category


@transaction.atomic
def seed_categories() -> int:
    """Create the default tree where it is missing (by code); existing categories are left as edited.
    Returns the number created."""
    created = 0
    for order, (code, name, limits, children) in enumerate(DEFAULT_TREE, start=1):
        parent, made = _ensure(code, name, limits, None, order * 10)
        created += made
        for child_order, (child_code, child_name, child_limits) in enumerate(children, start=1):
            created += _ensure(child_code, child_name, child_limits, parent, child_order * 10)[1]
    return created


def _ensure(code, name, limits, parent, sort_order) -> tuple[Category, bool]:
    existing = Category.objects.filter(code=code).first()
    if existing is not None:
        return existing, False
    category = Category(
        code=code,
        name=name,
        parent=parent,
        sort_order=sort_order,
        **dict(zip(LIMIT_FIELDS, limits, strict=True)),
    )
    return category_save(category=category), True
