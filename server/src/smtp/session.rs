//! One SMTP conversation: commands parsed by `smtp-proto` (pipelined commands answered in one
//! write), recipients checked as they are named, the message read with dot-unstuffing and a
//! size cap, and `250` only once the store has committed it.

use super::reply::Reply;
use super::{Listener, DATA_LIMIT, IDLE, SESSION_LIMIT, WRITE_LIMIT};
use domain::mail::deliver::Recipient;
use domain::mail::intake::Verdict;
use domain::mail::parse::MAX_MESSAGE_BYTES;
use smtp_proto::request::receiver::{
    DataReceiver, DummyDataReceiver, DummyLineReceiver, RequestReceiver,
};
use smtp_proto::{EhloResponse, Error as ProtoError, Request};
use std::net::SocketAddr;
use std::time::Instant;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::sync::SemaphorePermit;

/// Recipients of one message.
const MAX_RECIPIENTS: usize = 100;
/// Wrong commands before the listener hangs up.
const MAX_ERRORS: u32 = 10;
/// Recipients refused in one conversation before it hangs up: more is someone guessing
/// addresses.
const MAX_REFUSED: u32 = 20;
/// Answers collected before they are written, even in the middle of pipelined commands.
const OUT_FLUSH: usize = 16 * 1024;
/// Room kept under the store's limit for the lines the listener adds on top.
const TRACE_ROOM: usize = 4096;
const MB: usize = 1 << 20;

/// Greets, then answers commands until the client quits, idles, errs too often or has talked
/// for `SESSION_LIMIT`.
pub async fn converse<S>(mut stream: S, peer: SocketAddr, listener: &Listener)
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    if tokio::time::timeout(SESSION_LIMIT, talk(&mut stream, peer, listener))
        .await
        .is_err()
    {
        send(&mut stream, Reply::timeout().0.as_bytes()).await;
    }
}

/// Writes within `WRITE_LIMIT`: a client that stops reading is not waited for. Whether it went.
async fn send<S: AsyncWrite + Unpin>(stream: &mut S, bytes: &[u8]) -> bool {
    matches!(
        tokio::time::timeout(WRITE_LIMIT, stream.write_all(bytes)).await,
        Ok(Ok(()))
    )
}

