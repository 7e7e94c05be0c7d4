//! What the suite writes to a member about their account, in the member's language: plain text
//! and the same as HTML, every value escaped for where it goes.

use crate::locale::Locale;
use crate::mailer::Letter;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LetterKind {
    /// A link to choose a new password.
    PasswordReset,
    /// A link to confirm the address an account signed up with.
    Verify,
    /// A link, to the new address, to confirm a change of login address.
    ChangeConfirm,
    /// A notice, to the old address, that the login address is being changed.
    ChangeNotice,
}

impl LetterKind {
    #[cfg(test)]
    pub const ALL: [LetterKind; 4] = [
        LetterKind::PasswordReset,
        LetterKind::Verify,
        LetterKind::ChangeConfirm,
        LetterKind::ChangeNotice,
    ];
}

/// One letter's sentences; `{email}` stands for the address it is about.
struct Words {
    subject: &'static str,
    body: &'static str,
    /// The link's label; none for a notice.
    action: Option<&'static str>,
    closing: &'static str,
}

/// The greeting; by name only where the address is the member's own: a letter to an address
/// not confirmed yet carries no text its requester chose.
fn greeting(locale: Locale, named: bool) -> &'static str {
    match (locale, named) {
        (Locale::Fr, true) => "Bonjour {name},",
        (Locale::En, true) => "Hello {name},",
        (Locale::De, true) => "Guten Tag {name},",
        (Locale::It, true) => "Buongiorno {name},",
        (Locale::Es, true) => "Hola, {name}:",
        (Locale::Fr, false) => "Bonjour,",
        (Locale::En, false) => "Hello,",
        (Locale::De, false) => "Guten Tag,",
        (Locale::It, false) => "Buongiorno,",
        (Locale::Es, false) => "Hola:",
    }
}

