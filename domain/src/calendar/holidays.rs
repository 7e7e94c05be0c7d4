//! Public holidays, computed on the server from yearly rules run through the same `rrule` engine
//! as events (BYEASTER for the movable feasts). Names are in the region's own language.

use chrono::{Datelike, NaiveDate, TimeZone};
use rrule::{RRule, Unvalidated};

pub struct Holiday {
    pub name: &'static str,
    /// An RRULE without DTSTART; the yearly rule of the holiday.
    pub rule: &'static str,
}

pub struct Region {
    pub code: &'static str,
    pub name: &'static str,
    pub holidays: &'static [Holiday],
}

macro_rules! h {
    ($name:expr, $rule:expr) => {
        Holiday {
            name: $name,
            rule: $rule,
        }
    };
}

const NEW_YEAR: &str = "FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=1";
const GOOD_FRIDAY: &str = "FREQ=YEARLY;BYEASTER=-2";
const EASTER_MONDAY: &str = "FREQ=YEARLY;BYEASTER=1";
const ASCENSION: &str = "FREQ=YEARLY;BYEASTER=39";
const WHIT_MONDAY: &str = "FREQ=YEARLY;BYEASTER=50";
const CORPUS_CHRISTI: &str = "FREQ=YEARLY;BYEASTER=60";
const MAY_DAY: &str = "FREQ=YEARLY;BYMONTH=5;BYMONTHDAY=1";
const ASSUMPTION: &str = "FREQ=YEARLY;BYMONTH=8;BYMONTHDAY=15";
const ALL_SAINTS: &str = "FREQ=YEARLY;BYMONTH=11;BYMONTHDAY=1";
const CHRISTMAS: &str = "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=25";
const ST_STEPHEN: &str = "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=26";
const EPIPHANY: &str = "FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=6";
const IMMACULATE: &str = "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=8";
const SWISS_NATIONAL: &str = "FREQ=YEARLY;BYMONTH=8;BYMONTHDAY=1";
const BERCHTOLD: &str = "FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=2";
/// The Monday after the third Sunday of September.
const FAST_MONDAY: &str = "FREQ=YEARLY;BYMONTH=9;BYDAY=MO;BYMONTHDAY=16,17,18,19,20,21,22";
/// The Thursday after the first Sunday of September.
const GENEVA_FAST: &str = "FREQ=YEARLY;BYMONTH=9;BYDAY=TH;BYMONTHDAY=5,6,7,8,9,10,11";
const ST_JOSEPH: &str = "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=19";
/// Glarus remembers the battle of Näfels on the first Thursday of April.
const NAEFELS: &str = "FREQ=YEARLY;BYMONTH=4;BYDAY=TH;BYMONTHDAY=1,2,3,4,5,6,7";
const BRUDER_KLAUS: &str = "FREQ=YEARLY;BYMONTH=9;BYMONTHDAY=25";
/// The Jura's vote for a canton of its own, 23 June 1974.
const JURA_PLEBISCITE: &str = "FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=23";

// Cantons whose holidays are the same share one list.
const ZH_SH_TG: &[Holiday] = &[
    h!("Neujahr", NEW_YEAR),
    h!("Berchtoldstag", BERCHTOLD),
    h!("Karfreitag", GOOD_FRIDAY),
    h!("Ostermontag", EASTER_MONDAY),
    h!("Tag der Arbeit", MAY_DAY),
    h!("Auffahrt", ASCENSION),
    h!("Pfingstmontag", WHIT_MONDAY),
    h!("Bundesfeier", SWISS_NATIONAL),
    h!("Weihnachten", CHRISTMAS),
    h!("Stephanstag", ST_STEPHEN),
];

const BS_BL: &[Holiday] = &[
    h!("Neujahr", NEW_YEAR),
    h!("Karfreitag", GOOD_FRIDAY),
    h!("Ostermontag", EASTER_MONDAY),
    h!("Tag der Arbeit", MAY_DAY),
    h!("Auffahrt", ASCENSION),
    h!("Pfingstmontag", WHIT_MONDAY),
    h!("Bundesfeier", SWISS_NATIONAL),
    h!("Weihnachten", CHRISTMAS),
    h!("Stephanstag", ST_STEPHEN),
];

