from django.test import RequestFactory

from jiedao.core.listing import CappedPaginator, paginate
from jiedao.core.models import Area


def test_it_counts_up_to_the_cap_only(world, django_assert_num_queries):
    paginator = CappedPaginator(Area.objects.all(), 2)
    paginator.cap = 3
    assert (paginator.count, paginator.capped, paginator.num_pages) == (4, True, 2)
    small = CappedPaginator(Area.objects.communities(), 2)
    assert (small.count, small.capped) == (2, False)


def test_it_keeps_the_other_filters_in_page_links(world):
    request = RequestFactory().get("/areas/", {"level": "grid", "page": "2", "q": "网格"})
    context = paginate(request, Area.objects.all(), per_page=2)
    assert context["query_string"] == "level=grid&q=%E7%BD%91%E6%A0%BC"
    assert context["page_obj"].number == 2


def test_a_deep_page_is_found_by_its_ids_in_the_lists_order(world, monkeypatch, django_assert_num_queries):
    monkeypatch.setattr("jiedao.core.listing.DEEP_PAGE_OFFSET", 2)
    areas = Area.objects.select_related("parent").order_by("-path")
    page = CappedPaginator(areas, 2).page(2)
    assert isinstance(page.object_list, list)  # fetched by id (a shallow page is a lazy slice)
    assert list(page.object_list) == list(areas[2:4])
    with django_assert_num_queries(0):  # the related objects came along
        assert all(area.parent for area in page.object_list)
    last = CappedPaginator(areas, 4).page(2)
    assert list(last.object_list) == list(areas[4:])


def test_a_deep_page_of_values_is_sliced_as_usual(world, monkeypatch):
    monkeypatch.setattr("jiedao.core.listing.DEEP_PAGE_OFFSET", 2)
    names = Area.objects.order_by("path").values("pk", "name")
    assert list(CappedPaginator(names, 2).page(2).object_list) == list(names[2:4])
