#![recursion_limit = "256"]
//! The axum server: configuration, state, and the routes that hand requests to the app's SSR
//! and server functions, the REST API, live events and static assets. Handlers stay thin: the
//! domain crate decides.

mod api;
mod assets;
mod headers;
mod jobs;
mod limits;
mod middleware;
mod pages;
mod smtp;
mod state;

use app::context::{ServerContext, Settings};
use axum::serve::ListenerExt;
use domain::store::Db;
use state::AppState;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use tokio::net::TcpListener;
use tower::limit::GlobalConcurrencyLimitLayer;
use tower_http::timeout::TimeoutLayer;

pub struct Config {
    pub addr: SocketAddr,
    pub data_dir: PathBuf,
    pub database_url: Option<String>,
    pub demo: Option<Demo>,
    pub site_root: PathBuf,
    pub settings: Settings,
    pub mail: MailConfig,
    /// Where the SMTP listener takes mail for the organizations' domains; none: no listener.
    pub smtp_addr: Option<SocketAddr>,
}

/// Where the suite's mail goes out (`--smtp-url`, `--mail-from`); none: mail is not configured.
#[derive(Debug, Clone, Default)]
pub struct MailConfig {
    pub smtp_url: Option<String>,
    /// `no-reply@<the public host>` when not given.
    pub from: Option<String>,
}

/// What `--demo` seeds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Demo {
    /// The organization, its accounts and a month of their calendars and contacts.
    Month,
    /// The organization and its accounts only (what the tests start from).
    Accounts,
}

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("cannot open the database: {0}")]
    Database(domain::DomainError),
    #[error("cannot listen on {addr}: {source}")]
    Listen {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("server stopped: {0}")]
    Serve(std::io::Error),
    #[error("--smtp-url: {0}")]
    Mail(String),
}

/// A started server: where it listens and the task serving it.
pub struct Running {
    pub addr: SocketAddr,
    pub smtp_addr: Option<SocketAddr>,
    pub task: tokio::task::JoinHandle<Result<(), StartError>>,
}

/// Opens the database, seeds the demo if asked, binds and serves in the background.
pub async fn start(config: Config) -> Result<Running, StartError> {
    let db = match &config.database_url {
        Some(url) => Db::connect(url).await,
        None => Db::open_dir(&config.data_dir).await,
    }
    .map_err(StartError::Database)?;
    let now = domain::clock::now();
    let blobs = domain::blobs::Blobs::in_dir(config.data_dir.join("blobs"));
    let seeded = match config.demo {
        Some(Demo::Month) => domain::demo::seed_with_month(&db, &blobs, now).await,
        Some(Demo::Accounts) => domain::demo::seed(&db, now).await,
        None => Ok(false),
    };
    if seeded.map_err(StartError::Database)? {
        print_demo_accounts();
    }
    let listener = TcpListener::bind(config.addr)
        .await
        .map_err(|source| StartError::Listen {
            addr: config.addr,
            source,
        })?;
    let addr = listener.local_addr().map_err(StartError::Serve)?;
    let smtp_listener = match config.smtp_addr {
        Some(smtp_addr) => {
            Some(
                TcpListener::bind(smtp_addr)
                    .await
                    .map_err(|source| StartError::Listen {
                        addr: smtp_addr,
                        source,
                    })?,
            )
        }
        None => None,
    };
    let smtp_addr = match &smtp_listener {
        Some(l) => Some(l.local_addr().map_err(StartError::Serve)?),
        None => None,
    };
    let mail = outgoing(&config.mail, &config.settings, addr)?;
    let ctx = ServerContext {
        db,
        blobs,
        settings: Arc::new(config.settings),
        activity: Arc::default(),
        mail,
    };
    let jobs = jobs::run(ctx.clone());
    let receiving = smtp_listener.map(|l| {
        let intake = domain::mail::intake::Intake::new(ctx.db.clone(), ctx.blobs.clone());
        smtp::Listener::new(intake, &host_of(&ctx.settings)).serve(l)
    });
    let state = AppState::new(ctx, &config.site_root, addr);
    let router = routes(state);
    tracing::info!(%addr, site_root = %config.site_root.display(), "serving http://{addr}");
    // The jobs live in the serving task, so they stop with it.
    let task = tokio::spawn(async move {
        // Without TCP_NODELAY, the second write of a streamed page waits for the client's
        // delayed ACK: 40 ms per page.
        let listener = listener.tap_io(|tcp| {
            if let Err(err) = tcp.set_nodelay(true) {
                tracing::debug!(%err, "TCP_NODELAY refused");
            }
        });
        let serving = axum::serve(
            listener,
            router.into_make_service_with_connect_info::<SocketAddr>(),
        );
        let receiving = async move {
            match receiving {
                Some(listening) => listening.await,
                None => std::future::pending().await,
            }
        };
        tokio::select! {
            served = serving => served.map_err(StartError::Serve),
            () = jobs => Ok(()),
            () = receiving => Ok(()),
        }
    });
    if let Some(smtp_addr) = smtp_addr {
        tracing::info!(%smtp_addr, "receiving mail over SMTP on {smtp_addr}");
    }
    Ok(Running {
        addr,
        smtp_addr,
        task,
    })
}