const LU_ZG_AG: &[Holiday] = &[
    h!("Neujahr", NEW_YEAR),
    h!("Berchtoldstag", BERCHTOLD),
    h!("Karfreitag", GOOD_FRIDAY),
    h!("Ostermontag", EASTER_MONDAY),
    h!("Auffahrt", ASCENSION),
    h!("Pfingstmontag", WHIT_MONDAY),
    h!("Fronleichnam", CORPUS_CHRISTI),
    h!("Bundesfeier", SWISS_NATIONAL),
    h!("Mariä Himmelfahrt", ASSUMPTION),
    h!("Allerheiligen", ALL_SAINTS),
    h!("Mariä Empfängnis", IMMACULATE),
    h!("Weihnachten", CHRISTMAS),
    h!("Stephanstag", ST_STEPHEN),
];

const UR_SZ: &[Holiday] = &[
    h!("Neujahr", NEW_YEAR),
    h!("Dreikönigstag", EPIPHANY),
    h!("Josefstag", ST_JOSEPH),
    h!("Karfreitag", GOOD_FRIDAY),
    h!("Ostermontag", EASTER_MONDAY),
    h!("Auffahrt", ASCENSION),
    h!("Pfingstmontag", WHIT_MONDAY),
    h!("Fronleichnam", CORPUS_CHRISTI),
    h!("Bundesfeier", SWISS_NATIONAL),
    h!("Mariä Himmelfahrt", ASSUMPTION),
    h!("Allerheiligen", ALL_SAINTS),
    h!("Mariä Empfängnis", IMMACULATE),
    h!("Weihnachten", CHRISTMAS),
    h!("Stephanstag", ST_STEPHEN),
];

const AR_GR: &[Holiday] = &[
    h!("Neujahr", NEW_YEAR),
    h!("Karfreitag", GOOD_FRIDAY),
    h!("Ostermontag", EASTER_MONDAY),
    h!("Auffahrt", ASCENSION),
    h!("Pfingstmontag", WHIT_MONDAY),
    h!("Bundesfeier", SWISS_NATIONAL),
    h!("Weihnachten", CHRISTMAS),
    h!("Stephanstag", ST_STEPHEN),
];

