"""care.teams: 暖心小分队 in the register at the period's end."""

from datetime import date

from jiedao.core.figures import Period, compute, get_indicator
from jiedao.volunteers.services import team_create


def test_it_counts_warm_heart_teams_standing_at_the_years_end(world):
    def team(name, kind="warm_heart", founded_on=date(2022, 1, 1), dissolved_on=None, area=None):
        team_create(
            name=name,
            kind=kind,
            area=area or world.community_a,
            leader="甲",
            founded_on=founded_on,
            dissolved_on=dissolved_on,
        )

    team("甲队")
    team("乙队", area=world.grid_b1)
    team("丙队", dissolved_on=date(2023, 5, 1))
    team("丁队", founded_on=date(2024, 1, 2))
    team("戊队", kind="sunset")
    year = Period.year(2023)
    assert compute(get_indicator("care.teams"), year).value == 2
    assert compute(get_indicator("care.teams"), year, area=world.community_b).value == 1
    assert compute(get_indicator("care.teams"), year, user=world.worker_a).value == 1
    assert compute(get_indicator("care.teams"), Period.year(2024)).value == 3
