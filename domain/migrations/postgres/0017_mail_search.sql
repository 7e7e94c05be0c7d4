-- The full-text index of messages: one tsvector per message, its parts weighted A subject,
-- B sender, C recipients, D body, so an operator asks for one weight.
CREATE TABLE mail_search (
    num BIGINT PRIMARY KEY,
    doc TSVECTOR NOT NULL
);
CREATE INDEX mail_search_doc ON mail_search USING GIN (doc);
