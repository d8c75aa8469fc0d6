//! The words of the pages in English and Dutch. Checklist texts come from the questionnaire
//! model; these are only the application's own words.

use serde_json::{Map, Value};

/// The languages of the application's own words, the default first.
pub const LANGUAGES: &[&str] = &["en", "nl"];

/// (key, English, Dutch).
const WORDS: &[(&str, &str, &str)] = &[
    ("app", "DEI self-assessment", "DEI-zelfevaluatie"),
    ("skip", "Skip to the content", "Naar de inhoud"),
    ("switch", "Nederlands", "English"),
    ("switch_lang", "nl", "en"),
    ("switch_label", "Taal: Nederlands", "Language: English"),
    ("home", "All assessments", "Alle evaluaties"),
    (
        "assessments",
        "Assessments in this folder",
        "Evaluaties in deze map",
    ),
    ("file", "File", "Bestand"),
    ("organisation", "Organisation", "Organisatie"),
    ("period", "Period", "Periode"),
    ("checklist", "Checklist", "Checklist"),
    ("completeness", "Completeness", "Volledigheid"),
    ("level", "Level", "Niveau"),
    ("overall", "Overall score", "Totaalscore"),
    (
        "none_yet",
        "No assessments in this folder yet.",
        "Nog geen evaluaties in deze map.",
    ),
    ("unreadable", "cannot be read", "kan niet worden gelezen"),
    ("new", "New assessment", "Nieuwe evaluatie"),
    (
        "new_intro",
        "Start from a checklist, or from the answers of an earlier period (answers and evidence are carried over; fill in the new period and who assessed).",
        "Begin met een checklist, of met de antwoorden van een eerdere periode (antwoorden en bewijs worden overgenomen; vul de nieuwe periode en de invullers in).",
    ),
    (
        "from",
        "Start from an earlier period (optional)",
        "Begin met een eerdere periode (optioneel)",
    ),
    ("from_none", "No: start empty", "Nee: begin leeg"),
    ("org_name", "Organisation name", "Naam van de organisatie"),
    (
        "org_name_hint",
        "Not needed when you start from an earlier period.",
        "Niet nodig als u met een eerdere periode begint.",
    ),
    (
        "period_hint",
        "For example 2025, 2025-H2 or 2025-12-01.",
        "Bijvoorbeeld 2025, 2025-H2 of 2025-12-01.",
    ),
    ("assessed_by", "Assessed by", "Ingevuld door"),
    (
        "assessed_by_hint",
        "Names or roles, separated by commas.",
        "Namen of rollen, gescheiden door komma's.",
    ),
    ("create", "Create the assessment", "Evaluatie aanmaken"),
    ("builtin", "Built-in", "Ingebouwd"),
    ("in_folder", "In this folder", "In deze map"),
    ("sections", "Sections", "Onderdelen"),
    ("section", "Section", "Onderdeel"),
    ("answered", "Answered", "Beantwoord"),
    ("score", "Score", "Score"),
    ("open", "Open", "Openen"),
    ("report", "Report", "Rapport"),
    (
        "progress",
        "Progress across periods",
        "Voortgang over periodes",
    ),
    ("downloads", "Downloads", "Downloads"),
    (
        "download_yaml",
        "Answers file (YAML)",
        "Antwoordbestand (YAML)",
    ),
    ("download_html", "Report (HTML)", "Rapport (HTML)"),
    ("download_json", "Scorecard (JSON)", "Scorekaart (JSON)"),
    ("washing", "DEI-washing risk", "Risico op DEI-washing"),
    (
        "not_ours",
        "This file was not written by dei serve. Saving rewrites it in dei serve's layout: its comments and formatting are not kept. A copy of the original is kept first, in the folder .dei-history.",
        "Dit bestand is niet door dei serve geschreven. Opslaan schrijft het opnieuw in de vorm van dei serve: opmerkingen en opmaak blijven niet bewaard. Eerst wordt een kopie van het origineel bewaard, in de map .dei-history.",
    ),
    (
        "adopt",
        "Keep a copy and let me edit this file",
        "Bewaar een kopie en laat mij dit bestand bewerken",
    ),
    (
        "adopted",
        "A copy of the original was kept:",
        "Een kopie van het origineel is bewaard:",
    ),
    (
        "problems_file",
        "This file has problems that must be fixed before it can be edited as a form (follow the link below to fix its text here):",
        "Dit bestand heeft problemen die eerst moeten worden opgelost voordat het als formulier kan worden bewerkt (via de link hieronder herstelt u de tekst hier):",
    ),
    ("save", "Save", "Opslaan"),
    (
        "saved",
        "Saved. The summary shows the new scores.",
        "Opgeslagen. Het overzicht toont de nieuwe scores.",
    ),
    (
        "not_saved",
        "Not saved: correct the fields marked below. What you typed is kept.",
        "Niet opgeslagen: verbeter de velden hieronder. Wat u typte is bewaard.",
    ),
    (
        "conflict",
        "Not saved: someone else saved this file after you opened this page. Their answers are shown next to each question that differs; your own entries are still in the form. Check them and save again.",
        "Niet opgeslagen: iemand anders heeft dit bestand opgeslagen nadat u deze pagina opende. Hun antwoorden staan bij elke vraag die verschilt; uw eigen invoer staat nog in het formulier. Controleer en sla opnieuw op.",
    ),
    (
        "their_answer",
        "Saved by someone else meanwhile:",
        "Intussen door iemand anders opgeslagen:",
    ),
    (
        "must_adopt",
        "Not saved: this file was not written by dei serve. Confirm on the assessment page first.",
        "Niet opgeslagen: dit bestand is niet door dei serve geschreven. Bevestig eerst op de evaluatiepagina.",
    ),
    ("no_answer", "No answer yet", "Nog geen antwoord"),
    ("na", "Not applicable", "Niet van toepassing"),
    (
        "na_reason",
        "Reason it does not apply",
        "Reden waarom het niet van toepassing is",
    ),
    ("evidence", "Evidence", "Bewijs"),
    (
        "evidence_required",
        "Evidence is required: without it the score is capped.",
        "Bewijs is vereist: zonder bewijs wordt de score begrensd.",
    ),
    (
        "evidence_recommended",
        "Evidence is recommended.",
        "Bewijs wordt aanbevolen.",
    ),
    ("evidence_entry", "Evidence entry", "Bewijsstuk"),
    (
        "evidence_new",
        "Add evidence (a link or a document name)",
        "Bewijs toevoegen (een link of documentnaam)",
    ),
    ("remove", "Remove", "Verwijderen"),
    ("comment", "Comment", "Toelichting"),
    ("guidance", "Guidance", "Uitleg"),
    ("answer", "Answer", "Antwoord"),
    ("unit", "Unit", "Eenheid"),
    ("range", "Allowed", "Toegestaan"),
    ("from_to", "from {min} to {max}", "van {min} tot {max}"),
    ("at_least", "at least {min}", "minstens {min}"),
    ("at_most", "at most {max}", "hoogstens {max}"),
    (
        "not_applying",
        "Questions that do not apply (from your answers)",
        "Vragen die niet van toepassing zijn (door uw antwoorden)",
    ),
    ("applies_if", "Applies when:", "Van toepassing als:"),
    (
        "questions_shown",
        "{n} more questions apply now.",
        "{n} vragen zijn nu ook van toepassing.",
    ),
    (
        "questions_hidden",
        "{n} questions no longer apply.",
        "{n} vragen zijn niet meer van toepassing.",
    ),
    ("summary", "Summary", "Overzicht"),
    ("section_score", "Section score", "Score van dit onderdeel"),
    (
        "section_answered",
        "Answered in this section",
        "Beantwoord in dit onderdeel",
    ),
    (
        "problems",
        "Points to look at in this section",
        "Aandachtspunten in dit onderdeel",
    ),
    (
        "no_problems",
        "Nothing to look at in this section.",
        "Geen aandachtspunten in dit onderdeel.",
    ),
    ("p_unanswered", "not answered yet", "nog niet beantwoord"),
    (
        "p_unevidenced",
        "claim without the required evidence (score capped)",
        "claim zonder het vereiste bewijs (score begrensd)",
    ),
    (
        "p_gap",
        "evidence recommended but not given",
        "bewijs aanbevolen maar niet gegeven",
    ),
    ("p_flag", "DEI-washing check", "DEI-washingcontrole"),
    ("previous_section", "Previous section", "Vorig onderdeel"),
    ("next_section", "Next section", "Volgend onderdeel"),
    ("errors_title", "Problems", "Problemen"),
    ("not_found", "Not found", "Niet gevonden"),
    (
        "not_found_text",
        "There is no such page or file in this folder.",
        "Deze pagina of dit bestand bestaat niet in deze map.",
    ),
    ("forbidden", "Refused", "Geweigerd"),
    (
        "csrf_failed",
        "This form is out of date or did not come from this application. Reload the page and try again.",
        "Dit formulier is verouderd of komt niet van deze toepassing. Laad de pagina opnieuw en probeer het nog eens.",
    ),
    (
        "too_few_periods",
        "Progress needs at least two periods of this organisation in this folder.",
        "Voor voortgang zijn minstens twee periodes van deze organisatie in deze map nodig.",
    ),
    (
        "exists",
        "A file with this name exists already: choose another period or organisation name.",
        "Er bestaat al een bestand met deze naam: kies een andere periode of naam.",
    ),
    (
        "name_required",
        "Give the organisation's name, or start from an earlier period.",
        "Geef de naam van de organisatie, of begin met een eerdere periode.",
    ),
    ("period_required", "Give the period.", "Geef de periode."),
    (
        "choose_checklist",
        "Choose a checklist.",
        "Kies een checklist.",
    ),
    // The history of a file and restoring a version.
    ("history", "Earlier versions", "Eerdere versies"),
    (
        "history_intro",
        "Every earlier version of this file is kept in the folder .dei-history. Open one to see it. Restoring a version makes it the current one again; the current version is kept in the history first, so nothing is lost.",
        "Elke eerdere versie van dit bestand wordt bewaard in de map .dei-history. Open een versie om haar te bekijken. Terugzetten maakt haar weer de huidige versie; de huidige versie wordt eerst in de geschiedenis bewaard, dus er gaat niets verloren.",
    ),
    ("version", "Version", "Versie"),
    ("version_current", "Current version", "Huidige versie"),
    ("kept_at", "Kept (UTC)", "Bewaard (UTC)"),
    ("answered_items", "Answered", "Beantwoord"),
    (
        "version_original",
        "the original, as it was before dei serve first rewrote it",
        "het origineel, zoals het was voordat dei serve het voor het eerst herschreef",
    ),
    (
        "no_history",
        "No earlier versions yet.",
        "Nog geen eerdere versies.",
    ),
    ("view", "View", "Bekijken"),
    ("restore", "Restore this version", "Deze versie terugzetten"),
    (
        "restored",
        "Restored. The version it replaced is kept in the history below.",
        "Teruggezet. De versie die is vervangen staat hieronder in de geschiedenis.",
    ),
    ("does_not_validate", "does not validate", "klopt niet"),
    (
        "restore_invalid",
        "Not restored: this version does not validate against its checklist as it is now. Open it, copy what you need, or fix the current file.",
        "Niet teruggezet: deze versie klopt niet met haar checklist zoals die nu is. Open haar, neem over wat u nodig hebt, of herstel het huidige bestand.",
    ),
    (
        "stale",
        "Not saved: this file changed after you opened this page. Look at it again and repeat what you did.",
        "Niet opgeslagen: dit bestand is gewijzigd nadat u deze pagina opende. Bekijk het opnieuw en herhaal wat u deed.",
    ),
    (
        "confirm_foreign",
        "This file was not written by dei serve: keep a copy of it in .dei-history and replace it",
        "Dit bestand is niet door dei serve geschreven: bewaar een kopie in .dei-history en vervang het",
    ),
    (
        "must_confirm",
        "Not saved: this file was not written by dei serve. Tick the box to keep a copy of it and replace it.",
        "Niet opgeslagen: dit bestand is niet door dei serve geschreven. Vink het vakje aan om een kopie te bewaren en het te vervangen.",
    ),
    (
        "file_text",
        "The file's text (YAML)",
        "De tekst van het bestand (YAML)",
    ),
    // The assessment's details.
    (
        "edit_details",
        "Edit the details (organisation, period, goals)",
        "Gegevens bewerken (organisatie, periode, doelen)",
    ),
    (
        "details",
        "Details of the assessment",
        "Gegevens van de evaluatie",
    ),
    (
        "org_id",
        "Organisation id (optional)",
        "Id van de organisatie (optioneel)",
    ),
    (
        "org_id_hint",
        "A stable id: progress links the periods of one organisation by it, even when the name changes.",
        "Een vaste id: voortgang koppelt de periodes van een organisatie daarmee, ook als de naam verandert.",
    ),
    (
        "org_keys",
        "Facts about the organisation",
        "Gegevens over de organisatie",
    ),
    (
        "org_keys_intro",
        "The checklist's conditions read these (for example which questions apply). A number, true or false, or a text; leave a field empty to remove it.",
        "De voorwaarden van de checklist lezen deze (bijvoorbeeld welke vragen van toepassing zijn). Een getal, true of false, of een tekst; laat een veld leeg om het te verwijderen.",
    ),
    ("goals", "Goals", "Doelen"),
    (
        "goals_intro",
        "The level each section aims for (optional).",
        "Het niveau dat elk onderdeel nastreeft (optioneel).",
    ),
    ("no_goal", "No goal", "Geen doel"),
    ("details_saved", "Saved.", "Opgeslagen."),
    (
        "details_not_saved",
        "Not saved: correct what is listed below. What you typed is kept.",
        "Niet opgeslagen: verbeter wat hieronder staat. Wat u typte is bewaard.",
    ),
    // Renaming a file.
    ("rename", "Rename", "Hernoemen"),
    ("rename_label", "File name", "Bestandsnaam"),
    (
        "rename_hint",
        "Letters, digits, - _ and . only. Its earlier versions move with it.",
        "Alleen letters, cijfers, - _ en . De eerdere versies gaan mee.",
    ),
    (
        "rename_bad",
        "Not renamed: a file name has letters, digits, - _ and . only, and does not start with a dot.",
        "Niet hernoemd: een bestandsnaam heeft alleen letters, cijfers, - _ en . en begint niet met een punt.",
    ),
    (
        "rename_taken",
        "Not renamed: a file with this name exists already (or its history does).",
        "Niet hernoemd: er bestaat al een bestand met deze naam (of de geschiedenis ervan).",
    ),
    // Fixing a file that does not validate.
    ("fix", "Fix this file", "Dit bestand herstellen"),
    (
        "fix_intro",
        "This file does not validate, so it cannot be opened as a form. Correct its text below: saving checks it first, and the text it replaces is kept in the history.",
        "Dit bestand klopt niet en kan daarom niet als formulier worden geopend. Verbeter de tekst hieronder: opslaan controleert haar eerst, en de tekst die wordt vervangen blijft bewaard in de geschiedenis.",
    ),
    (
        "fix_valid",
        "This file validates: open it as a form.",
        "Dit bestand klopt: open het als formulier.",
    ),
    (
        "fix_not_saved",
        "Not saved: the text still has the problems listed above. What you typed is kept.",
        "Niet opgeslagen: de tekst heeft nog de problemen hierboven. Wat u typte is bewaard.",
    ),
    ("fix_save", "Check and save", "Controleren en opslaan"),
    (
        "not_answers",
        "This is a checklist or a tailoring, not an answers file.",
        "Dit is een checklist of een aanpassing, geen antwoordbestand.",
    ),
    ("line", "line", "regel"),
    // Evidence type and date.
    ("evidence_type", "Type", "Soort"),
    ("evidence_type_none", "No type", "Geen soort"),
    ("evidence_date", "Date", "Datum"),
    (
        "evidence_date_hint",
        "The month (YYYY-MM) or day (YYYY-MM-DD) it is from.",
        "De maand (JJJJ-MM) of dag (JJJJ-MM-DD) waarvan het is.",
    ),
    ("ev_document", "Document", "Document"),
    ("ev_minutes", "Minutes or decision", "Notulen of besluit"),
    ("ev_data", "Data or figures", "Gegevens of cijfers"),
    ("ev_survey", "Survey", "Enquête"),
    ("ev_external", "External review", "Externe beoordeling"),
    ("ev_other", "Other", "Anders"),
    (
        "bad_evidence_date",
        "The evidence date {date} is not a month (YYYY-MM) or a day (YYYY-MM-DD), such as 2025-03.",
        "De datum van het bewijs {date} is geen maand (JJJJ-MM) of dag (JJJJ-MM-DD), zoals 2025-03.",
    ),
    (
        "bad_evidence_type",
        "{type} is not an evidence type.",
        "{type} is geen soort bewijs.",
    ),
    (
        "evidence_needs_text",
        "An evidence entry with a type or date needs a text (a link or a document name).",
        "Een bewijsstuk met een soort of datum heeft een tekst nodig (een link of documentnaam).",
    ),
    ("unscored", "not scored", "geen score"),
    ("yes", "yes", "ja"),
    ("none", "none", "geen"),
];

