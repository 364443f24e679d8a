"""Wordings of terse news summaries that the rules once proposed no event for (issue 13): plural raids
told in a simple tense, counted runs, territory taken, troops entering, exercises, charges and bans,
resignations, and a sentence's first word left unlemmatised. Our own sentences."""

from __future__ import annotations

import pytest
from spacy.language import Language

from marsad.extract import extract
from marsad.records import Article, Mention
from marsad.resolve import load_actor_names

pytestmark = pytest.mark.model


def _mentions(nlp: Language, text: str) -> list[Mention]:
    article = Article(id="a_recall", title="", body=text, published="2026-03-02")
    return list(extract(nlp(text), article, actors=load_actor_names()).mentions)


def _types(nlp: Language, text: str) -> set[str]:
    return {m.plover_type for m in _mentions(nlp, text)}


@pytest.mark.parametrize(
    "text",
    [
        "The coalition launches airstrikes on rebel positions near Marib.",
        "Government jets carried out strikes against a training camp in the north.",
    ],
)
def test_plural_strikes_told_in_a_simple_tense_with_a_target_are_one_raid(nlp: Language, text: str) -> None:
    assert "ASSAULT" in _types(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "The militia has carried out attacks on convoys since May.",
        "Carrying out attacks against aid workers is a war crime, the agency said.",
    ],
)
def test_habitual_or_running_attacks_stay_generic(nlp: Language, text: str) -> None:
    assert "ASSAULT" not in _types(nlp, text)


def test_an_uncounted_run_of_explosions_is_one_event(nlp: Language) -> None:
    assert "ASSAULT" in _types(nlp, "Several explosions are heard over the port of Aden.")


def test_a_first_word_left_unlemmatised_still_triggers(nlp: Language) -> None:
    assert "ASSAULT" in _types(nlp, "Clashes erupt between two armed factions in the old quarter of Sabha.")


@pytest.mark.parametrize(
    "text",
    [
        "Rebel fighters captured Kalehe on Tuesday.",
        "Tribal fighters took control of the village of Tal Hamis after a night of fighting.",
    ],
)
def test_territory_taken_by_armed_groups(nlp: Language, text: str) -> None:
    subs = {m.acled_sub_event_type for m in _mentions(nlp, text) if m.plover_type == "ASSAULT"}
    assert "Non-state actor overtakes territory" in subs


def test_control_gained_is_an_assault(nlp: Language) -> None:
    text = "The army says it has gained control of the settlement of Nova Poltavka."
    assert "ASSAULT" in _types(nlp, text)


def test_troops_entering_a_town_are_mobilized(nlp: Language) -> None:
    assert "MOBILIZE" in _types(nlp, "Army troops and armoured vehicles entered the town of Saraqib.")


def test_a_crowd_entering_a_square_is_no_deployment(nlp: Language) -> None:
    assert "MOBILIZE" not in _types(nlp, "Thousands of shoppers entered the new mall on Friday.")


def test_military_exercises_and_joint_exercises(nlp: Language) -> None:
    assert "MOBILIZE" in _types(nlp, "The navy holds large military exercises off the southern coast.")
    assert "COOPERATE" in _types(nlp, "The two navies began a joint exercise in the Red Sea on Monday.")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Prosecutors charged the former governor with embezzlement.", "ACCUSE"),
        ("A grand jury indicts the former mayor of the port city.", "ACCUSE"),
        ("The foreign ministry summoned the Dutch ambassador on Sunday.", "ACCUSE"),
        ("The government barred two foreign reporters from entering the country.", "SANCTION"),
        ("Washington designated the militia a terrorist organisation on Thursday.", "SANCTION"),
        ("The ministry revoked the visas of four visiting officials.", "SANCTION"),
        ("The interior minister resigned on Monday.", "CONCEDE"),
        ("Two police officers were wounded in a shootout with smugglers near the border.", "ASSAULT"),
        ("Air defences downed a drone over the capital.", "ASSAULT"),
    ],
)
def test_lexicon_words_of_news_summaries(nlp: Language, text: str, kind: str) -> None:
    assert kind in _types(nlp, text)