async fn talk<S>(stream: &mut S, peer: SocketAddr, listener: &Listener)
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let mut session = Session {
        listener,
        peer,
        helo: None,
        from: None,
        declared_size: 0,
        to: Vec::new(),
        errors: 0,
        refused: 0,
    };
    let greeting = format!("220 {} ESMTP kSuite\r\n", listener.hostname);
    if !send(stream, greeting.as_bytes()).await {
        return;
    }
    let mut commands = RequestReceiver::default();
    let mut reading = Reading::Commands;
    let mut input = vec![0u8; 64 * 1024];
    let mut out: Vec<u8> = Vec::new();
    loop {
        let read = match tokio::time::timeout(IDLE, stream.read(&mut input)).await {
            Ok(Ok(0)) | Ok(Err(_)) => return,
            Ok(Ok(n)) => n,
            Err(_) => {
                send(stream, Reply::timeout().0.as_bytes()).await;
                return;
            }
        };
        // A message sent a little at a time holds memory: it has `DATA_LIMIT` in all.
        let receiving = match &reading {
            Reading::Data(data) => Some(data.since),
            Reading::Discard(_, _, since) => Some(*since),
            _ => None,
        };
        if receiving.is_some_and(|since| since.elapsed() > DATA_LIMIT) {
            send(stream, Reply::timeout().0.as_bytes()).await;
            return;
        }
        let mut bytes = input[..read].iter();
        loop {
            let mut close = false;
            while bytes.len() > 0 && !close {
                reading = match reading {
                    Reading::Commands => match commands.ingest(&mut bytes) {
                        Ok(request) => {
                            let (reply, next) =
                                session.command(request.into_owned(), &mut close).await;
                            out.extend_from_slice(reply.0.as_bytes());
                            next
                        }
                        Err(ProtoError::NeedsMoreData { .. }) => Reading::Commands,
                        Err(ProtoError::ResponseTooLong) => {
                            out.extend_from_slice(
                                session.refused(&ProtoError::ResponseTooLong).0.as_bytes(),
                            );
                            Reading::SkipLine(DummyLineReceiver::default())
                        }
                        Err(err) => {
                            out.extend_from_slice(session.refused(&err).0.as_bytes());
                            Reading::Commands
                        }
                    },
                    Reading::Data(mut data) => {
                        let done = data.receiver.ingest(&mut bytes, &mut data.message);
                        match data.grow(&session) {
                            Ok(()) if done => {
                                let reply = session.received(data.message, data.trace).await;
                                out.extend_from_slice(reply.0.as_bytes());
                                Reading::Commands
                            }
                            Ok(()) => Reading::Data(data),
                            Err(reply) if done => {
                                session.reset();
                                out.extend_from_slice(reply.0.as_bytes());
                                Reading::Commands
                            }
                            Err(reply) => Reading::Discard(
                                DummyDataReceiver::new_data(&data.receiver),
                                reply,
                                data.since,
                            ),
                        }
                    }
                    Reading::Discard(mut receiver, reply, since) => {
                        if receiver.ingest(&mut bytes) {
                            session.reset();
                            out.extend_from_slice(reply.0.as_bytes());
                            Reading::Commands
                        } else {
                            Reading::Discard(receiver, reply, since)
                        }
                    }
                    Reading::SkipLine(mut receiver) => {
                        if receiver.ingest(&mut bytes) {
                            Reading::Commands
                        } else {
                            Reading::SkipLine(receiver)
                        }
                    }
                    Reading::SkipChunk(mut receiver) => {
                        if receiver.ingest(&mut bytes) {
                            Reading::Commands
                        } else {
                            Reading::SkipChunk(receiver)
                        }
                    }
                };
                if session.errors >= MAX_ERRORS && !close {
                    out.extend_from_slice(Reply::too_many_errors().0.as_bytes());
                    close = true;
                }
                // The 354 goes out before the message is read: a client may wait for it.
                if matches!(reading, Reading::Data(_)) && !out.is_empty() || out.len() > OUT_FLUSH {
                    break;
                }
            }
            if !out.is_empty() {
                if !send(stream, &out).await {
                    return;
                }
                out.clear();
                out.shrink_to(OUT_FLUSH);
            }
            if close {
                return;
            }
            if bytes.len() == 0 {
                break;
            }
        }
    }
}

/// Tells a client the listener is full, and hangs up.
pub async fn too_busy<S: AsyncWrite + Unpin>(mut stream: S) {
    send(&mut stream, Reply::busy().0.as_bytes()).await;
    let _ = stream.shutdown().await;
}

enum Reading<'a> {
    Commands,
    Data(Data<'a>),
    /// The rest of a message that is refused, up to its end, then this answer; since when.
    Discard(DummyDataReceiver, Reply, Instant),
    /// The rest of a command line over the limit.
    SkipLine(DummyLineReceiver),
    /// A BDAT chunk, which is not offered: skipped so its bytes are not read as commands.
    SkipChunk(DummyDataReceiver),
}

struct Data<'a> {
    receiver: DataReceiver,
    /// The listener's `Return-Path:` and `Received:` lines, then the message as it comes.
    message: Vec<u8>,
    /// Where the message itself starts.
    trace: usize,
    since: Instant,
    /// The megabytes of the listener's budget this message holds, released when it is done.
    held: Option<SemaphorePermit<'a>>,
}