fn words(kind: LetterKind, locale: Locale) -> Words {
    use LetterKind::*;
    use Locale::*;
    let (subject, body, action, closing) = match (kind, locale) {
        (PasswordReset, En) => (
            "Reset your kSuite password",
            "Someone (hopefully you) asked to reset the password of your kSuite account {email}. The link below works once, for one hour.",
            Some("Choose a new password"),
            "If you did not ask for this, ignore this message: your password stays as it is.",
        ),
        (PasswordReset, Fr) => (
            "Réinitialiser votre mot de passe kSuite",
            "Quelqu'un (vous, espérons-le) a demandé à réinitialiser le mot de passe de votre compte kSuite {email}. Le lien ci-dessous fonctionne une fois, pendant une heure.",
            Some("Choisir un nouveau mot de passe"),
            "Si vous n'avez rien demandé, ignorez ce message : votre mot de passe ne change pas.",
        ),
        (PasswordReset, De) => (
            "Ihr kSuite-Passwort zurücksetzen",
            "Jemand (hoffentlich Sie) hat verlangt, das Passwort Ihres kSuite-Kontos {email} zurückzusetzen. Der Link unten funktioniert einmal, eine Stunde lang.",
            Some("Neues Passwort wählen"),
            "Wenn Sie das nicht verlangt haben, ignorieren Sie diese Nachricht: Ihr Passwort bleibt, wie es ist.",
        ),
        (PasswordReset, It) => (
            "Reimpostare la password di kSuite",
            "Qualcuno (speriamo lei) ha chiesto di reimpostare la password del suo account kSuite {email}. Il link qui sotto funziona una volta, per un'ora.",
            Some("Scegliere una nuova password"),
            "Se non l'ha chiesto lei, ignori questo messaggio: la password resta com'è.",
        ),
        (PasswordReset, Es) => (
            "Restablecer su contraseña de kSuite",
            "Alguien (esperamos que usted) pidió restablecer la contraseña de su cuenta de kSuite {email}. El enlace de abajo funciona una vez, durante una hora.",
            Some("Elegir una contraseña nueva"),
            "Si no lo pidió, ignore este mensaje: su contraseña no cambia.",
        ),
        (Verify, En) => (
            "Confirm your e-mail address",
            "Welcome to kSuite. Confirm that {email} is your address to invite people and to share calendars and address books. The link works for 7 days.",
            Some("Confirm my address"),
            "If you did not create a kSuite account, ignore this message.",
        ),
        (Verify, Fr) => (
            "Confirmez votre adresse e-mail",
            "Bienvenue dans kSuite. Confirmez que {email} est bien votre adresse pour inviter des personnes et partager agendas et carnets d'adresses. Le lien fonctionne pendant 7 jours.",
            Some("Confirmer mon adresse"),
            "Si vous n'avez pas créé de compte kSuite, ignorez ce message.",
        ),
        (Verify, De) => (
            "Bestätigen Sie Ihre E-Mail-Adresse",
            "Willkommen bei kSuite. Bestätigen Sie, dass {email} Ihre Adresse ist, um Personen einzuladen und Kalender und Adressbücher zu teilen. Der Link gilt 7 Tage.",
            Some("Meine Adresse bestätigen"),
            "Wenn Sie kein kSuite-Konto erstellt haben, ignorieren Sie diese Nachricht.",
        ),
        (Verify, It) => (
            "Confermi il suo indirizzo e-mail",
            "Benvenuto in kSuite. Confermi che {email} è il suo indirizzo per invitare persone e condividere calendari e rubriche. Il link vale 7 giorni.",
            Some("Confermare il mio indirizzo"),
            "Se non ha creato un account kSuite, ignori questo messaggio.",
        ),
        (Verify, Es) => (
            "Confirme su dirección de correo",
            "Bienvenido a kSuite. Confirme que {email} es su dirección para invitar a personas y compartir calendarios y libretas de direcciones. El enlace vale 7 días.",
            Some("Confirmar mi dirección"),
            "Si no creó una cuenta de kSuite, ignore este mensaje.",
        ),
        (ChangeConfirm, En) => (
            "Confirm your new login address",
            "You asked to sign in to kSuite with {email} from now on. Confirm it with the link below within 24 hours; until then your login address stays as it was.",
            Some("Confirm the new address"),
            "If you did not ask for this, ignore this message.",
        ),
        (ChangeConfirm, Fr) => (
            "Confirmez votre nouvelle adresse de connexion",
            "Vous avez demandé à vous connecter désormais à kSuite avec {email}. Confirmez-la avec le lien ci-dessous dans les 24 heures ; d'ici là, votre adresse de connexion ne change pas.",
            Some("Confirmer la nouvelle adresse"),
            "Si vous n'avez rien demandé, ignorez ce message.",
        ),
        (ChangeConfirm, De) => (
            "Bestätigen Sie Ihre neue Anmeldeadresse",
            "Sie möchten sich künftig mit {email} bei kSuite anmelden. Bestätigen Sie dies innerhalb von 24 Stunden über den Link unten; bis dahin bleibt Ihre Anmeldeadresse unverändert.",
            Some("Neue Adresse bestätigen"),
            "Wenn Sie das nicht verlangt haben, ignorieren Sie diese Nachricht.",
        ),
        (ChangeConfirm, It) => (
            "Confermi il nuovo indirizzo di accesso",
            "Ha chiesto di accedere d'ora in poi a kSuite con {email}. Lo confermi con il link qui sotto entro 24 ore; fino ad allora l'indirizzo di accesso resta quello di prima.",
            Some("Confermare il nuovo indirizzo"),
            "Se non l'ha chiesto lei, ignori questo messaggio.",
        ),
        (ChangeConfirm, Es) => (
            "Confirme su nueva dirección de acceso",
            "Pidió iniciar sesión en kSuite con {email} a partir de ahora. Confírmela con el enlace de abajo en 24 horas; hasta entonces su dirección de acceso no cambia.",
            Some("Confirmar la nueva dirección"),
            "Si no lo pidió, ignore este mensaje.",
        ),
        (ChangeNotice, En) => (
            "Your kSuite login address is being changed",
            "Someone signed in to your kSuite account asked to change its login address to {email}. It changes once that address confirms it.",
            None,
            "If this was not you, change your password now and tell your administrator.",
        ),
        (ChangeNotice, Fr) => (
            "L'adresse de connexion de votre compte kSuite va changer",
            "Quelqu'un connecté à votre compte kSuite a demandé à remplacer son adresse de connexion par {email}. Elle changera dès que cette adresse l'aura confirmé.",
            None,
            "Si ce n'était pas vous, changez votre mot de passe maintenant et prévenez votre administrateur.",
        ),
        (ChangeNotice, De) => (
            "Die Anmeldeadresse Ihres kSuite-Kontos wird geändert",
            "Jemand, der in Ihrem kSuite-Konto angemeldet ist, hat verlangt, die Anmeldeadresse in {email} zu ändern. Sie ändert sich, sobald diese Adresse es bestätigt.",
            None,
            "Wenn Sie das nicht waren, ändern Sie jetzt Ihr Passwort und informieren Sie Ihre Administration.",
        ),
        (ChangeNotice, It) => (
            "L'indirizzo di accesso del suo account kSuite sta per cambiare",
            "Qualcuno connesso al suo account kSuite ha chiesto di cambiare l'indirizzo di accesso in {email}. Cambierà quando quell'indirizzo lo avrà confermato.",
            None,
            "Se non è stato lei, cambi subito la password e avvisi l'amministratore.",
        ),
        (ChangeNotice, Es) => (
            "La dirección de acceso de su cuenta de kSuite va a cambiar",
            "Alguien con sesión iniciada en su cuenta de kSuite pidió cambiar su dirección de acceso a {email}. Cambiará cuando esa dirección lo confirme.",
            None,
            "Si no fue usted, cambie ahora su contraseña y avise a su administrador.",
        ),
    };
    Words {
        subject,
        body,
        action,
        closing,
    }
}

