-- The full-text index of messages: SQLite's FTS5, holding the words only (the texts stay in
-- the raw messages). Its rowid is the message's `num`.
CREATE VIRTUAL TABLE mail_search USING fts5(
    subject, sender, recipients, body,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);