pub const REGIONS: &[Region] = &[
    Region {
        code: "CH-ZH",
        name: "Zürich",
        holidays: ZH_SH_TG,
    },
    Region {
        code: "CH-BE",
        name: "Bern",
        holidays: &[
            h!("Neujahr", NEW_YEAR),
            h!("Berchtoldstag", BERCHTOLD),
            h!("Karfreitag", GOOD_FRIDAY),
            h!("Ostermontag", EASTER_MONDAY),
            h!("Auffahrt", ASCENSION),
            h!("Pfingstmontag", WHIT_MONDAY),
            h!("Bundesfeier", SWISS_NATIONAL),
            h!("Weihnachten", CHRISTMAS),
            h!("Stephanstag", ST_STEPHEN),
        ],
    },
    Region {
        code: "CH-BS",
        name: "Basel-Stadt",
        holidays: BS_BL,
    },
    Region {
        code: "CH-LU",
        name: "Luzern",
        holidays: LU_ZG_AG,
    },
    Region {
        code: "CH-VD",
        name: "Vaud",
        holidays: &[
            h!("Nouvel An", NEW_YEAR),
            h!("Saint-Berchtold", BERCHTOLD),
            h!("Vendredi saint", GOOD_FRIDAY),
            h!("Lundi de Pâques", EASTER_MONDAY),
            h!("Ascension", ASCENSION),
            h!("Lundi de Pentecôte", WHIT_MONDAY),
            h!("Fête nationale", SWISS_NATIONAL),
            h!("Lundi du Jeûne fédéral", FAST_MONDAY),
            h!("Noël", CHRISTMAS),
        ],
    },
    Region {
        code: "CH-GE",
        name: "Genève",
        holidays: &[
            h!("Nouvel An", NEW_YEAR),
            h!("Vendredi saint", GOOD_FRIDAY),
            h!("Lundi de Pâques", EASTER_MONDAY),
            h!("Ascension", ASCENSION),
            h!("Lundi de Pentecôte", WHIT_MONDAY),
            h!("Fête nationale", SWISS_NATIONAL),
            h!("Jeûne genevois", GENEVA_FAST),
            h!("Noël", CHRISTMAS),
            h!(
                "Restauration de la République",
                "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=31"
            ),
        ],
    },
    Region {
        code: "CH-NE",
        name: "Neuchâtel",
        holidays: &[
            h!("Nouvel An", NEW_YEAR),
            h!(
                "Instauration de la République",
                "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=1"
            ),
            h!("Vendredi saint", GOOD_FRIDAY),
            h!("Lundi de Pâques", EASTER_MONDAY),
            h!("Ascension", ASCENSION),
            h!("Lundi de Pentecôte", WHIT_MONDAY),
            h!("Fête nationale", SWISS_NATIONAL),
            h!("Noël", CHRISTMAS),
        ],
    },
    Region {
        code: "CH-FR",
        name: "Fribourg",
        holidays: &[
            h!("Nouvel An", NEW_YEAR),
            h!("Vendredi saint", GOOD_FRIDAY),
            h!("Ascension", ASCENSION),
            h!("Fête-Dieu", CORPUS_CHRISTI),
            h!("Fête nationale", SWISS_NATIONAL),
            h!("Assomption", ASSUMPTION),
            h!("Toussaint", ALL_SAINTS),
            h!("Immaculée Conception", IMMACULATE),
            h!("Noël", CHRISTMAS),
        ],
    },
    Region {
        code: "CH-VS",
        name: "Valais",
        holidays: &[
            h!("Nouvel An", NEW_YEAR),
            h!("Saint-Joseph", "FREQ=YEARLY;BYMONTH=3;BYMONTHDAY=19"),
            h!("Ascension", ASCENSION),
            h!("Fête-Dieu", CORPUS_CHRISTI),
            h!("Fête nationale", SWISS_NATIONAL),
            h!("Assomption", ASSUMPTION),
            h!("Toussaint", ALL_SAINTS),
            h!("Immaculée Conception", IMMACULATE),
            h!("Noël", CHRISTMAS),
        ],
    },
    Region {
        code: "CH-TI",
        name: "Ticino",
        holidays: &[
            h!("Capodanno", NEW_YEAR),
            h!("Epifania", EPIPHANY),
            h!("San Giuseppe", ST_JOSEPH),
            h!("Lunedì di Pasqua", EASTER_MONDAY),
            h!("Festa del lavoro", MAY_DAY),
            h!("Ascensione", ASCENSION),
            h!("Lunedì di Pentecoste", WHIT_MONDAY),
            h!("Corpus Domini", CORPUS_CHRISTI),
            h!("San Pietro e Paolo", "FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=29"),
            h!("Festa nazionale", SWISS_NATIONAL),
            h!("Assunzione", ASSUMPTION),
            h!("Ognissanti", ALL_SAINTS),
            h!("Immacolata", IMMACULATE),
            h!("Natale", CHRISTMAS),
            h!("Santo Stefano", ST_STEPHEN),
        ],
    },
    Region {
        code: "CH-UR",
        name: "Uri",
        holidays: UR_SZ,
    },
    Region {
        code: "CH-SZ",
        name: "Schwyz",
        holidays: UR_SZ,
    },
    Region {
        code: "CH-OW",
        name: "Obwalden",
        holidays: &[
            h!("Neujahr", NEW_YEAR),
            h!("Berchtoldstag", BERCHTOLD),
            h!("Karfreitag", GOOD_FRIDAY),
            h!("Ostermontag", EASTER_MONDAY),
            h!("Auffahrt", ASCENSION),
            h!("Pfingstmontag", WHIT_MONDAY),
            h!("Fronleichnam", CORPUS_CHRISTI),
            h!("Bundesfeier", SWISS_NATIONAL),
            h!("Mariä Himmelfahrt", ASSUMPTION),
            h!("Bruder Klaus", BRUDER_KLAUS),
            h!("Allerheiligen", ALL_SAINTS),
            h!("Mariä Empfängnis", IMMACULATE),
            h!("Weihnachten", CHRISTMAS),
            h!("Stephanstag", ST_STEPHEN),
        ],
    },
    Region {
        code: "CH-NW",
        name: "Nidwalden",
        holidays: &[
            h!("Neujahr", NEW_YEAR),
            h!("Josefstag", ST_JOSEPH),
            h!("Karfreitag", GOOD_FRIDAY),
            h!("Ostermontag", EASTER_MONDAY),
            h!("Auffahrt", ASCENSION),
            h!("Pfingstmontag", WHIT_MONDAY),
            h!("Fronleichnam", CORPUS_CHRISTI),
            h!("Bundesfeier", SWISS_NATIONAL),
            h!("Mariä Himmelfahrt", ASSUMPTION),
            h!("Allerheiligen", ALL_SAINTS),
            h!("Mariä Empfängnis", IMMACULATE),
            h!("Weihnachten", CHRISTMAS),
            h!("Stephanstag", ST_STEPHEN),
        ],
    },
    Region {
        code: "CH-GL",
        name: "Glarus",
        holidays: &[
            h!("Neujahr", NEW_YEAR),
            h!("Berchtoldstag", BERCHTOLD),
            h!("Näfelser Fahrt", NAEFELS),
            h!("Karfreitag", GOOD_FRIDAY),
            h!("Ostermontag", EASTER_MONDAY),
            h!("Auffahrt", ASCENSION),
            h!("Pfingstmontag", WHIT_MONDAY),
            h!("Bundesfeier", SWISS_NATIONAL),
            h!("Allerheiligen", ALL_SAINTS),
            h!("Weihnachten", CHRISTMAS),
            h!("Stephanstag", ST_STEPHEN),
        ],
    },
    Region {
        code: "CH-ZG",
        name: "Zug",
        holidays: LU_ZG_AG,
    },
    Region {
        code: "CH-SO",
        name: "Solothurn",
        holidays: &[
            h!("Neujahr", NEW_YEAR),
            h!("Berchtoldstag", BERCHTOLD),
            h!("Karfreitag", GOOD_FRIDAY),
            h!("Ostermontag", EASTER_MONDAY),
            h!("Tag der Arbeit", MAY_DAY),
            h!("Auffahrt", ASCENSION),
            h!("Pfingstmontag", WHIT_MONDAY),
            h!("Fronleichnam", CORPUS_CHRISTI),
            h!("Bundesfeier", SWISS_NATIONAL),
            h!("Mariä Himmelfahrt", ASSUMPTION),
            h!("Allerheiligen", ALL_SAINTS),
            h!("Weihnachten", CHRISTMAS),
            h!("Stephanstag", ST_STEPHEN),
        ],
    },
    Region {
        code: "CH-BL",
        name: "Basel-Landschaft",
        holidays: BS_BL,
    },
    Region {
        code: "CH-SH",
        name: "Schaffhausen",
        holidays: ZH_SH_TG,
    },
    Region {
        code: "CH-AR",
        name: "Appenzell Ausserrhoden",
        holidays: AR_GR,
    },
    Region {
        code: "CH-AI",
        name: "Appenzell Innerrhoden",
        holidays: &[
            h!("Neujahr", NEW_YEAR),
            h!("Karfreitag", GOOD_FRIDAY),
            h!("Ostermontag", EASTER_MONDAY),
            h!("Auffahrt", ASCENSION),
            h!("Pfingstmontag", WHIT_MONDAY),
            h!("Fronleichnam", CORPUS_CHRISTI),
            h!("Bundesfeier", SWISS_NATIONAL),
            h!("Mariä Himmelfahrt", ASSUMPTION),
            h!("Allerheiligen", ALL_SAINTS),
            h!("Mariä Empfängnis", IMMACULATE),
            h!("Weihnachten", CHRISTMAS),
            h!("Stephanstag", ST_STEPHEN),
        ],
    },
    Region {
        code: "CH-SG",
        name: "St. Gallen",
        holidays: &[
            h!("Neujahr", NEW_YEAR),
            h!("Karfreitag", GOOD_FRIDAY),
            h!("Ostermontag", EASTER_MONDAY),
            h!("Auffahrt", ASCENSION),
            h!("Pfingstmontag", WHIT_MONDAY),
            h!("Bundesfeier", SWISS_NATIONAL),
            h!("Allerheiligen", ALL_SAINTS),
            h!("Weihnachten", CHRISTMAS),
            h!("Stephanstag", ST_STEPHEN),
        ],
    },
    Region {
        code: "CH-GR",
        name: "Graubünden",
        holidays: AR_GR,
    },
    Region {
        code: "CH-AG",
        name: "Aargau",
        holidays: LU_ZG_AG,
    },
    Region {
        code: "CH-TG",
        name: "Thurgau",
        holidays: ZH_SH_TG,
    },
    Region {
        code: "CH-JU",
        name: "Jura",
        holidays: &[
            h!("Nouvel An", NEW_YEAR),
            h!("Saint-Berchtold", BERCHTOLD),
            h!("Vendredi saint", GOOD_FRIDAY),
            h!("Lundi de Pâques", EASTER_MONDAY),
            h!("Fête du travail", MAY_DAY),
            h!("Ascension", ASCENSION),
            h!("Lundi de Pentecôte", WHIT_MONDAY),
            h!("Fête-Dieu", CORPUS_CHRISTI),
            h!("Commémoration du plébiscite", JURA_PLEBISCITE),
            h!("Fête nationale", SWISS_NATIONAL),
            h!("Assomption", ASSUMPTION),
            h!("Toussaint", ALL_SAINTS),
            h!("Noël", CHRISTMAS),
        ],
    },
    Region {
        code: "FR",
        name: "France",
        holidays: &[
            h!("Jour de l'An", NEW_YEAR),
            h!("Lundi de Pâques", EASTER_MONDAY),
            h!("Fête du Travail", MAY_DAY),
            h!("Victoire 1945", "FREQ=YEARLY;BYMONTH=5;BYMONTHDAY=8"),
            h!("Ascension", ASCENSION),
            h!("Lundi de Pentecôte", WHIT_MONDAY),
            h!("Fête nationale", "FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=14"),
            h!("Assomption", ASSUMPTION),
            h!("Toussaint", ALL_SAINTS),
            h!("Armistice 1918", "FREQ=YEARLY;BYMONTH=11;BYMONTHDAY=11"),
            h!("Noël", CHRISTMAS),
        ],
    },
    Region {
        code: "DE",
        name: "Deutschland",
        holidays: &[
            h!("Neujahr", NEW_YEAR),
            h!("Karfreitag", GOOD_FRIDAY),
            h!("Ostermontag", EASTER_MONDAY),
            h!("Tag der Arbeit", MAY_DAY),
            h!("Christi Himmelfahrt", ASCENSION),
            h!("Pfingstmontag", WHIT_MONDAY),
            h!(
                "Tag der Deutschen Einheit",
                "FREQ=YEARLY;BYMONTH=10;BYMONTHDAY=3"
            ),
            h!("1. Weihnachtstag", CHRISTMAS),
            h!("2. Weihnachtstag", ST_STEPHEN),
        ],
    },
    Region {
        code: "IT",
        name: "Italia",
        holidays: &[
            h!("Capodanno", NEW_YEAR),
            h!("Epifania", EPIPHANY),
            h!("Lunedì dell'Angelo", EASTER_MONDAY),
            h!(
                "Festa della Liberazione",
                "FREQ=YEARLY;BYMONTH=4;BYMONTHDAY=25"
            ),
            h!("Festa del Lavoro", MAY_DAY),
            h!(
                "Festa della Repubblica",
                "FREQ=YEARLY;BYMONTH=6;BYMONTHDAY=2"
            ),
            h!("Ferragosto", ASSUMPTION),
            h!("Ognissanti", ALL_SAINTS),
            h!("Immacolata Concezione", IMMACULATE),
            h!("Natale", CHRISTMAS),
            h!("Santo Stefano", ST_STEPHEN),
        ],
    },
    Region {
        code: "ES",
        name: "España",
        holidays: &[
            h!("Año Nuevo", NEW_YEAR),
            h!("Epifanía del Señor", EPIPHANY),
            h!("Viernes Santo", GOOD_FRIDAY),
            h!("Fiesta del Trabajo", MAY_DAY),
            h!("Asunción de la Virgen", ASSUMPTION),
            h!(
                "Fiesta Nacional de España",
                "FREQ=YEARLY;BYMONTH=10;BYMONTHDAY=12"
            ),
            h!("Todos los Santos", ALL_SAINTS),
            h!(
                "Día de la Constitución",
                "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=6"
            ),
            h!("Inmaculada Concepción", IMMACULATE),
            h!("Navidad", CHRISTMAS),
        ],
    },
    Region {
        code: "AT",
        name: "Österreich",
        holidays: &[
            h!("Neujahr", NEW_YEAR),
            h!("Heilige Drei Könige", EPIPHANY),
            h!("Ostermontag", EASTER_MONDAY),
            h!("Staatsfeiertag", MAY_DAY),
            h!("Christi Himmelfahrt", ASCENSION),
            h!("Pfingstmontag", WHIT_MONDAY),
            h!("Fronleichnam", CORPUS_CHRISTI),
            h!("Mariä Himmelfahrt", ASSUMPTION),
            h!("Nationalfeiertag", "FREQ=YEARLY;BYMONTH=10;BYMONTHDAY=26"),
            h!("Allerheiligen", ALL_SAINTS),
            h!("Mariä Empfängnis", IMMACULATE),
            h!("Christtag", CHRISTMAS),
            h!("Stefanitag", ST_STEPHEN),
        ],
    },
    Region {
        code: "BE",
        name: "Belgique / België",
        holidays: &[
            h!("Nouvel An / Nieuwjaar", NEW_YEAR),
            h!("Lundi de Pâques / Paasmaandag", EASTER_MONDAY),
            h!("Fête du Travail / Dag van de Arbeid", MAY_DAY),
            h!("Ascension / O.L.H. Hemelvaart", ASCENSION),
            h!("Lundi de Pentecôte / Pinkstermaandag", WHIT_MONDAY),
            h!(
                "Fête nationale / Nationale feestdag",
                "FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=21"
            ),
            h!("Assomption / O.L.V. Hemelvaart", ASSUMPTION),
            h!("Toussaint / Allerheiligen", ALL_SAINTS),
            h!(
                "Armistice / Wapenstilstand",
                "FREQ=YEARLY;BYMONTH=11;BYMONTHDAY=11"
            ),
            h!("Noël / Kerstmis", CHRISTMAS),
        ],
    },
];

