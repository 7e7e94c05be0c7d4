//! The mail benchmark's messages: the same for every run and every server, made from a fixed
//! seed. Business mail in three languages from 500 names, a third of it replies in a thread,
//! one in twenty with a PDF attached; a few words are planted at known rates so the searches
//! measured find a known share of the folder.

/// In one message in a hundred: a rare word to search for.
pub const RARE_WORD: &str = "kangaroo";
/// The family name `from:` looks for: one sender in twenty has it.
pub const ONE_SENDER: &str = "mueller";

const FIRST: [&str; 25] = [
    "Anna", "Ben", "Chloé", "David", "Elena", "Felix", "Giulia", "Hannes", "Inès", "Jonas",
    "Katrin", "Luca", "Marie", "Nils", "Olivia", "Paul", "Quentin", "Rosa", "Simon", "Tanja",
    "Ueli", "Valérie", "Werner", "Xavier", "Yvonne",
];
const LAST: [&str; 20] = [
    "Mueller", "Keller", "Dubois", "Rossi", "Meier", "Weber", "Fontana", "Schmid", "Lefebvre",
    "Huber", "Bianchi", "Frei", "Moreau", "Baumann", "Graf", "Conti", "Roth", "Girard", "Brunner",
    "Lombardi",
];
const DOMAINS: [&str; 5] = [
    "example.org",
    "partner.example",
    "agency.example",
    "client.example",
    "supplier.example",
];
const SUBJECTS: [&str; 24] = [
    "Budget 2027",
    "Offsite planning",
    "Invoice for November",
    "Rapport mensuel",
    "Quartalszahlen",
    "Contract renewal",
    "Réunion de lundi",
    "Lieferung verspätet",
    "New hire onboarding",
    "Website relaunch",
    "Proposta commerciale",
    "Travel expenses",
    "Sprint review notes",
    "Kundenanfrage",
    "Press release draft",
    "Server maintenance window",
    "Facture en attente",
    "Team lunch on Friday",
    "Annual report",
    "Vertragsentwurf",
    "Product roadmap",
    "Support ticket escalation",
    "Marketing campaign results",
    "Board meeting agenda",
];
const WORDS: [&str; 96] = [
    "meeting",
    "project",
    "please",
    "review",
    "attached",
    "document",
    "thanks",
    "schedule",
    "deadline",
    "customer",
    "budget",
    "report",
    "next",
    "week",
    "update",
    "team",
    "call",
    "agenda",
    "proposal",
    "contract",
    "invoice",
    "payment",
    "delivery",
    "order",
    "question",
    "answer",
    "today",
    "tomorrow",
    "morning",
    "afternoon",
    "office",
    "remote",
    "planning",
    "numbers",
    "figures",
    "quarter",
    "sales",
    "marketing",
    "design",
    "release",
    "version",
    "feedback",
    "changes",
    "approved",
    "pending",
    "urgent",
    "reminder",
    "follow",
    "confirm",
    "available",
    "Termin",
    "bitte",
    "Rechnung",
    "Bericht",
    "Woche",
    "morgen",
    "Kunde",
    "Vertrag",
    "Lieferung",
    "Projekt",
    "danke",
    "Besprechung",
    "Zahlen",
    "Angebot",
    "réunion",
    "merci",
    "semaine",
    "projet",
    "facture",
    "client",
    "demain",
    "rapport",
    "livraison",
    "contrat",
    "équipe",
    "budget",
    "offre",
    "questions",
    "réponse",
    "documents",
    "server",
    "database",
    "backup",
    "migration",
    "security",
    "password",
    "access",
    "account",
    "users",
    "license",
    "renewal",
    "support",
    "ticket",
    "issue",
    "resolved",
    "escalation",
];

/// A small PDF, as the one in twenty attachments carries it (base64 in the message).
const PDF_BASE64: &str = "JVBERi0xLjQKMSAwIG9iago8PCAvVHlwZSAvQ2F0YWxvZyA+PgplbmRvYmoKdHJhaWxlcgo8PCAvUm9vdCAxIDAgUiA+PgolJUVPRgo=";

/// xorshift64*: deterministic and dependency-free; statistical quality is beside the point.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// `n` messages to `to`, in delivery order.
pub fn messages(n: usize, to: &str) -> Vec<Vec<u8>> {
    let mut rng = Rng(0x005e_ed0f_4a11);
    let mut subjects: Vec<String> = Vec::with_capacity(n);
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let (first, last) = (FIRST[rng.below(FIRST.len())], LAST[rng.below(LAST.len())]);
        let domain = DOMAINS[rng.below(DOMAINS.len())];
        let local = format!("{}.{}", ascii(first), ascii(last)).to_lowercase();
        let reply_to = (i > 10 && rng.below(3) == 0).then(|| i - 1 - rng.below(10.min(i - 1)));
        let subject = match reply_to {
            Some(parent) => format!("Re: {}", subjects[parent].trim_start_matches("Re: ")),
            None => format!("{} #{}", SUBJECTS[rng.below(SUBJECTS.len())], i % 997),
        };
        subjects.push(subject.clone());
        let mut body = String::new();
        let words = 40 + rng.below(160);
        for w in 0..words {
            body.push_str(WORDS[rng.below(WORDS.len())]);
            body.push(if w % 12 == 11 { '\n' } else { ' ' });
        }
        if i % 100 == 37 {
            body.push_str(&format!("\nThe {RARE_WORD} figures are in.\n"));
        }
        body.push_str(&format!("\n{first} {last}\n"));
        let day = 1 + i % 28;
        let mut head = format!(
            "From: {first} {last} <{local}@{domain}>\r\nTo: <{to}>\r\nSubject: {subject}\r\nDate: Mon, {day} Nov 2026 {:02}:{:02}:00 +0100\r\nMessage-ID: <{i}@bench.example>\r\nMIME-Version: 1.0\r\n",
            i % 24,
            i % 60
        );
        if let Some(parent) = reply_to {
            head.push_str(&format!(
                "In-Reply-To: <{parent}@bench.example>\r\nReferences: <{parent}@bench.example>\r\n"
            ));
        }
        let body = body.replace('\n', "\r\n");
        let message = if i % 20 == 5 {
            format!(
                "{head}Content-Type: multipart/mixed; boundary=\"b{i}\"\r\n\r\n--b{i}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n{body}\r\n--b{i}\r\nContent-Type: application/pdf; name=\"invoice-{i}.pdf\"\r\nContent-Disposition: attachment; filename=\"invoice-{i}.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n{PDF_BASE64}\r\n--b{i}--\r\n"
            )
        } else {
            format!("{head}Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n{body}")
        };
        out.push(message.into_bytes());
    }
    out
}

fn ascii(name: &str) -> String {
    name.replace(['é', 'è'], "e").replace('ç', "c")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_corpus_is_the_same_every_time_and_plants_its_words_at_their_rates() {
        let a = messages(2_000, "anna@bench.example");
        assert_eq!(a, messages(2_000, "anna@bench.example"));
        let count = |needle: &str| {
            a.iter()
                .filter(|m| String::from_utf8_lossy(m).contains(needle))
                .count()
        };
        assert_eq!(count(RARE_WORD), 20);
        assert_eq!(count("invoice-"), 100);
        assert!(count("In-Reply-To") > 500);
        let from_one = count(&format!(".{ONE_SENDER}@"));
        assert!((60..140).contains(&from_one), "{from_one}");
    }
}
