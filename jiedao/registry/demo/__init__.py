"""The demo sub-district's people and places: the figures of the 2023 annual report, built in bulk.

On 2023-12-31 the register holds 66,772 people (57,211 常住, 9,561 流动), 1,206 of them aged 80 or more;
低保 covers 528 people in 367 households, 失独 52 people in 37 households and 伤残 48 in 33; 1,784 veterans;
93 compounds; 1 church, 3 meeting points and 1 folk-belief site; 199 三合一 and 325 LPG premises; 3 平房区.
People who left during 2023 and tags that ended in 2023 exist too and must not count at year end.

Deterministic (one `random.Random(66772)`: the same rows on every run over the same areas, except the
ciphertexts, whose nonces are random) and idempotent (returns at once if the demo's compounds exist).
Every table is written by `bulk_insert`, history rows included, never by per-object `save()`.

The package, by purpose: `data` (figures, name lists, weights, tables), `places` (compounds, buildings,
households, premises), `people` (households' members, identities, residents, events) and `tags`; `_Builder`
here puts them together and runs the steps in order, drawing every random choice from one stream.
"""

import random
from datetime import date, timedelta

from django.db import transaction

from jiedao.core.demo import COMMUNITIES, SPLIT
from jiedao.core.models import Area
from jiedao.registry.demo.data import COMPOUNDS, SEED, _weighted
from jiedao.registry.demo.people import Home, _People
from jiedao.registry.demo.places import _Places
from jiedao.registry.demo.tags import _Tags
from jiedao.registry.models import Compound, Ethnicity

__all__ = ["build_registry_demo"]


@transaction.atomic
def build_registry_demo(street: Area) -> None:
    communities = {a.name: a for a in Area.objects.under(street).communities().current()}
    expected = [seed.name for seed in [*COMMUNITIES, SPLIT]]
    missing = [name for name in expected if name not in communities]
    if missing:
        raise ValueError(f"演示区域缺少社区：{'、'.join(missing)}，请先生成区域与工作人员")
    if Compound.objects.filter(area__in=communities.values(), name__in=_compound_names()).exists():
        return
    grids: dict[int, list[Area]] = {}
    for grid in Area.objects.under(street).grids().current().order_by("code"):
        grids.setdefault(grid.parent_id, []).append(grid)
    _Builder(random.Random(SEED), [communities[n] for n in expected], grids).build()


def _compound_names() -> list[str]:
    return [item.split()[0] for spec in COMPOUNDS.values() for item in spec.split(",")]


class _Builder(_Places, _People, _Tags):
    def __init__(self, rng: random.Random, communities: list[Area], grids: dict[int, list[Area]]):
        self.rng = rng
        self.communities = communities
        self.grids = grids
        self.compounds: list[dict] = []
        self.buildings: list[dict] = []
        self.homes: list[Home] = []
        self.tags: list[tuple] = []
        self.ethnicity_codes = {label: value for value, label in Ethnicity.choices}
        self._tables = {}

    def pick(self, spec: str) -> str:
        table = self._tables.get(spec)
        if table is None:
            table = self._tables[spec] = _weighted(spec)
        return self.rng.choices(table[0], cum_weights=table[1])[0]

    def day(self, start: date, end: date) -> date:
        return start + timedelta(days=self.rng.randrange((end - start).days + 1))

    def build(self) -> None:
        self.plan_places()
        self.plan_people()
        self.fix_aged_80_plus()
        self.place_homes()
        self.identify()
        self.plan_tags()
        self.write_places()
        self.write_people()
        self.write_tags()
        self.write_premises()
