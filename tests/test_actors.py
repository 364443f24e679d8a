"""Resolution of actor names against the packaged knowledge base."""

from __future__ import annotations

import pytest

from marsad.records import ActorRef
from marsad.resolve.actors import KnowledgeBase, load_kb


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_kb()


NUJ = "Harakat al-Nujaba"
PMF = "Popular Mobilization Forces"
SAIDI = "Mushtaq Taleb al-Saidi"
US_MIL = "Military Forces of the United States"
US_GOV = "Government of the United States"
LB_MIL = "Military Forces of Lebanon"
LB_GOV = "Government of Lebanon"
SY_POLICE = "Police Forces of Syria (2024-)"
SY_GOV = "Government of Syria (2024-)"
SY_INTEL = "General Intelligence Service of Syria (2024-)"
IRGC = "Islamic Revolutionary Guard Corps"
IE_GOV = "Government of Ireland"
SY_MOI = "Ministry of Interior of Syria (2024-)"
IQ_POLICE = "Police Forces of Iraq"
AAH = "Asaib Ahl al-Haq"

# (text as written, event date, country hint, expected canonical name, expected org, expected parent)
# fmt: off
CASES = [
    # the person -> organisation -> parent chain of the seed article
    ("Abu Taqwa", "2024-01-04", None, SAIDI, NUJ, PMF),
    ("Abou Taqwa", "2024-01-04", None, SAIDI, NUJ, PMF),
    ("abu taqwa", None, None, SAIDI, NUJ, PMF),
    ("Mushtaq Talib al-Saeedi", "2024-01-04", None, SAIDI, NUJ, None),
    # killed on 2024-01-04, still reported as a Nujaba member afterwards
    ("Abu Taqwa", "2024-02-01", None, SAIDI, NUJ, None),
    (NUJ, None, None, NUJ, NUJ, PMF),
    ("al-Nujaba", None, None, NUJ, NUJ, None),
    ("Harakat el-Nujaba", None, None, NUJ, NUJ, None),
    ("a local commander of the al-Nujaba", None, "IQ", NUJ, NUJ, None),
    ("armed members of the al-Nujaba", None, None, NUJ, NUJ, None),
    ("Akram al-Kaabi", None, None, "Akram al-Kaabi", NUJ, PMF),
    ("Sheikh Akram al-Ka'abi", None, None, "Akram al-Kaabi", NUJ, None),
    ("PMF", None, None, PMF, PMF, None),
    ("Popular Mobilization Force statement", None, None, PMF, None, None),
    ("Hashd al-Shaabi", None, None, PMF, None, None),
    ("Informed sources to Asharq Al-Awsat (citing the PMF)", None, None, PMF, None, None),
    # Kais/Qais and the AAH family
    ("Qais al-Khazali", None, None, "Qais al-Khazali", AAH, PMF),
    ("Kais al-Khazali", None, None, "Qais al-Khazali", AAH, None),
    ("Qais al Khazali", None, None, "Qais al-Khazali", AAH, None),
    ("Asa'ib Ahl al-Haq", None, None, AAH, AAH, PMF),
    ("Sadiqoun bloc", None, None, "Sadiqoun bloc", AAH, None),
    ("MP Hassan Salem", None, None, "Hassan Salem", AAH, None),
    ("Kataib Hezbollah", None, None, "Kataib Hezbollah", "Kataib Hezbollah", PMF),
    ("Kata'ib Hizbullah", None, None, "Kataib Hezbollah", "Kataib Hezbollah", None),
    ("Badr Organisation", None, None, "Badr Organization", "Badr Organization", PMF),
    ("Hadi al-Amiri", None, None, "Hadi al-Ameri", "Badr Organization", None),
    ("Kataib Sayyid al-Shuhada", None, None, "Kataib Sayyid al-Shuhada", None, PMF),
    ("Islamic Resistance in Iraq", None, None, "Islamic Resistance in Iraq", None, None),
    ("Ammar al-Hakim", None, None, "Ammar al-Hakim", "Hikma Movement", "Coordination Framework"),
    ("National Wisdom Movement", None, None, "Hikma Movement", "Hikma Movement", None),
    ("Hoquq bloc", None, None, "Hoquq bloc", "Kataib Hezbollah", None),
    # Hizbullah/Hezbollah, Lebanon
    ("Hizbullah", None, None, "Hezbollah", "Hezbollah", None),
    ("Hizballah", None, None, "Hezbollah", "Hezbollah", None),
    ("the Hezbollah", None, None, "Hezbollah", "Hezbollah", None),
    ("Hezbollah fighters", None, None, "Hezbollah", "Hezbollah", None),
    ("Hezbollah MP Hussein Ezzedine", None, None, "Hussein Ezzedine", "Hezbollah", None),
    ("Hussein Ezzeddine", None, None, "Hussein Ezzedine", "Hezbollah", None),
    ("Loyalty to the Resistance bloc", None, None, "Loyalty to the Resistance bloc", "Hezbollah", None),
    ("Radwan Force", None, None, "Radwan Force", "Hezbollah", None),
    ("Naim Qassem", "2025-01-01", None, "Naim Qassem", "Hezbollah", None),
    ("Lebanese army", None, None, LB_MIL, LB_MIL, LB_GOV),
    ("the Lebanese government", None, None, LB_GOV, LB_GOV, "Lebanon"),
    # change of office: Lebanon's prime minister
    ("Lebanese Prime Minister", "2024-06-01", None, "Najib Mikati", LB_GOV, None),
    ("the Lebanese premier", "2025-06-01", None, "Nawaf Salam", LB_GOV, None),
    ("PM Nawaf Salam", "2026-01-05", None, "Nawaf Salam", LB_GOV, None),
    ("Najib Miqati", "2024-06-01", None, "Najib Mikati", LB_GOV, None),
    # Joseph Aoun: army commander, then president (first listed valid role wins on the day of the change)
    ("Joseph Aoun", "2023-05-01", None, "Joseph Aoun", LB_MIL, None),
    ("Joseph Aoun", "2025-01-09", None, "Joseph Aoun", LB_GOV, None),
    # Syria before and after 8 December 2024
    ("Bashar al-Assad", "2023-01-01", None, "Bashar al-Assad", "Government of Syria (2000-2024)", "Syria"),
    ("Syrian President", "2023-01-01", None, "Bashar al-Assad", None, None),
    ("Syrian President", "2025-06-01", None, "Ahmed al-Sharaa", SY_GOV, None),
    ("Abu Mohammed al-Jolani", "2020-01-01", None, "Ahmed al-Sharaa", "Hayat Tahrir al-Sham", None),
    ("Abu Muhammad al-Golani", "2025-06-01", None, "Ahmed al-Sharaa", SY_GOV, None),
    ("Syrian army", "2020-01-01", None, "Military Forces of Syria (2000-2024)", None, None),
    ("Syrian army", "2025-06-01", None, "Military Forces of Syria (2024-)", None, None),
    ("Syrian Interior Ministry", "2025-12-01", None, SY_MOI, SY_POLICE, SY_GOV),
    ("Interior Minister Anas Khattab", "2025-12-01", None, "Anas Khattab", SY_POLICE, None),
    ("Anas Khattab", "2025-01-10", None, "Anas Khattab", SY_INTEL, None),
    ("Police Forces of Syria", "2026-01-05", None, SY_POLICE, None, None),
    ("Coastal Shield Brigade", None, None, "Coastal Shield Brigade", "Coastal Shield Brigade", None),
    ("Miqdad Fteiha", None, None, "Miqdad Fteiha", "Coastal Shield Brigade", None),
    ("Lieutenant Abbas cell", None, None, "Lieutenant Abbas cell", None, "Coastal Shield Brigade"),
    ("HTS", None, None, "Hayat Tahrir al-Sham", None, None),
    ("SDF", None, None, "Syrian Democratic Forces", None, None),
    ("YPG", None, None, "People's Protection Units", None, "Syrian Democratic Forces"),
    ("Syrian National Army", None, None, "Syrian National Army", None, None),
    # the United States: spokespeople and the Pentagon act for the military
    ("the Pentagon", None, None, "United States Department of Defense", US_MIL, US_GOV),
    ("Maj. Gen. Patrick Ryder", "2024-01-04", None, "Patrick Ryder", US_MIL, None),
    ("Pentagon (Maj. Gen. Patrick Ryder)", "2024-01-04", None, "Patrick Ryder", US_MIL, None),
    ("the US military", None, None, US_MIL, None, None),
    ("U.S. forces", None, None, US_MIL, None, None),
    ("CENTCOM", None, None, US_MIL, None, None),
    ("US", None, None, "United States", "United States", None),
    ("Washington", None, None, "United States", None, None),
    ("American", None, None, "United States", None, None),
    ("US Secretary of State", "2024-03-01", None, "Antony Blinken", US_GOV, None),
    ("US Secretary of State", "2025-03-01", None, "Marco Rubio", US_GOV, None),
    ("US President", "2024-03-01", None, "Joe Biden", None, None),
    ("US President", "2025-03-01", None, "Donald Trump", None, None),
    ("US ambassador Michel Issa", "2026-01-05", None, "Michel Issa", "United States", None),
    # Israel, Palestine
    ("Israeli army", None, None, "Military Forces of Israel", None, None),
    ("IDF", None, None, "Military Forces of Israel", None, None),
    ("Israel Defense Forces", None, None, "Military Forces of Israel", None, None),
    ("Israel", None, None, "Israel", "Israel", None),
    ("Israel Katz", "2025-03-01", None, "Israel Katz", "Military Forces of Israel", None),
    ("Israel Katz", "2024-06-01", None, "Israel Katz", "Government of Israel", None),
    ("Hamas", None, None, "Hamas", "Hamas", None),
    ("al-Qassam Brigades", None, None, "Al-Qassam Brigades", "Hamas", None),
    ("Izz al-Din al-Qassam Brigades", None, None, "Al-Qassam Brigades", "Hamas", None),
    ("Hamas political bureau member Mohammed Nazzal", None, None, "Mohammed Nazzal", "Hamas", None),
    ("Khalil al-Hayya", None, None, "Khalil al-Hayya", "Hamas", None),
    ("Palestinian Islamic Jihad", None, None, "Palestinian Islamic Jihad", None, None),
    ("Saraya al-Quds", None, None, "Al-Quds Brigades", "Palestinian Islamic Jihad", None),
    # Egypt, Ireland, the quintet ambassadors
    ("Badr Abdelatty", "2026-01-05", None, "Badr Abdelatty", "Government of Egypt", "Egypt"),
    ("Badr Abdel Aty", "2026-01-05", None, "Badr Abdelatty", "Government of Egypt", None),
    ("Egyptian Foreign Minister", "2023-01-01", None, "Sameh Shoukry", None, None),
    ("Egyptian Foreign Minister", "2025-01-01", None, "Badr Abdelatty", None, None),
    ("Irish Foreign Minister Helen McEntee", "2026-01-12", None, "Helen McEntee", IE_GOV, None),
    ("Saudi ambassador Waleed al-Bukhari", None, None, "Waleed al-Bukhari", "Saudi Arabia", None),
    ("Walid Bukhari", None, None, "Waleed al-Bukhari", "Saudi Arabia", None),
    ("French ambassador Hervé Magro", None, None, "Herve Magro", "France", None),
    ("Sheikh Saud bin Abdul Rahman Al Thani", None, None, "Saud bin Abdulrahman Al Thani", "Qatar", None),
    ("Egyptian ambassador Alaa Moussa", None, None, "Alaa Moussa", "Egypt", None),
    # Iraq's government and spokespeople
    ("Mohammed Shia al-Sudani", "2024-01-04", None, "Mohammed Shia al-Sudani", "Government of Iraq", "Iraq"),
    ("Iraqi Prime Minister", "2021-01-01", None, "Mustafa al-Kadhimi", None, None),
    ("Yahya Rasool", None, None, "Yahya Rasool", "Government of Iraq", None),
    ("Iraqi Foreign Ministry", None, None, "Ministry of Foreign Affairs of Iraq", "Government of Iraq", None),
    ("Iraqi police sources", None, None, IQ_POLICE, IQ_POLICE, "Government of Iraq"),
    ("Iraqi police and militia sources", None, None, IQ_POLICE, None, None),
    ("Iraq's army", None, None, "Military Forces of Iraq", None, None),
    ("Military Forces of Iraq (2022-)", None, None, "Military Forces of Iraq", None, None),
    # others
    ("Houthis", None, None, "Ansar Allah", "Ansar Allah", None),
    ("Ansarallah", None, None, "Ansar Allah", None, None),
    ("Huthi rebels", None, None, "Ansar Allah", None, None),
    ("Islamic State", None, None, "Islamic State", "Islamic State", None),
    ("ISIS", None, None, "Islamic State", None, None),
    ("Daesh", None, None, "Islamic State", None, None),
    ("IS-Sinai", None, None, "Islamic State - Sinai Province", None, "Islamic State"),
    ("ISKP", None, None, "Islamic State - Khorasan Province", None, "Islamic State"),
    ("Qais Saied", None, None, "Kais Saied", "Government of Tunisia", None),
    ("Kaïs Saïed", None, None, "Kais Saied", None, None),
    ("Revolutionary Guards", None, None, IRGC, None, "Military Forces of Iran"),
    ("Quds Force", None, None, "Quds Force", None, IRGC),
    ("Qassem Soleimani", "2019-01-01", None, "Qassem Soleimani", "Quds Force", None),
    ("UNIFIL", None, None, "United Nations Interim Force in Lebanon", None, "United Nations"),
    ("UN", None, None, "United Nations", None, None),
    ("Arab League", None, None, "Arab League", None, None),
    ("European Union", None, None, "European Union", None, None),
    ("the US-led coalition", None, None, "Global Coalition against Daesh", None, None),
    ("international coalition", None, None, "Global Coalition against Daesh", None, None),
    ("Coordination Framework", None, None, "Coordination Framework", None, None),
]
# fmt: on


