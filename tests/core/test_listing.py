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
