//! The demo's mail: Demo SA receives mail for `demo.example`, each member has a mailbox with
//! `first.last@demo.example` (their login address as an alias), and a few hundred messages of
//! the last eight weeks: conversations between colleagues in their languages, customers and
//! suppliers writing in, invoices, invitations and cards attached, HTML newsletters with
//! remote images. All of it arrives through the same delivery as real mail.

use super::ACCOUNTS;
use crate::blobs::Blobs;
use crate::error::{DomainError, DomainResult};
use crate::mail::deliver::{deliver, recipient, Recipient};
use crate::mail::model::{FlagChange, FolderRole, MessageSet};
use crate::mail::{accounts, actions, addresses, domains, folders, messages};
use crate::org::Actor;
use crate::store::Db;
use mail_builder::MessageBuilder;

pub const DEMO_MAIL_DOMAIN: &str = "demo.example";

const HOUR: i64 = 3600;
const DAY: i64 = 24 * HOUR;

/// A member as the demo's mail knows them.
struct Member<'a> {
    actor: &'a Actor,
    name: &'static str,
    address: String,
    mailbox: String,
    sent: String,
}

/// One message to write.
struct Letter<'a> {
    from: (&'a str, &'a str),
    to: Vec<(&'a str, &'a str)>,
    subject: String,
    id: String,
    /// The ids of the messages it answers, oldest first.
    refs: Vec<String>,
    at: i64,
    text: String,
    html: Option<String>,
    files: Vec<(&'static str, String, Vec<u8>)>,
}

fn write(letter: &Letter) -> DomainResult<Vec<u8>> {
    let mut message = MessageBuilder::new()
        .from(letter.from)
        .to(letter.to.clone())
        .subject(letter.subject.as_str())
        .message_id(letter.id.as_str())
        .date(letter.at)
        .text_body(letter.text.as_str());
    if let Some(parent) = letter.refs.last() {
        message = message
            .in_reply_to(parent.as_str())
            .references(letter.refs.as_slice());
    }
    if let Some(html) = &letter.html {
        message = message.html_body(html.as_str());
    }
    for (content_type, name, bytes) in &letter.files {
        message = message.attachment(*content_type, name.as_str(), bytes.as_slice());
    }
    message.write_to_vec().map_err(|_| DomainError::Internal)
}

/// Seeds the mail of `members` (Anna, an administrator, first), dated before `now`.
pub(super) async fn seed(
    db: &Db,
    blobs: &Blobs,
    members: [&Actor; 3],
    now: i64,
) -> DomainResult<()> {
    domains::add_domain(db, members[0], DEMO_MAIL_DOMAIN, now).await?;
    let mut people = Vec::new();
    for (actor, account) in members.into_iter().zip(ACCOUNTS) {
        let mailbox = accounts::list_mailboxes(db, actor, now).await?.remove(0);
        addresses::add_alias(db, members[0], &mailbox.id, account.email, now).await?;
        let folders = folders::list_folders(db, actor, &mailbox.id).await?;
        let role = |role| {
            folders
                .iter()
                .find(|f| f.role == Some(role))
                .map(|f| f.id.clone())
                .ok_or(DomainError::NotFound)
        };
        people.push(Member {
            actor,
            name: account.name,
            address: mailbox.address.clone(),
            mailbox: mailbox.id.clone(),
            sent: role(FolderRole::Sent)?,
        });
    }
    let mut seeder = Seeder {
        db,
        blobs,
        people: &people,
        now,
        stored: Vec::new(),
    };
    seeder.conversations().await?;
    seeder.newsletters().await?;
    seeder.correspondence().await?;
    seeder.settle().await
}

struct Seeder<'a> {
    db: &'a Db,
    blobs: &'a Blobs,
    people: &'a [Member<'a>],
    now: i64,
    /// Each stored message: its mailbox, its id, and when it arrived.
    stored: Vec<(usize, String, i64)>,
}