pub fn region(code: &str) -> Option<&'static Region> {
    REGIONS.iter().find(|r| r.code.eq_ignore_ascii_case(code))
}

/// The region's holidays falling on days in `[from, to)`, by date.
pub fn between(region: &Region, from: NaiveDate, to: NaiveDate) -> Vec<(NaiveDate, &'static str)> {
    let mut out = Vec::new();
    let Some(start) =
        NaiveDate::from_ymd_opt(from.year() - 1, 1, 1).and_then(|d| d.and_hms_opt(0, 0, 0))
    else {
        return out;
    };
    let dtstart = rrule::Tz::UTC.from_utc_datetime(&start);
    for h in region.holidays {
        let Ok(rule) = h.rule.parse::<RRule<Unvalidated>>() else {
            continue;
        };
        let Ok(set) = rule.build(dtstart) else {
            continue;
        };
        for t in &set {
            let day = t.date_naive();
            if day >= to {
                break;
            }
            if day >= from {
                out.push((day, h.name));
            }
        }
    }
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn every_rule_parses() {
        for r in REGIONS {
            for h in r.holidays {
                assert!(
                    h.rule.parse::<RRule<Unvalidated>>().is_ok(),
                    "{} {}",
                    r.code,
                    h.name
                );
            }
        }
    }

    #[test]
    fn easter_2027_feasts_and_the_vaud_fast_monday() {
        let vd = region("ch-vd").unwrap();
        let days = between(vd, d("2027-01-01"), d("2028-01-01"));
        let find = |name: &str| days.iter().find(|(_, n)| *n == name).map(|(d, _)| *d);
        // Easter 2027 is 28 March.
        assert_eq!(find("Vendredi saint"), Some(d("2027-03-26")));
        assert_eq!(find("Lundi de Pâques"), Some(d("2027-03-29")));
        assert_eq!(find("Ascension"), Some(d("2027-05-06")));
        assert_eq!(find("Lundi de Pentecôte"), Some(d("2027-05-17")));
        // Third Sunday of September 2027 is the 19th.
        assert_eq!(find("Lundi du Jeûne fédéral"), Some(d("2027-09-20")));
        assert_eq!(days.len(), vd.holidays.len());
    }

    #[test]
    fn geneva_fast_is_the_thursday_after_the_first_sunday() {
        let ge = region("CH-GE").unwrap();
        let days = between(ge, d("2026-09-01"), d("2026-10-01"));
        // First Sunday of September 2026 is the 6th.
        assert_eq!(days, vec![(d("2026-09-10"), "Jeûne genevois")]);
    }

    #[test]
    fn every_swiss_canton_has_its_holidays() {
        let cantons: Vec<&str> = REGIONS
            .iter()
            .filter_map(|r| r.code.strip_prefix("CH-"))
            .collect();
        let mut sorted = cantons.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), 26, "{cantons:?}");
        for r in REGIONS.iter().filter(|r| r.code.starts_with("CH-")) {
            assert!(
                r.holidays.iter().any(|h| h.rule == SWISS_NATIONAL),
                "{} keeps the 1st of August",
                r.code
            );
        }
        let gl = region("CH-GL").expect("Glarus");
        let days = between(gl, d("2027-04-01"), d("2027-04-30"));
        assert!(
            days.contains(&(d("2027-04-01"), "Näfelser Fahrt")),
            "{days:?}"
        );
    }
}