def test_a_headings_offensive_is_no_event(nlp: Language) -> None:
    """An offensive named as a topic (a summary's heading) is not one begun; "began an offensive" is."""
    assert "ASSAULT" not in _types(nlp, "2025 Southern offensive, intervention in the civil war")
    assert "ASSAULT" in _types(nlp, "The army began an offensive into the northern hills on Sunday.")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("A rocket hits and damages a school in Kharkiv.", "ASSAULT"),
        ("A naval drone wounds four sailors near Sevastopol.", "ASSAULT"),
        ("A tribunal in Dhaka sentences two former ministers to life in prison.", "SANCTION"),
    ],
)
def test_a_headline_verb_the_parser_took_for_a_plural_noun_is_read_as_a_verb(
    nlp: Language, text: str, kind: str
) -> None:
    assert kind in _types(nlp, text)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("The regional court issues an arrest warrant for the former governor of Jigawa.", "ACCUSE"),
        ("The Constitutional Court rules that the emergency decree is unlawful.", "SANCTION"),
        ("The European Union lifts sanctions on the central bank of Syria.", "CONCEDE"),
        ("The appeals court overturns the conviction of an opposition leader.", "CONCEDE"),
        ("Hamas returns the bodies of two hostages to Israel.", "CONCEDE"),
        ("The parliament elects a former judge as president.", "SUPPORT"),
        ("The new prime minister is sworn in at the presidential palace in Dakar.", "SUPPORT"),
        ("Authorities evacuate 3,000 residents from villages near the front line.", "AID"),
        ("The two sides exchange 150 prisoners of war in Istanbul.", "COOPERATE"),
    ],
)
def test_warrants_rulings_lifted_sanctions_appointments_evacuations_and_exchanges(
    nlp: Language, text: str, kind: str
) -> None:
    assert kind in _types(nlp, text)


def test_a_newly_elected_official_is_a_description(nlp: Language) -> None:
    assert "SUPPORT" not in _types(nlp, "The newly elected mayor of Gaziantep said the city would recover.")


def test_what_a_demand_names_is_wanted_not_reported(nlp: Language) -> None:
    text = "The protesters' demands include dissolving parliament and appointing a caretaker cabinet."
    assert "SUPPORT" not in _types(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "Cold War history, Border conflicts of the Sahel",
        "Israeli attacks on hospitals in Gaza, Killings of journalists",
    ],
)
def test_a_verbless_list_of_topics_reports_no_event(nlp: Language, text: str) -> None:
    article = Article(id="a_topics", title="", body=text, published="2026-03-02")
    result = extract(nlp(text), article, actors=load_actor_names())
    assert not result.mentions
    assert any("list of topics" in r.reason for r in result.rejections)


def test_a_verbless_sentence_with_a_full_stop_is_not_a_list_of_topics(nlp: Language) -> None:
    text = "Israeli attacks on hospitals in Gaza."
    article = Article(id="a_topics", title="", body=text, published="2026-03-02")
    result = extract(nlp(text), article, actors=load_actor_names())
    assert not any("list of topics" in r.reason for r in result.rejections)


@pytest.mark.parametrize(
    "text",
    [
        "Border guards capture two smugglers near Tessalit.",
        "The escaped convict is captured by police in a flat in Mombasa.",
        "Special forces capture a senior member of the cell in a dawn raid.",
    ],
)
def test_a_person_captured_is_an_arrest(nlp: Language, text: str) -> None:
    assert any(m.plover_type == "COERCE" and m.plover_mode == "arrest" for m in _mentions(nlp, text))


def test_a_town_captured_is_still_taken_territory(nlp: Language) -> None:
    kinds = _types(nlp, "Rebels capture the town of Kidal from the army.")
    assert "ASSAULT" in kinds
    assert "COERCE" not in kinds


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("The finance ministry announces a 40% tariff on cars imported from Korea.", "SANCTION"),
        ("Prosecutors open an investigation into the collapse of the dam near Derna.", "ACCUSE"),
        ("The ministry reports the interception of four rockets fired at Haifa.", "ASSAULT"),
    ],
)
def test_tariffs_investigations_and_interceptions(nlp: Language, text: str, kind: str) -> None:
    assert kind in _types(nlp, text)