impl<'a> Seeder<'a> {
    /// Delivers `letter` to the members it is written to, and keeps it in the Sent folder of
    /// the member who wrote it.
    async fn send(&mut self, letter: Letter<'_>) -> DomainResult<()> {
        let raw = write(&letter)?;
        let at = letter.at;
        let mut to: Vec<(usize, Recipient)> = Vec::new();
        for (_, address) in &letter.to {
            if let Some(r) = recipient(self.db, address).await? {
                if let Some(i) = self.people.iter().position(|p| p.mailbox == r.mailbox_id) {
                    to.push((i, r));
                }
            }
        }
        let recipients: Vec<Recipient> = to.iter().map(|(_, r)| r.clone()).collect();
        let ids = deliver(self.db, self.blobs, &recipients, raw.clone(), at).await?;
        for ((i, _), id) in to.iter().zip(ids) {
            self.stored.push((*i, id, at));
        }
        if let Some(i) = self.people.iter().position(|p| p.address == letter.from.1) {
            let writer = &self.people[i];
            messages::append_message(
                self.db,
                self.blobs,
                writer.actor,
                &writer.sent,
                raw,
                true,
                at,
            )
            .await?;
        }
        Ok(())
    }

    fn member(&self, i: usize) -> (&'a str, &'a str) {
        let people: &'a [Member<'a>] = self.people;
        (people[i].name, people[i].address.as_str())
    }

    /// Threads between colleagues, and with a customer and an agency.
    async fn conversations(&mut self) -> DomainResult<()> {
        for (t, thread) in CONVERSATIONS.iter().enumerate() {
            let mut refs: Vec<String> = Vec::new();
            for (n, (writer, text)) in thread.messages.iter().enumerate() {
                let from = match writer {
                    Who::Member(i) => self.member(*i),
                    Who::Outside => thread.outsider,
                };
                let mut to: Vec<(&str, &str)> = thread
                    .members
                    .iter()
                    .map(|i| self.member(*i))
                    .filter(|p| p.1 != from.1)
                    .collect();
                if matches!(writer, Who::Member(_)) && !thread.outsider.1.is_empty() {
                    to.push(thread.outsider);
                }
                let id = format!("conversation-{t}-{n}@{DEMO_MAIL_DOMAIN}");
                let subject = if n == 0 {
                    thread.subject.to_owned()
                } else {
                    format!("Re: {}", thread.subject)
                };
                let files = if n == 0 {
                    thread
                        .file
                        .iter()
                        .map(|(t, name, body)| (*t, name.to_string(), body.as_bytes().to_vec()))
                        .collect()
                } else {
                    Vec::new()
                };
                let letter = Letter {
                    from,
                    to,
                    subject,
                    id: id.clone(),
                    refs: refs.clone(),
                    at: self.now - thread.days_ago * DAY + n as i64 * 3 * HOUR,
                    text: text.to_string(),
                    html: None,
                    files,
                };
                self.send(letter).await?;
                refs.push(id);
            }
        }
        Ok(())
    }

    /// Three newsletters, weekly for eight weeks, to everyone: HTML with remote images.
    async fn newsletters(&mut self) -> DomainResult<()> {
        let everyone: Vec<(&str, &str)> = (0..self.people.len()).map(|i| self.member(i)).collect();
        for week in 0..8_i64 {
            for (n, letter) in NEWSLETTERS.iter().enumerate() {
                let issue = 40 + week;
                let at = self.now - (7 * week + n as i64 + 1) * DAY + 6 * HOUR;
                let html = format!(
                    "<table width=\"600\" cellpadding=\"0\" cellspacing=\"0\" style=\"font-family: Arial, sans-serif; color: #222\">\
                     <tr><td style=\"background-color: {color}; padding: 16px; color: #fff\"><h1 style=\"margin: 0\">{title}</h1></td></tr>\
                     <tr><td><img src=\"https://images.{domain}/issue-{issue}/banner.jpg\" width=\"600\" height=\"200\" alt=\"{title}\"></td></tr>\
                     <tr><td style=\"padding: 16px; font-size: 15px; line-height: 1.5\"><p>{intro}</p>\
                     <p><a href=\"https://www.{domain}/issue-{issue}\">{more}</a></p></td></tr>\
                     <tr><td style=\"padding: 16px; font-size: 12px; color: #666\">{footer} <a href=\"https://www.{domain}/unsubscribe\">Unsubscribe</a>\
                     <img src=\"https://track.{domain}/open.gif?issue={issue}\" width=\"1\" height=\"1\" alt=\"\"></td></tr></table>",
                    color = letter.color,
                    title = letter.title,
                    domain = letter.domain,
                    intro = letter.intro,
                    more = letter.more,
                    footer = letter.footer,
                );
                let from_address = format!("news@{}", letter.domain);
                let letter = Letter {
                    from: (letter.sender, &from_address),
                    to: everyone.clone(),
                    subject: format!("{} #{issue}", letter.title),
                    id: format!("issue-{issue}@{}", letter.domain),
                    refs: Vec::new(),
                    at,
                    text: format!("{}\n\n{}", letter.intro, letter.more),
                    html: Some(html),
                    files: Vec::new(),
                };
                self.send(letter).await?;
            }
        }
        Ok(())
    }

    /// Customers, suppliers and services writing in: several of each kind, to each member.
    async fn correspondence(&mut self) -> DomainResult<()> {
        for round in 0..6_i64 {
            for (k, kind) in CORRESPONDENCE.iter().enumerate() {
                for i in 0..self.people.len() {
                    let n = 1000 + round * 37 + k as i64 * 11 + i as i64;
                    let at =
                        self.now - (round * 11 + k as i64 % 9) * DAY - (i as i64 + 1) * 2 * HOUR;
                    let files = match kind.file {
                        Some(File::Invoice) => {
                            vec![("application/pdf", format!("invoice-{n}.pdf"), pdf(n))]
                        }
                        Some(File::Invitation) => vec![(
                            "text/calendar",
                            "invitation.ics".to_owned(),
                            invitation(n, at).into_bytes(),
                        )],
                        Some(File::Card) => vec![(
                            "text/vcard",
                            "lea-martin.vcf".to_owned(),
                            CARD.as_bytes().to_vec(),
                        )],
                        None => Vec::new(),
                    };
                    let to = vec![self.member(i)];
                    let letter = Letter {
                        from: kind.from,
                        to,
                        subject: kind.subject.replace("{n}", &n.to_string()),
                        id: format!(
                            "c-{round}-{k}-{i}@{}",
                            kind.from.1.rsplit('@').next().unwrap_or("example.org")
                        ),
                        refs: Vec::new(),
                        at,
                        text: kind.text.replace("{n}", &n.to_string()),
                        html: None,
                        files,
                    };
                    self.send(letter).await?;
                }
            }
        }
        Ok(())
    }

    /// What is older than two days has been read, and a few messages are starred.
    async fn settle(&self) -> DomainResult<()> {
        for (i, member) in self.people.iter().enumerate() {
            let mine = self.stored.iter().filter(|(m, _, _)| *m == i);
            let old: Vec<String> = mine
                .clone()
                .filter(|(_, _, at)| *at < self.now - 2 * DAY)
                .map(|(_, id, _)| id.clone())
                .collect();
            let read = FlagChange {
                seen: Some(true),
                ..FlagChange::default()
            };
            actions::set_flags(
                self.db,
                member.actor,
                &member.mailbox,
                &MessageSet::Ids(old),
                read,
            )
            .await?;
            let starred: Vec<String> = mine.step_by(17).map(|(_, id, _)| id.clone()).collect();
            let star = FlagChange {
                flagged: Some(true),
                ..FlagChange::default()
            };
            actions::set_flags(
                self.db,
                member.actor,
                &member.mailbox,
                &MessageSet::Ids(starred),
                star,
            )
            .await?;
        }
        Ok(())
    }
}