impl<'a> Data<'a> {
    /// Takes from the listener's memory budget for what the message has grown to; refuses a
    /// message over the store's limit, or when the budget is spent.
    fn grow(&mut self, session: &Session<'a>) -> Result<(), Reply> {
        if self.message.len() > MAX_MESSAGE_BYTES {
            return Err(Reply::too_big(MAX_MESSAGE_BYTES / MB));
        }
        // What the buffer holds, not what it fills: it grows by doubling.
        let needed = (self.message.capacity() / MB + 1) as u32;
        let held = self.held.as_ref().map_or(0, |p| p.num_permits() as u32);
        if needed > held {
            let more = session
                .listener
                .data_budget
                .try_acquire_many(needed - held)
                .map_err(|_| Reply::no_memory())?;
            match &mut self.held {
                Some(permit) => permit.merge(more),
                None => self.held = Some(more),
            }
        }
        Ok(())
    }
}

struct Session<'a> {
    listener: &'a Listener,
    peer: SocketAddr,
    helo: Option<String>,
    from: Option<String>,
    declared_size: u64,
    to: Vec<Recipient>,
    errors: u32,
    /// Recipients refused so far.
    refused: u32,
}

impl<'a> Session<'a> {
    fn reset(&mut self) {
        self.from = None;
        self.declared_size = 0;
        self.to.clear();
    }

    fn refused(&mut self, err: &ProtoError) -> Reply {
        self.errors += 1;
        match err {
            ProtoError::UnknownCommand => Reply::unknown_command(),
            ProtoError::InvalidSenderAddress => Reply::syntax("Invalid sender address"),
            ProtoError::InvalidRecipientAddress => Reply::syntax("Invalid recipient address"),
            ProtoError::SyntaxError { syntax } => Reply::syntax(&format!("Syntax: {syntax}")),
            ProtoError::InvalidParameter { param } => {
                Reply::syntax(&format!("Invalid parameter {param}"))
            }
            ProtoError::UnsupportedParameter { param } => {
                Reply::syntax(&format!("Unsupported parameter {param}"))
            }
            ProtoError::ResponseTooLong => Reply::syntax("Line too long"),
            _ => Reply::syntax("Syntax error"),
        }
    }

    async fn command(
        &mut self,
        request: Request<String>,
        close: &mut bool,
    ) -> (Reply, Reading<'a>) {
        let reply = match request {
            Request::Ehlo { host } => {
                self.reset();
                self.helo = Some(host);
                let mut ehlo = EhloResponse::new(&*self.listener.hostname);
                ehlo.capabilities = smtp_proto::EXT_PIPELINING
                    | smtp_proto::EXT_8BIT_MIME
                    | smtp_proto::EXT_SIZE
                    | smtp_proto::EXT_ENHANCED_STATUS_CODES
                    | smtp_proto::EXT_SMTP_UTF8;
                ehlo.size = MAX_MESSAGE_BYTES - TRACE_ROOM;
                let mut text = Vec::new();
                // Writing into a Vec cannot fail.
                let _ = ehlo.write(&mut text);
                let text = String::from_utf8_lossy(&text);
                // The first line is ours; the capabilities are smtp-proto's.
                let capabilities = text.split_once("\r\n").map_or("", |(_, rest)| rest);
                Reply(format!(
                    "250-{} at your service\r\n{capabilities}",
                    self.listener.hostname
                ))
            }
            Request::Helo { host } => {
                self.reset();
                self.helo = Some(host);
                Reply(format!("250 {}\r\n", self.listener.hostname))
            }
            Request::Mail { from } => {
                if self.helo.is_none() {
                    self.out_of_order("Say EHLO first")
                } else if self.from.is_some() {
                    self.out_of_order("A message is already begun; RSET first")
                } else if from.size > MAX_MESSAGE_BYTES - TRACE_ROOM {
                    Reply::too_big(MAX_MESSAGE_BYTES / MB)
                } else {
                    self.from = Some(from.address);
                    self.declared_size = from.size as u64;
                    Reply::sender_ok()
                }
            }
            Request::Rcpt { to } => {
                if self.from.is_none() {
                    self.out_of_order("MAIL FROM first")
                } else if self.to.len() >= MAX_RECIPIENTS {
                    Reply::too_many_recipients(MAX_RECIPIENTS)
                } else {
                    let intake = &self.listener.intake;
                    match intake.recipient(&to.address, self.declared_size).await {
                        Ok(verdict) => {
                            let reply = Reply::verdict(&verdict, &to.address);
                            match verdict {
                                Verdict::Accept(recipient) => self.to.push(recipient),
                                Verdict::UnknownAddress | Verdict::NotOurDomain => {
                                    self.refused += 1;
                                    if self.refused > MAX_REFUSED {
                                        self.errors = MAX_ERRORS;
                                    }
                                }
                                Verdict::StorageFull => {}
                            }
                            reply
                        }
                        Err(err) => {
                            tracing::warn!(error = %err, "SMTP recipient not looked up");
                            Reply::failed(&err)
                        }
                    }
                }
            }
            Request::Data => {
                if self.from.is_none() {
                    self.out_of_order("MAIL FROM first")
                } else if self.to.is_empty() {
                    self.out_of_order("No valid recipients")
                } else {
                    let trace = self.trace(domain::clock::now());
                    let mut receiver = DataReceiver::new();
                    // The CRLF that ended DATA starts the first line: a message that is only
                    // "." ends at once, and a first line that begins with a dot is unstuffed.
                    let mut primed = Vec::new();
                    receiver.ingest(&mut b"\r\n".iter(), &mut primed);
                    let data = Data {
                        receiver,
                        trace: trace.len(),
                        message: trace.into_bytes(),
                        since: Instant::now(),
                        held: None,
                    };
                    return (Reply::start_data(), Reading::Data(data));
                }
            }
            Request::Bdat { chunk_size, .. } => {
                self.errors += 1;
                return (
                    Reply::not_offered("BDAT"),
                    Reading::SkipChunk(DummyDataReceiver::new_bdat(chunk_size)),
                );
            }
            Request::Rset => {
                self.reset();
                Reply::ok("OK")
            }
            Request::Noop { .. } => Reply::ok("OK"),
            Request::Quit => {
                *close = true;
                Reply::bye()
            }
            Request::Vrfy { .. } => Reply::cannot_verify(),
            other => {
                self.errors += 1;
                Reply::not_offered(other.name())
            }
        };
        (reply, Reading::Commands)
    }

