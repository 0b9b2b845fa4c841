"""Party building, integrity and honour indicators (一、基层自身建设)."""

from jiedao.core.figures import Count, CountDistinct, Indicator, register
from jiedao.party.figures import archives, branches_titled, commentators, discipline, honours
from jiedao.party.models import DisciplineKind, HonourKind


def _discipline(code, name, unit, kind, measure):
    return Indicator(
        code,
        name,
        unit,
        f"年内处理方式为“{kind.label}”的执纪记录",
        records=lambda p: discipline(p, kind),
        measure=measure,
        date_field="occurred_on",
    )


# 人: a person counted once however often; 人次: every record.
PEOPLE = CountDistinct("person_name")

register(
    Indicator(
        "party.strong_branches",
        "最强党支部数",
        "个",
        "年度获评“最强党支部”称号的党支部",
        records=branches_titled,
    ),
    _discipline("integrity.admonitions", "诫勉谈话", "人", DisciplineKind.ADMONITION, PEOPLE),
    _discipline("integrity.criticisms", "批评教育", "人", DisciplineKind.CRITICISM, PEOPLE),
    _discipline("integrity.talks", "约谈", "人次", DisciplineKind.TALK, Count()),
    _discipline("integrity.party_warnings", "党内警告处分", "人", DisciplineKind.PARTY_WARNING, PEOPLE),
    Indicator(
        "integrity.archives",
        "廉政档案",
        "人",
        "年内建立的廉政档案",
        records=archives,
        date_field="filed_on",
    ),
    Indicator(
        "publicity.online_commentators",
        "网评员队伍",
        "人",
        "期末在任网评员的工作人员",
        records=commentators,
        measure=CountDistinct("user"),
    ),
    Indicator(
        "org.civilized_communities",
        "市级文明社区",
        "个",
        "年度获评“市级文明社区”的社区",
        records=lambda p: honours(p, HonourKind.CITY_CIVILIZED_COMMUNITY),
    ),
    Indicator(
        "org.civilized_compounds",
        "文明示范小区",
        "个",
        "年度获评“文明示范小区”的小区",
        records=lambda p: honours(p, HonourKind.CIVILIZED_COMPOUND),
    ),
)
