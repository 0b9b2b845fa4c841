"""Pagination shared by every list page."""

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.db.models.query import ModelIterable
from django.utils.functional import cached_property

PER_PAGE = 50
COUNT_CAP = 2_000
# From this row on, a page is found by its ids first (CappedPaginator.page).
DEEP_PAGE_OFFSET = 500


class CappedPaginator(Paginator):
    """Counts at most `cap + 1` rows (`SELECT COUNT(*) FROM (… LIMIT cap + 1)`), so a list over a million
    residents answers as fast as one over a thousand. Past the cap the page says "2000+" and asks for a
    narrower search; nobody pages through forty pages. (At 10,000 the count was most of the time of a
    grid worker's case list at a million cases: bench/case_bench.py.)"""

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

    def page(self, number):
        """A deep page (past DEEP_PAGE_OFFSET rows) in two steps: the ids of its rows, which an index that
        holds the filtered and ordered columns gives without reading the table (skipping thousands of
        rows costs thousands of table reads otherwise), then those rows with their related objects."""
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        queryset = self.object_list
        if not _of_model_instances(queryset) or bottom < DEEP_PAGE_OFFSET:
            return super().page(number)
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        ids = list(queryset.values_list("pk", flat=True)[bottom:top])
        rows = {row.pk: row for row in queryset.filter(pk__in=ids)}
        return self._get_page([rows[pk] for pk in ids if pk in rows], number, self)


def _of_model_instances(object_list) -> bool:
    """A plain queryset of model instances (not values(), not a union)."""
    return (
        isinstance(object_list, QuerySet)
        and object_list._iterable_class is ModelIterable
        and not object_list.query.combinator
    )


def paginate(request, queryset, per_page: int = PER_PAGE) -> dict:
    """`page_obj` for the requested page and `query_string`: the other GET parameters, for page links."""
    page_obj = CappedPaginator(queryset, per_page).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    return {"page_obj": page_obj, "query_string": params.urlencode()}