@pytest.mark.parametrize(("text", "on", "hint", "name", "org", "parent"), CASES)
def test_resolve(kb: KnowledgeBase, text: str, on: str | None, hint: str | None, name: str, org: str | None,
                 parent: str | None) -> None:  # fmt: skip
    ref = kb.resolve(text, on=on, country_hint=hint)
    assert ref.resolved, text
    assert ref.text == text
    assert ref.name == name
    if org is not None:
        assert ref.org == org
    if parent is not None:
        assert ref.parent == parent


def test_resolution_fills_type_sector_country(kb: KnowledgeBase) -> None:
    ref = kb.resolve("Abu Taqwa", on="2024-01-04")
    assert ref.actor_id == "p-mushtaq-taleb-al-saidi"
    assert (ref.actor_type, ref.sector, ref.country) == ("Political militia", "UAF", "IQ")
    assert ref.label == "Harakat al-Nujaba"


def test_chain_person_org_parent(kb: KnowledgeBase) -> None:
    (saidi,) = kb.lookup("Abu Taqwa")
    chain = [actor.name for actor in kb.chain(saidi.id, on="2024-01-04")]
    assert chain == ["Mushtaq Taleb al-Saidi", "Harakat al-Nujaba", "Popular Mobilization Forces"]


def test_chain_of_state_forces_reaches_the_state(kb: KnowledgeBase) -> None:
    assert [a.name for a in kb.chain("us-mil")] == [
        "Military Forces of the United States",
        "Government of the United States",
        "United States",
    ]


