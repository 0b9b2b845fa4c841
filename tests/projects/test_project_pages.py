import io
from datetime import date

from python_calamine import CalamineWorkbook

from jiedao.core.models import AuditEvent, AuditLog
from jiedao.projects.models import Milestone, Project, ProjectKind, ProjectStatus
from jiedao.projects.services import MSG_MILESTONE_OUTSIDE, MSG_STALE, milestone_add
from tests.projects.conftest import add_project


def form_data(world, **overrides) -> dict:
    data = {
        "kind": "renovation",
        "name": "阳光小区改造",
        "area": world.community_a.pk,
        "status": "planning",
        "plan_year": "2024",
        "use": "",
        "budget": "3200000",
        "floor_area": "25600",
        "buildings": "6",
        "households": "284",
        "leader": "",
        "office": "",
        "planned_start": "2024-03-01",
        "planned_end": "2024-10-31",
        "completed_on": "",
        "progress": "0",
        "description": "基础类改造",
    }
    return {**data, **overrides}


def test_it_lists_filters_and_links_the_export(client, world):
    add_project(world.community_a, "阳光小区改造")
    add_project(world.community_a, "便民市场", kind=ProjectKind.INVESTMENT, plan_year=None)
    add_project(world.community_b, "河畔小区改造")
    client.force_login(world.worker_a)
    page = client.get("/projects/", {"kind": "renovation"}).content.decode()
    assert "阳光小区改造" in page and "便民市场" not in page and "河畔小区改造" not in page
    assert "/excel/projects/export.xlsx?kind=renovation" in page


def test_it_creates_a_project_with_compounds(client, world, places):
    client.force_login(world.worker_a)
    response = client.post("/projects/new/", form_data(world, compounds=[places["sunny"].pk]))
    project = Project.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/projects/{project.pk}/"
    assert list(project.compounds.all()) == [places["sunny"]]
    assert project.history.get().history_user == world.worker_a


def test_it_shows_a_rule_broken_on_its_field(client, world):
    client.force_login(world.worker_a)
    response = client.post("/projects/new/", form_data(world, planned_end="2024-01-01"))
    assert response.status_code == 200
    assert "计划完工日期不能早于计划开工日期" in response.content.decode()
    assert not Project.objects.exists()


def test_its_history_names_what_each_edit_changed(client, world, places):
    project = add_project(world.community_a, "阳光小区改造", actor=world.worker_a)
    client.force_login(world.worker_a)
    data = form_data(world, status="building", compounds=[places["sunny"].pk], description="", version="1")
    client.post(f"/projects/{project.pk}/edit/", data)
    page = client.get(f"/projects/{project.pk}/").content.decode()
    assert "变更：涉及小区、项目状态" in page
    assert project.history.count() == 2


def test_it_refuses_an_edit_made_on_a_stale_copy(client, world):
    project = add_project(world.community_a, "阳光小区改造")
    client.force_login(world.worker_a)
    response = client.post(f"/projects/{project.pk}/edit/", form_data(world, status="building", version="1"))
    assert response.status_code == 302
    response = client.post(f"/projects/{project.pk}/edit/", form_data(world, status="paused", version="1"))
    assert MSG_STALE in response.content.decode()
    assert Project.objects.get().status == ProjectStatus.BUILDING


def test_it_adds_and_completes_milestones_on_the_timeline(client, world):
    project = add_project(world.community_a, "阳光小区改造")
    client.force_login(world.worker_a)
    url = f"/projects/{project.pk}/milestones/new/"
    response = client.post(url, {"name": "竣工验收", "planned_on": "2024-12-31"})
    assert MSG_MILESTONE_OUTSIDE in response.content.decode()
    client.post(url, {"name": "施工招标", "planned_on": "2024-04-20"})
    client.post(url, {"name": "竣工验收", "planned_on": "2024-10-31"})
    tender = Milestone.objects.get(name="施工招标")
    response = client.post(f"/projects/milestones/{tender.pk}/complete/", {"actual_on": "2024-04-25"})
    assert response.status_code == 302
    assert Project.objects.get().progress == 50
    page = client.get(f"/projects/{project.pk}/").content.decode()
    assert "计划 2024年4月20日" in page and "实际 2024年4月25日" in page and "延后5天" in page
    assert "50%（按节点计算）" in page