def test_an_investigation_without_its_object_is_no_event(nlp: Language) -> None:
    assert "ACCUSE" not in _types(nlp, "The investigation is expected to take several months.")


def test_a_bare_verb_after_a_plural_subject_is_a_verb(nlp: Language) -> None:
    # the parser takes "meet" for a noun heading the sentence, with the leaders as its subject
    text = "The Kenyan president and the Ugandan prime minister meet in Kampala to discuss the border."
    assert "CONSULT" in _types(nlp, text)


def test_a_designation_as_a_terrorist_organization(nlp: Language) -> None:
    text = "The interior ministry designates the Mountain Brigade as a Foreign Terrorist Organization."
    assert "SANCTION" in _types(nlp, text)


@pytest.mark.parametrize(
    "text",
    [
        "A court in Lyon sentences a former guard to 20 years in prison for killing two inmates.",
        "A man previously charged with stabbing a neighbour is arrested in Leeds.",
    ],
)
def test_the_act_a_court_judges_is_a_recalled_event(nlp: Language, text: str) -> None:
    attacks = [m for m in _mentions(nlp, text) if m.plover_type == "ASSAULT"]
    assert attacks
    assert all(m.background for m in attacks)
    others = [m for m in _mentions(nlp, text) if m.plover_type != "ASSAULT"]
    assert others
    assert not any(m.background for m in others)


@pytest.mark.parametrize(
    "text",
    [
        "Students rally outside the ministry in Rabat against the airstrikes.",
        "Dockworkers walk off the job in Genoa to protest the arms shipment's deployment.",
        "Hundreds of protesters march through Tunis over the killing of a journalist.",
    ],
)
def test_what_a_protest_is_against_is_not_news_of_its_own(nlp: Language, text: str) -> None:
    types = _types(nlp, text)
    assert "PROTEST" in types and types <= {"PROTEST"}


def test_a_dated_happening_a_protest_answers_stays_an_event(nlp: Language) -> None:
    text = "Hundreds protest in Tunis over the killing of a journalist in an airstrike on 3 March."
    assert {"PROTEST", "ASSAULT"} <= _types(nlp, text)


def test_last_and_a_month_name_dates_a_recalled_event(nlp: Language) -> None:
    text = "The court sentences four men arrested during riots in Sfax last October."
    riots = [m for m in _mentions(nlp, text) if m.trigger == "riots"]
    assert riots and all(m.background for m in riots)


@pytest.mark.parametrize(
    "text",
    [
        "The defence minister orders the army to secure the crossing near Rafah.",
        "The president orders 400 more troops to the northern border.",
    ],
)
def test_an_order_that_sets_forces_in_motion_is_a_mobilisation(nlp: Language, text: str) -> None:
    assert "MOBILIZE" in _types(nlp, text)


def test_an_order_to_no_force_is_no_mobilisation(nlp: Language) -> None:
    assert "MOBILIZE" not in _types(nlp, "A judge orders the release of the two reporters.")


def test_a_projectile_sent_at_a_target_tells_the_attack(nlp: Language) -> None:
    """ "the rockets fired at the port": the participle describes the projectile and where it was sent."""
    assert "ASSAULT" in _types(nlp, "The navy says it intercepted all the rockets launched at the port city.")


def test_a_projectile_a_participle_only_describes_tells_no_attack(nlp: Language) -> None:
    assert "ASSAULT" not in _types(nlp, "The museum shows the rockets launched during the space race.")


def test_a_deed_an_accusation_dates_by_its_own_day_happened(nlp: Language) -> None:
    """ "accusing them of bombing the depot yesterday": who did it is alleged, the bombing is the recalled
    happening the follow-up names (a background mention, as a charged noun is)."""
    found = _mentions(
        nlp, "Police detain three men, accusing them of bombing the fuel depot in Westfield yesterday."
    )
    bombings = [m for m in found if m.plover_type == "ASSAULT"]
    assert bombings and all(m.background for m in bombings)


def test_a_deed_an_accusation_does_not_date_stays_its_content(nlp: Language) -> None:
    found = _mentions(nlp, "Police detain three men, accusing them of bombing a fuel depot.")
    assert "ASSAULT" not in {m.plover_type for m in found}