/// Who writes a message of a conversation.
enum Who {
    Member(usize),
    Outside,
}

struct Conversation {
    subject: &'static str,
    /// The members in it (Anna 0, Ben 1, Chloé 2).
    members: &'static [usize],
    /// Someone outside the organization, or ("", "").
    outsider: (&'static str, &'static str),
    days_ago: i64,
    file: Option<(&'static str, &'static str, &'static str)>,
    messages: &'static [(Who, &'static str)],
}

const CONVERSATIONS: [Conversation; 5] = [
    Conversation {
        subject: "Budget 2027",
        members: &[0, 1, 2],
        outsider: ("", ""),
        days_ago: 1,
        file: Some(("text/csv", "budget-2027.csv", "Item,2026,2027\nMarketing,120000,135000\nTravel,40000,38000\nSoftware,25000,31000\n")),
        messages: &[
            (Who::Member(0), "Hi both,\n\nattached is the first draft of the 2027 budget. Marketing grows by 12%, travel shrinks a little.\nCould you check your lines by Friday?\n\nAnna"),
            (Who::Member(1), "Hi Anna,\n\nthe software line misses the new CRM licences (about 4,000). Otherwise fine for me.\n\nBen"),
            (Who::Member(2), "Bonjour à tous,\n\nle budget marketing me convient. Je propose de garder 5 000 pour le salon de Lausanne.\n\nChloé"),
            (Who::Member(0), "Thanks, both added. I will send the final version to the board on Monday.\n\nAnna"),
        ],
    },
    Conversation {
        subject: "Offsite in Locarno",
        members: &[0, 1, 2],
        outsider: ("", ""),
        days_ago: 6,
        file: None,
        messages: &[
            (Who::Member(1), "Hallo zusammen,\n\nfür das Offsite im März habe ich zwei Hotels in Locarno angefragt. Passt euch der 12. bis 14. März?\n\nBen"),
            (Who::Member(0), "Works for me. Please book the one by the lake if the meeting room is big enough.\n\nAnna"),
            (Who::Member(2), "Parfait pour moi aussi. Je m'occupe du programme de la deuxième journée.\n\nChloé"),
        ],
    },
    Conversation {
        subject: "Réunion d'équipe lundi",
        members: &[1, 2],
        outsider: ("", ""),
        days_ago: 3,
        file: None,
        messages: &[
            (Who::Member(2), "Salut Ben,\n\non décale la réunion d'équipe de lundi à 10 h ? J'ai un appel client à 9 h.\n\nChloé"),
            (Who::Member(1), "Kein Problem, 10 Uhr passt. Ich verschiebe die Einladung.\n\nBen"),
            (Who::Member(2), "Merci !\n\nChloé"),
        ],
    },
    Conversation {
        subject: "Nuova versione del sito",
        members: &[2],
        outsider: ("Marco Bianchi", "marco@studio-bianchi.example"),
        days_ago: 9,
        file: None,
        messages: &[
            (Who::Outside, "Buongiorno Chloé,\n\nla nuova versione del sito è pronta per la revisione: https://staging.studio-bianchi.example/demo\nAttendo i vostri commenti entro giovedì.\n\nCordiali saluti,\nMarco Bianchi"),
            (Who::Member(2), "Bonjour Marco,\n\nmerci, c'est très réussi. Deux remarques : le menu mobile et la page contact. Détails demain.\n\nChloé"),
            (Who::Outside, "Perfetto, grazie. Restiamo in attesa dei dettagli.\n\nMarco"),
        ],
    },
    Conversation {
        subject: "Presupuesto campaña de primavera",
        members: &[0],
        outsider: ("Lucía Fernández", "lucia@agencia-sol.example"),
        days_ago: 13,
        file: Some(("application/pdf", "presupuesto-primavera.pdf", "%PDF-1.4\n% demo\n")),
        messages: &[
            (Who::Outside, "Hola Anna,\n\nadjunto el presupuesto para la campaña de primavera. Incluye redes sociales y dos vídeos cortos.\n\nUn saludo,\nLucía"),
            (Who::Member(0), "Hi Lucía,\n\nthanks, looks good. Could you split the video costs per market (CH, FR, IT)?\n\nBest,\nAnna"),
        ],
    },
];

