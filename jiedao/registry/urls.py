from django.urls import path

from jiedao.registry.views import households, places, residents, stats

urlpatterns = [
    path("residents/", residents.resident_list, name="resident_list"),
    path("residents/new/", residents.resident_create, name="resident_create"),
    path("residents/<int:pk>/", residents.resident_detail, name="resident_detail"),
    path("residents/<int:pk>/reveal/", residents.resident_reveal, name="resident_reveal"),
    path("residents/<int:pk>/edit/", residents.resident_edit, name="resident_edit"),
    path("residents/<int:pk>/transfer/", residents.resident_transfer, name="resident_transfer"),
    path("residents/<int:pk>/leave/", residents.resident_leave, name="resident_leave"),
    path("residents/<int:pk>/tags/", residents.resident_tag_add, name="resident_tag_add"),
    path("residents/<int:pk>/tags/<int:tag_pk>/end/", residents.resident_tag_end, name="resident_tag_end"),
    path("households/", households.household_list, name="household_list"),
    path("households/<int:pk>/", households.household_detail, name="household_detail"),
    path("compounds/", places.compound_list, name="compound_list"),
    path("compounds/new/", places.compound_create, name="compound_create"),
    path("compounds/<int:pk>/", places.compound_detail, name="compound_detail"),
    path("buildings/new/", places.building_create, name="building_create"),
    path("buildings/options/", places.building_options, name="building_options"),
    path("premises/", places.premises_list, name="premises_list"),
    path("premises/new/", places.premises_create, name="premises_create"),
    path("premises/<int:pk>/", places.premises_detail, name="premises_detail"),
    path("population/", stats.population_stats, name="population_stats"),
]