/// `text` made safe inside HTML text and attribute values.
fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The letter of `kind` to `name <to>` about `email`, with `link` when it has one.
pub fn letter(
    kind: LetterKind,
    locale: Locale,
    name: &str,
    to: &str,
    email: &str,
    link: Option<&str>,
) -> Letter {
    let words = words(kind, locale);
    let unconfirmed = matches!(kind, LetterKind::Verify | LetterKind::ChangeConfirm);
    let greeting = greeting(locale, !unconfirmed);
    let body = |email: &str| words.body.replace("{email}", email);
    let mut text = format!(
        "{}\n\n{}\n\n",
        greeting.replace("{name}", name),
        body(email)
    );
    let mut html = format!(
        "<!doctype html><html lang=\"{}\"><body style=\"font-family:sans-serif;line-height:1.5;max-width:36em\">\
         <p>{}</p><p>{}</p>",
        locale.code(),
        escape_html(&greeting.replace("{name}", name)),
        escape_html(&body(email)),
    );
    if let (Some(action), Some(link)) = (words.action, link) {
        text.push_str(&format!("{action}:\n{link}\n\n"));
        html.push_str(&format!(
            "<p><a href=\"{}\" style=\"display:inline-block;padding:.6em 1.2em;background:#0b5cd5;color:#fff;border-radius:6px;text-decoration:none\">{}</a></p>\
             <p style=\"font-size:.9em;color:#555\">{}</p>",
            escape_html(link),
            escape_html(action),
            escape_html(link),
        ));
    }
    text.push_str(&format!("{}\n\n-- \nkSuite\n", words.closing));
    html.push_str(&format!(
        "<p>{}</p><p style=\"color:#555\">kSuite</p></body></html>",
        escape_html(words.closing)
    ));
    Letter {
        to_name: name.to_owned(),
        to: to.to_owned(),
        subject: words.subject.to_owned(),
        text,
        html,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_letter_exists_in_every_language_and_escapes_what_it_is_given() {
        for kind in LetterKind::ALL {
            let mut subjects = std::collections::HashSet::new();
            for locale in Locale::ALL {
                let l = letter(
                    kind,
                    locale,
                    "<b>Zoë</b>",
                    "zoe@example.ch",
                    "new@example.ch",
                    Some("https://suite.example/reset?token=a&b"),
                );
                assert!(subjects.insert(l.subject.clone()), "{kind:?} {locale:?}");
                assert!(l.text.contains("new@example.ch"));
                assert!(!l.html.contains("<b>Zoë"), "{}", l.html);
                // A letter to an address not confirmed yet carries no name its requester chose.
                let to_unconfirmed = matches!(kind, LetterKind::Verify | LetterKind::ChangeConfirm);
                assert_eq!(l.text.contains("<b>Zoë</b>"), !to_unconfirmed);
                assert_eq!(l.html.contains("&lt;b&gt;Zoë&lt;/b&gt;"), !to_unconfirmed);
                let with_link = kind != LetterKind::ChangeNotice;
                assert_eq!(l.text.contains("token=a&b"), with_link);
                assert_eq!(l.html.contains("token=a&amp;b"), with_link);
            }
        }
    }
}