struct Newsletter {
    sender: &'static str,
    domain: &'static str,
    title: &'static str,
    intro: &'static str,
    more: &'static str,
    footer: &'static str,
    color: &'static str,
}

const NEWSLETTERS: [Newsletter; 3] = [
    Newsletter {
        sender: "Rail Travel News",
        domain: "rail.example",
        title: "Your week on the rails",
        intro: "New night trains to Rome and Barcelona, and 30% off first class on weekends.",
        more: "See all offers",
        footer: "You receive this because you travel with us.",
        color: "#c60018",
    },
    Newsletter {
        sender: "Bücherwurm",
        domain: "buecher.example",
        title: "Neuerscheinungen der Woche",
        intro: "Zehn neue Romane, ein Kochbuch aus dem Tessin und unser Buch des Monats.",
        more: "Alle Neuerscheinungen ansehen",
        footer: "Sie erhalten diesen Newsletter, weil Sie ihn abonniert haben.",
        color: "#2e6b3f",
    },
    Newsletter {
        sender: "Tech Digest",
        domain: "tech.example",
        title: "Tech Digest",
        intro: "This week: Rust 2027 edition plans, a faster SQLite, and why your webmail is slow.",
        more: "Read the full digest",
        footer: "Tech Digest, weekly since 2019.",
        color: "#1a4fa3",
    },
];

enum File {
    Invoice,
    Invitation,
    Card,
}

struct Correspondence {
    from: (&'static str, &'static str),
    subject: &'static str,
    text: &'static str,
    file: Option<File>,
}

