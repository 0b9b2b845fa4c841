"""What a client needs to fill in a case: the category tree and the areas the caller may register in."""

from ninja import Router

from jiedao.api.auth import auth_with
from jiedao.api.schemas import ERRORS, AreaOut, CategoryNode
from jiedao.cases import selectors
from jiedao.cases.models import Category

VIEW = "cases.view_case"

router = Router(tags=["基础数据"], auth=auth_with(VIEW))


@router.get(
    "/categories", response={200: list[CategoryNode], **ERRORS}, url_name="categories", summary="工单分类树"
)
def categories(request):
    nodes: dict[int, dict] = {}
    roots: list[dict] = []
    # By path: a parent comes before its children. A child of a disabled category is left out with it.
    for category in Category.objects.filter(active=True).order_by("path"):
        node = {"code": category.code, "name": category.name, "children": []}
        nodes[category.pk] = node
        if category.parent_id is None:
            roots.append(node)
        elif category.parent_id in nodes:
            nodes[category.parent_id]["children"].append(node)
    return roots


@router.get(
    "/areas", response={200: list[AreaOut], **ERRORS}, url_name="areas", summary="可登记工单的社区和网格"
)
def areas(request):
    return [
        {"code": a.code, "name": a.name, "level": a.level, "label": a.label, "parent": a.parent.code}
        for a in selectors.case_areas(request.user)
    ]