def test_it_hides_another_communitys_project_and_audits_the_attempt(client, world):
    project = add_project(world.community_b, "河畔小区改造")
    milestone = milestone_add(project=project, name="施工招标", planned_on=date(2024, 4, 20))
    client.force_login(world.worker_a)
    assert client.get(f"/projects/{project.pk}/").status_code == 404
    assert (
        client.post(f"/projects/milestones/{milestone.pk}/complete/", {"actual_on": "2024-04-25"}).status_code
        == 404
    )
    assert AuditLog.objects.filter(event=AuditEvent.OUT_OF_SCOPE, user=world.worker_a).count() == 2
    assert Milestone.objects.get().actual_on is None


def test_it_refuses_writes_to_readers(client, world):
    project = add_project(world.community_a, "阳光小区改造")
    client.force_login(world.leader)
    assert client.post(f"/projects/{project.pk}/edit/", form_data(world, version="1")).status_code == 403
    client.force_login(world.grid_a1_worker)
    assert client.post("/projects/new/", form_data(world)).status_code == 403


def test_the_plan_page_sums_the_years_targets_by_kind(client, world):
    add_project(world.community_a, "阳光小区改造", buildings=6, households=284)
    add_project(
        world.community_b,
        "河畔小区改造",
        buildings=4,
        households=100,
        status=ProjectStatus.COMPLETED,
        planned_start=date(2023, 3, 1),
        completed_on=date(2023, 10, 1),
    )
    add_project(world.community_a, "城发绿园", kind=ProjectKind.KEY, budget=8600000)
    add_project(world.community_a, "去年的改造", plan_year=2023)
    client.force_login(world.leader)
    response = client.get("/projects/plan/", {"year": "2024"})
    groups = {g.kind: g for g in response.context["groups"]}
    renovation = groups[ProjectKind.RENOVATION]
    assert (renovation.count, renovation.completed, renovation.buildings, renovation.households) == (
        2,
        1,
        10,
        384,
    )
    assert str(renovation.completion_rate) == "50.00"
    assert response.context["total"].count == 3
    page = response.content.decode()
    assert "去年的改造" not in page and "城发绿园" in page and "其中500万元以上 1 个" in page


def test_the_plan_defaults_to_next_year(client, world):
    client.force_login(world.leader)
    response = client.get("/projects/plan/")
    assert response.context["year"] == date.today().year + 1
    assert "还没有目标项目" in response.content.decode()


def test_the_plan_exports_its_projects_and_totals(client, world):
    add_project(world.community_a, "阳光小区改造")
    add_project(world.community_b, "河畔小区改造")
    client.force_login(world.worker_a)
    response = client.get("/projects/plan/export.xlsx", {"year": "2024"})
    rows = CalamineWorkbook.from_filelike(io.BytesIO(response.content)).get_sheet_by_index(0).to_python()
    names = [r[1] for r in rows[1:]]
    assert names == ["阳光小区改造", "1个（已完工0个）", "1个（已完工0个）"]  # worker_a's scope only
    assert rows[-1][0] == "合计" and rows[-1][6] == 6
    assert AuditLog.objects.filter(event=AuditEvent.EXPORT, user=world.worker_a).exists()


def test_each_filter_narrows_the_list(client, world):
    add_project(world.community_a, "阳光小区改造", leader=world.leader)
    add_project(world.community_b, "河畔小区改造", plan_year=2025)
    add_project(world.street, "城发绿园", kind=ProjectKind.KEY, status=ProjectStatus.BUILDING)
    client.force_login(world.leader)

    def names(**params):
        response = client.get("/projects/", params)
        return sorted(p.name for p in response.context["page_obj"])

    assert names() == ["城发绿园", "河畔小区改造", "阳光小区改造"]
    assert names(q="河畔") == ["河畔小区改造"]
    assert names(community=world.community_a.pk) == ["阳光小区改造"]
    assert names(leader=world.leader.pk) == ["阳光小区改造"]
    assert names(plan_year="2025") == ["河畔小区改造"]
    assert names(status="building", kind="key") == ["城发绿园"]
    assert names(plan_year="abc") == ["城发绿园", "河畔小区改造", "阳光小区改造"]