const CORRESPONDENCE: [Correspondence; 10] = [
    Correspondence {
        from: ("Office Supplies Ltd", "orders@office-supplies.example"),
        subject: "Your order {n} has shipped",
        text: "Hello,\n\nyour order {n} (printer paper, toner) has shipped and arrives in 2 days.\n\nOffice Supplies Ltd",
        file: None,
    },
    Correspondence {
        from: ("Telco AG", "billing@telco.example"),
        subject: "Rechnung {n}",
        text: "Guten Tag,\n\nIhre Rechnung {n} liegt bei. Betrag: CHF 89.90, zahlbar innert 30 Tagen.\n\nTelco AG",
        file: Some(File::Invoice),
    },
    Correspondence {
        from: ("Sophie Laurent", "sophie.laurent@client-lausanne.example"),
        subject: "Demande de devis n° {n}",
        text: "Bonjour,\n\npourriez-vous nous faire parvenir un devis pour 40 licences et la formation de nos équipes ?\n\nMeilleures salutations,\nSophie Laurent",
        file: None,
    },
    Correspondence {
        from: ("Thomas Huber", "t.huber@partner-zuerich.example"),
        subject: "Anfrage Zusammenarbeit",
        text: "Guten Tag,\n\nwir würden gerne über eine Zusammenarbeit im Bereich Schulungen sprechen. Hätten Sie nächste Woche Zeit für einen Anruf?\n\nFreundliche Grüsse\nThomas Huber",
        file: None,
    },
    Correspondence {
        from: ("Giulia Conti", "giulia.conti@cliente-lugano.example"),
        subject: "Richiesta informazioni",
        text: "Buongiorno,\n\nvorrei ricevere maggiori informazioni sui vostri servizi per le piccole imprese.\n\nGrazie e cordiali saluti,\nGiulia Conti",
        file: None,
    },
    Correspondence {
        from: ("Carlos Ruiz", "carlos@distribuciones-ruiz.example"),
        subject: "Consulta sobre precios",
        text: "Hola,\n\n¿podrían enviarnos la lista de precios actualizada para 2027?\n\nSaludos,\nCarlos Ruiz",
        file: None,
    },
    Correspondence {
        from: ("Events Team", "events@conference.example"),
        subject: "Invitation: Quarterly review",
        text: "You are invited to the quarterly review. The invitation is attached; add it to your calendar.",
        file: Some(File::Invitation),
    },
    Correspondence {
        from: ("Léa Martin", "lea.martin@design-geneve.example"),
        subject: "Mes coordonnées",
        text: "Bonjour,\n\nsuite à notre rencontre, voici ma carte de visite.\n\nLéa Martin",
        file: Some(File::Card),
    },
    Correspondence {
        from: ("Cloud Storage", "no-reply@cloud-storage.example"),
        subject: "Your storage is 80% full",
        text: "Your storage is 80% full. Remove files or upgrade your plan to keep syncing.",
        file: None,
    },
    Correspondence {
        from: ("Swiss Post Parcel", "notifications@parcel.example"),
        subject: "Paket {n} wird heute zugestellt",
        text: "Ihr Paket {n} wird heute zwischen 10 und 13 Uhr zugestellt.",
        file: None,
    },
];

const CARD: &str = "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Léa Martin\r\nN:Martin;Léa;;;\r\nEMAIL:lea.martin@design-geneve.example\r\nTEL:+41 22 555 01 23\r\nORG:Design Genève\r\nEND:VCARD\r\n";

/// A small, valid PDF naming the invoice.
fn pdf(n: i64) -> Vec<u8> {
    format!(
        "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 300 144]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>endobj\n4 0 obj<</Length 44>>stream\nBT /F1 18 Tf 20 70 Td (Invoice {n}) Tj ET\nendstream endobj\n5 0 obj<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )
    .into_bytes()
}

fn invitation(n: i64, at: i64) -> String {
    let start = at + 7 * DAY;
    let stamp = |t: i64| {
        let day = crate::calendar::days::Day::from_ymd(1970, 1, 1)
            .unwrap_or_default()
            .add_days(t.div_euclid(DAY));
        let (y, m, d) = day.ymd();
        let secs = t.rem_euclid(DAY);
        format!(
            "{y:04}{m:02}{d:02}T{:02}{:02}00Z",
            secs / HOUR,
            secs % HOUR / 60
        )
    };
    format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Conference//EN\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\nUID:review-{n}@conference.example\r\nDTSTAMP:{}\r\nDTSTART:{}\r\nDTEND:{}\r\nSUMMARY:Quarterly review\r\nLOCATION:Room Léman\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        stamp(at),
        stamp(start),
        stamp(start + HOUR)
    )
}