/// The words in `language` (English unless it is Dutch) as a map for the templates.
pub fn words(language: &str) -> Value {
    let dutch = dei_core::is_dutch(language);
    let map: Map<String, Value> = WORDS
        .iter()
        .map(|(key, en, nl)| {
            (
                (*key).to_owned(),
                Value::from(if dutch { *nl } else { *en }),
            )
        })
        .collect();
    Value::Object(map)
}

/// One word in `language`.
pub fn word(language: &str, key: &str) -> &'static str {
    WORDS
        .iter()
        .find(|(k, _, _)| *k == key)
        .map_or(
            "",
            |(_, en, nl)| {
                if dei_core::is_dutch(language) { nl } else { en }
            },
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every key the handlers ask for exists (an unknown key would show as an empty text), and
    /// every word has a Dutch text.
    #[test]
    fn every_word_asked_for_exists_in_both_languages() {
        for (key, en, nl) in WORDS {
            assert!(!en.is_empty() && !nl.is_empty(), "{key}");
        }
        let sources = [
            include_str!("pages.rs"),
            include_str!("files.rs"),
            include_str!("form.rs"),
        ];
        let mut asked = 0;
        for source in sources {
            for part in source.split("word(").skip(1) {
                // `word(lang, "key")`, `word(&lang, "key")`: the first string literal.
                let Some((before, rest)) = part.split_once('"') else {
                    continue;
                };
                if before.contains(')') || before.contains('\n') {
                    continue;
                }
                let key = rest.split('"').next().unwrap_or_default();
                if key.contains('{') {
                    // A key made with `format!`: checked below.
                    continue;
                }
                asked += 1;
                assert!(
                    WORDS.iter().any(|(k, _, _)| *k == key),
                    "unknown word {key}"
                );
            }
        }
        assert!(asked > 40, "{asked}");
        for id in dei_core::evidence::EVIDENCE_TYPES {
            assert!(!word("nl", &format!("ev_{id}")).is_empty(), "{id}");
        }
    }
}
