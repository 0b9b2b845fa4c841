"""Project fixtures: projects in the fixed world (社区A, 社区B and the street) made through the service."""

from datetime import date
from decimal import Decimal

from jiedao.projects.models import ProjectKind
from jiedao.projects.services import project_create


def add_project(area, name: str, **kwargs):
    values = {
        "kind": ProjectKind.RENOVATION,
        "name": name,
        "area": area,
        "budget": Decimal("3200000"),
        "floor_area": Decimal("25600"),
        "buildings": 6,
        "households": 284,
        "planned_start": date(2024, 3, 1),
        "planned_end": date(2024, 10, 31),
        "plan_year": 2024,
    }
    return project_create(**{**values, **kwargs})