def test_foreign_forces_are_external_in_another_country(kb: KnowledgeBase) -> None:
    assert kb.resolve("the US military", country_hint="IQ").actor_type == "External/Other forces"
    assert kb.resolve("the US military", country_hint="US").actor_type == "State forces"
    assert kb.resolve("Israeli forces", country_hint="LB").actor_type == "External/Other forces"
    # a government in a diplomatic event stays State forces
    assert kb.resolve("Government of Ireland", country_hint="EG").actor_type == "State forces"


@pytest.mark.parametrize(
    ("text", "hint", "name"),
    [
        ("gunmen", "SY", "Unidentified Armed Group (Syria)"),
        ("unidentified gunmen", "IQ", "Unidentified Armed Group (Iraq)"),
        ("civilians", "IQ", "Civilians (Iraq)"),
        ("protesters", "LB", "Protesters (Lebanon)"),
        ("Syrian civilians", None, "Civilians (Syria)"),
        ("police", "IQ", "Police Forces of Iraq"),
        ("residents of Beirut", "LB", "Civilians (Lebanon)"),
        ("residents of Beirut", None, "Civilians (Lebanon)"),
        ("protesters in Saudi Arabia", None, "Protesters (Saudi Arabia)"),
        ("gunmen in Iraq", None, "Unidentified Armed Group (Iraq)"),
        ("an American official", None, "Government of the United States"),
    ],
)
def test_generic_nouns_use_the_country(kb: KnowledgeBase, text: str, hint: str | None, name: str) -> None:
    assert kb.resolve(text, country_hint=hint).name == name


