"""Pagination shared by every list page."""

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property

PER_PAGE = 50
COUNT_CAP = 10_000


class CappedPaginator(Paginator):
    """Counts at most `cap + 1` rows (`SELECT COUNT(*) FROM (… LIMIT cap + 1)`), so a list over a million
    residents answers as fast as one over a thousand. Past the cap the page says "10000+" and asks for a
    narrower search; nobody pages through ten thousand rows."""

    cap = COUNT_CAP

    @cached_property
    def count(self) -> int:
        if isinstance(self.object_list, QuerySet):
            # Without the ordering: a sliced count keeps ORDER BY, which would sort every match first.
            return self.object_list.order_by()[: self.cap + 1].count()
        return len(self.object_list)

    @property
    def capped(self) -> bool:
        return self.count > self.cap


def paginate(request, queryset, per_page: int = PER_PAGE) -> dict:
    """`page_obj` for the requested page and `query_string`: the other GET parameters, for page links."""
    page_obj = CappedPaginator(queryset, per_page).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return {"page_obj": page_obj, "query_string": params.urlencode()}