/// The mailer, and the origin its links lead to: the public address, or the one the server
/// listens on. Never a request's `Host`, which whoever asks for a reset link could choose.
fn outgoing(
    mail: &MailConfig,
    settings: &Settings,
    addr: SocketAddr,
) -> Result<domain::mailer::Outgoing, StartError> {
    let base_url = settings
        .public_url
        .as_ref()
        .map(|url| url.origin.clone())
        .unwrap_or_else(|| format!("http://{addr}"));
    let mailer = match &mail.smtp_url {
        None => domain::mailer::Mailer::none(),
        Some(_) if settings.public_url.is_none() && addr.ip().is_unspecified() => {
            return Err(StartError::Mail(format!(
                "the links it mails would lead to {base_url}; give --public-url, the address users reach"
            )));
        }
        Some(url) => {
            let host = base_url
                .split("://")
                .nth(1)
                .and_then(|rest| rest.split([':', '/']).next())
                .filter(|host| host.contains('.') && !host.starts_with('['))
                .unwrap_or("localhost");
            let from = mail
                .from
                .clone()
                .unwrap_or_else(|| format!("no-reply@{host}"));
            domain::mailer::Mailer::smtp(url, "kSuite", &from).map_err(StartError::Mail)?
        }
    };
    Ok(domain::mailer::Outgoing { mailer, base_url })
}

/// The server's name in its SMTP greeting and `Received:` lines: the public address's host.
fn host_of(settings: &Settings) -> String {
    settings
        .public_url
        .as_ref()
        .and_then(|url| url.origin.split("://").nth(1))
        .and_then(|rest| rest.split([':', '/']).next())
        .filter(|host| !host.is_empty() && !host.starts_with('['))
        .unwrap_or("localhost")
        .to_string()
}

/// Serves until the process is stopped.
pub async fn run(config: Config) -> Result<(), StartError> {
    let running = start(config).await?;
    tokio::select! {
        result = running.task => result.unwrap_or(Ok(())),
        _ = tokio::signal::ctrl_c() => Ok(()),
    }
}

fn routes(state: AppState) -> axum::Router {
    // Everything but the live event stream is bounded in body, time and number at once.
    let api = api::api(limits::BODY_BYTES);
    let bounded = pages::routes(&state)
        .layer(axum::middleware::from_fn(limits::bounded_body))
        .merge(api.bounded)
        .layer(TimeoutLayer::with_status_code(
            http::StatusCode::REQUEST_TIMEOUT,
            limits::TIMEOUT,
        ))
        .layer(GlobalConcurrencyLimitLayer::new(limits::CONCURRENT));
    let uploads = api
        .uploads
        .layer(TimeoutLayer::with_status_code(
            http::StatusCode::REQUEST_TIMEOUT,
            api::UPLOAD_TIMEOUT,
        ))
        .layer(GlobalConcurrencyLimitLayer::new(api::UPLOADS_AT_ONCE));
    let dynamic = bounded
        .merge(api.live)
        .merge(uploads)
        .layer(axum::middleware::from_fn(middleware::spaces_need_login))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            middleware::session,
        ))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            middleware::same_origin_writes,
        ));
    assets::routes(&state)
        .merge(dynamic)
        .layer(limits::access_log())
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            headers::secure,
        ))
        .with_state(state)
}

/// The REST API's description, as `/api/v1/openapi.json` serves it: every route the API has.
pub fn api_document() -> utoipa::openapi::OpenApi {
    api::api(limits::BODY_BYTES).document
}

fn print_demo_accounts() {
    println!(
        "Demo organization \"{}\" seeded. Accounts (password: {}):",
        domain::demo::ORG_NAME,
        domain::demo::PASSWORD
    );
    for account in domain::demo::ACCOUNTS {
        println!("  {:<22} {}", account.email, account.role.code());
    }
}