def test_pro_assad_remnants_after_the_fall(kb: KnowledgeBase) -> None:
    ref = kb.resolve("remnants of the former regime", on="2025-03-07", country_hint="SY")
    assert (ref.name, ref.actor_type) == ("Pro-Assad Militias (Syria)", "Political militia")
    assert kb.resolve("Assad loyalists", on="2025-03-07").name == "Pro-Assad Militias (Syria)"


def test_vehicles_and_strikes_need_a_country_word(kb: KnowledgeBase) -> None:
    assert kb.resolve("an Israeli drone", country_hint="LB").org == "Military Forces of Israel"
    assert not kb.resolve("drones", country_hint="LB").resolved
    assert not kb.resolve("a strike", country_hint="IQ").resolved


@pytest.mark.parametrize(
    ("text", "actor_type"),
    [
        ("unidentified gunmen", "Political militia"),
        ("hundreds of demonstrators", "Protesters"),
        ("local residents", "Civilians"),
        ("tribal fighters from the Shammar", "Identity militia"),
        ("Zorglub Brigades", "Political militia"),
        ("government troops", "State forces"),
        ("Zorglub", None),
    ],
)
def test_unresolved_names_are_kept_and_typed(kb: KnowledgeBase, text: str, actor_type: str | None) -> None:
    ref = kb.resolve(text)
    assert not ref.resolved
    assert ref.text == text
    assert ref.name is None and ref.org is None
    assert ref.actor_type == actor_type