    /// A command out of sequence: answered 503 and counted as a wrong command.
    fn out_of_order(&mut self, text: &str) -> Reply {
        self.errors += 1;
        Reply::bad_sequence(text)
    }

    /// The message is in, behind the listener's trace lines: stored for every recipient
    /// before the answer goes out.
    async fn received(&mut self, mut raw: Vec<u8>, trace: usize) -> Reply {
        // A first line that begins with a space would continue our `Received:` line.
        let blank = raw[trace..]
            .iter()
            .take_while(|b| matches!(b, b' ' | b'\t'))
            .count();
        raw.drain(trace..trace + blank);
        let now = domain::clock::now();
        let to = std::mem::take(&mut self.to);
        self.reset();
        match self.listener.intake.deliver(&to, raw, now).await {
            Ok(_) => Reply::ok("Stored"),
            Err(err) => {
                tracing::warn!(error = %err, peer = %self.peer, "SMTP delivery failed");
                Reply::failed(&err)
            }
        }
    }

    /// The `Return-Path:` and `Received:` lines a final MTA puts on top of a message, in
    /// printable ASCII whatever the client said.
    fn trace(&self, now: i64) -> String {
        let clean = |s: &str| -> String {
            s.chars()
                .filter(|c| c.is_ascii_graphic() && !matches!(c, '<' | '>' | '(' | ')' | ';'))
                .take(200)
                .collect()
        };
        let date = chrono::DateTime::from_timestamp(now, 0)
            .unwrap_or_default()
            .to_rfc2822();
        format!(
            "Return-Path: <{}>\r\nReceived: from {} ({})\r\n\tby {} with ESMTP; {}\r\n",
            clean(self.from.as_deref().unwrap_or_default()),
            clean(self.helo.as_deref().unwrap_or("unknown")),
            self.peer.ip(),
            self.listener.hostname,
            date,
        )
    }
}
