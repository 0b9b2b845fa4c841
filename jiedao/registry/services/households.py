"""Writes that place a person at an address: the household at building/unit/room is found or created in the
same transaction as the registration or the move, so a refused registration leaves no empty household."""

from datetime import date

from django.db import transaction

from jiedao.core.models import User
from jiedao.registry.models import Building, Resident, ResidentEvent
from jiedao.registry.services.people import household_get_or_create, resident_register, resident_transfer


@transaction.atomic
def resident_register_at(
    *, building: Building, unit: str, room: str, actor: User | None = None, **details
) -> Resident:
    """`resident_register` at an address; `details` are its keyword arguments (name, id_number, …)."""
    household = household_get_or_create(building=building, unit=unit, room=room, actor=actor)
    return resident_register(household=household, actor=actor, **details)


@transaction.atomic
def resident_move(
    *,
    resident: Resident,
    building: Building,
    unit: str,
    room: str,
    on: date,
    relation: str = "",
    note: str = "",
    actor: User | None = None,
) -> ResidentEvent:
    """`resident_transfer` to the household at building/unit/room (created when nobody lives there yet)."""
    household = household_get_or_create(building=building, unit=unit, room=room, actor=actor)
    return resident_transfer(
        resident=resident, household=household, on=on, relation=relation, note=note, actor=actor
    )