@pytest.mark.parametrize("text", ["us", "is", "said it", ""])
def test_lowercase_words_never_match_acronyms(kb: KnowledgeBase, text: str) -> None:
    assert not kb.resolve(text).resolved


def test_same_actor(kb: KnowledgeBase) -> None:
    assert kb.same_actor("Pentagon", "Military Forces of the United States")
    assert kb.same_actor("Hizbullah", "Hezbollah")
    assert kb.same_actor("Police Forces of Syria", "Police Forces of Syria (2024-)")
    assert kb.same_actor("National Wisdom Movement", "Hikma Movement")
    assert kb.same_actor("Unknown Brigade", "unknown brigade")
    assert not kb.same_actor("Harakat al-Nujaba", "Popular Mobilization Forces")
    assert not kb.same_actor("Hamas", "Palestinian Islamic Jihad")
    assert not kb.same_actor("Zorglub", "Zorglob")


def test_lookup_returns_every_period(kb: KnowledgeBase) -> None:
    names = sorted(a.name for a in kb.lookup("Government of Syria"))
    assert names == ["Government of Syria (2000-2024)", "Government of Syria (2024-)"]
    assert kb.lookup("nobody at all") == []


def test_resolution_is_deterministic(kb: KnowledgeBase) -> None:
    texts = [case[0] for case in CASES]
    first = [kb.resolve(t) for t in texts]
    assert first == [kb.resolve(t) for t in texts]


@pytest.mark.parametrize(
    ("text", "country", "name"),
    [
        ("Beninese soldiers", None, "Military Forces of Benin"),
        ("the Togolese government", None, "Government of Togo"),
        ("Conakry", None, "Guinea"),
        ("Swaziland", None, "eSwatini"),
        ("the Sierra Leone police", None, "Police Forces of Sierra Leone"),
    ],
)
def test_every_sovereign_state_has_its_bodies(
    kb: KnowledgeBase, text: str, country: str | None, name: str
) -> None:
    """States beyond the region (West and Southern Africa, the Caribbean, the Pacific) act in world news."""
    assert kb.resolve(text, country_hint=country).name == name


def test_a_group_of_soldiers_is_the_military_of_the_event_country(kb: KnowledgeBase) -> None:
    ref = kb.resolve_in_role(
        ActorRef(text="54 soldiers"), role="actor2", plover_type="ASSAULT", on="2025-04-20", country_hint="BJ"
    )
    assert ref.label == "Military Forces of Benin"
