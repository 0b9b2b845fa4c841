from django.urls import reverse


def test_the_workbench_shows_roles_scope_and_modules(client, world):
    client.force_login(world.worker_a)
    page = client.get(reverse("workbench")).content.decode()
    assert "社区工作者" in page and "社区A" in page
    assert reverse("area_list") in page
    assert reverse("audit_list") not in page  # only the auditor may open the audit log
    assert "社区B" not in page


def test_the_workbench_of_an_auditor_offers_the_audit_log(client, world):
    client.force_login(world.auditor)
    page = client.get(reverse("workbench")).content.decode()
    assert reverse("audit_list") in page and reverse("area_list") not in page


def test_the_area_list_filters_and_stays_in_scope(client, world):
    client.force_login(world.worker_a)
    response = client.get(reverse("area_list"), {"level": "grid"})
    names = [a.name for a in response.context["page_obj"]]
    assert names == ["网格A1", "网格A2"]
    response = client.get(reverse("area_list"), {"q": "A2"})
    assert [a.name for a in response.context["page_obj"]] == ["网格A2"]


def test_the_area_list_rejects_a_bad_filter_with_a_message(client, world):
    client.force_login(world.leader)
    response = client.get(reverse("area_list"), {"level": "planet"})
    assert response.status_code == 200
    assert response.context["filter_form"].errors["level"]


def test_the_area_detail_lists_children_and_staff(client, world):
    client.force_login(world.leader)
    page = client.get(reverse("area_detail", args=[world.community_a.pk])).content.decode()
    assert "网格A1" in page and "网格A2" in page and "李社工" in page


def test_the_audit_list_filters_by_event(client, world):
    client.force_login(world.worker_a)
    client.get(reverse("audit_list"))  # denied: leaves a permission_denied row
    client.force_login(world.auditor)
    response = client.get(reverse("audit_list"), {"event": "permission_denied"})
    rows = list(response.context["page_obj"])
    assert [r.username for r in rows] == ["worker_a"]


def test_the_menu_groups_modules_and_marks_the_most_specific_one_active(client, world):
    client.force_login(world.leader)
    response = client.get(reverse("activity_totals"))
    items = response.context["nav_items"]
    # 活动统计 (activity_totals) and 活动台账 (activity_) both match the view name; the longer prefix wins.
    assert [i["label"] for i in items if i["active"]] == ["活动统计"]
    assert {i["group"] for i in items} >= {"工单", "基础信息", "台账", "党建廉政"}
    page = response.content.decode()
    assert page.index(">台账<") < page.index("活动台账") < page.index(">党建廉政<")
    response = client.get(reverse("party_honour_list"))
    assert [i["label"] for i in response.context["nav_items"] if i["active"]] == ["荣誉"]
    # An auditor's menu holds no ledgers at all.
    client.force_login(world.auditor)
    labels = [i["label"] for i in client.get(reverse("workbench")).context["nav_items"]]
    assert "活动台账" not in labels and "廉政" not in labels
