use app::context::{PublicUrl, Settings};
use clap::{Parser, Subcommand};
use domain::auth::client::TrustedProxies;
use server::{Config, Demo, MailConfig};
use std::net::SocketAddr;
use std::path::PathBuf;

// Server-side rendering allocates many small strings across threads; glibc's malloc dominated
// the shell page's profile, mimalloc does not.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// kSuite: a self-hosted collaboration workspace (mail, calendar, contacts, organizations).
#[derive(Parser)]
#[command(name = "ksuite", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Where the server keeps its data.
#[derive(clap::Args)]
struct Storage {
    /// Directory for the embedded SQLite database and stored files; created if missing.
    #[arg(long, default_value = "./data")]
    data_dir: PathBuf,
    /// Use this PostgreSQL database instead of SQLite in the data dir
    /// (postgres://user:password@host:port/database).
    #[arg(long, env = "DATABASE_URL", hide_env_values = true)]
    database_url: Option<String>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web app, the REST API and live updates.
    Serve(Serve),
    /// What the server's operator sets for one organization.
    Org {
        #[command(subcommand)]
        action: OrgAction,
    },
}

#[derive(clap::Args)]
struct Serve {
    /// Address and port to listen on.
    #[arg(long, default_value = "127.0.0.1:3000")]
    addr: SocketAddr,
    #[command(flatten)]
    storage: Storage,
    /// Seed the "Demo SA" organization on first start: its four accounts and a month of
    /// their calendars and contacts (`--demo`), or the accounts alone (`--demo=accounts`).
    #[arg(long, value_enum, num_args = 0..=1, require_equals = true, default_missing_value = "month")]
    demo: Option<Demo>,
    /// Directory holding the built front end (pkg/, icons/, sw.js), as `cargo xtask build` makes it.
    #[arg(long, env = "KSUITE_SITE_ROOT", default_value = "target/site")]
    site_root: PathBuf,
    /// The address users reach the server at, e.g. https://suite.example.org: cross-site
    /// writes are checked against it, and over https the session cookie is Secure.
    #[arg(long, env = "KSUITE_PUBLIC_URL")]
    public_url: Option<PublicUrl>,
    /// A reverse proxy (address or network, repeatable) whose X-Forwarded-For names the
    /// client; without it, the peer is the client.
    #[arg(long = "trusted-proxy", value_name = "ADDRESS|NETWORK")]
    trusted_proxies: Vec<String>,
    /// Nobody may create an account on this server.
    #[arg(long)]
    no_signup: bool,
    /// Send the suite's mail (password resets, address confirmations) through this SMTP
    /// server: smtp://host:25, smtp://user:password@host:587?tls=required (STARTTLS),
    /// smtps://user:password@host:465. Without it, mail is not configured.
    #[arg(long, env = "KSUITE_SMTP_URL", hide_env_values = true)]
    smtp_url: Option<String>,
    /// The sender of the suite's mail; no-reply@ the public address's host when not given.
    #[arg(long, env = "KSUITE_MAIL_FROM")]
    mail_from: Option<String>,
    /// Receive mail for the organizations' mail domains over SMTP on this address, e.g.
    /// 127.0.0.1:2525 behind postfix. Plain SMTP: put an MTA with TLS in front on the internet.
    #[arg(long, env = "KSUITE_SMTP_ADDR")]
    smtp_addr: Option<SocketAddr>,
}

#[derive(Subcommand)]
enum OrgAction {
    /// Sets what the organization's files (attachments) may take in all.
    SetQuota {
        /// The organization's id (as `GET /api/v1/orgs` lists it).
        org: String,
        /// The quota in megabytes.
        megabytes: u64,
        #[command(flatten)]
        storage: Storage,
    },
}

#[tokio::main]
async fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn,tower_http=info".into()),
        )
        .init();
    match Cli::parse().command {
        Command::Serve(args) => serve(args).await,
        Command::Org { action } => org(action).await,
    }
}

async fn serve(args: Serve) -> std::process::ExitCode {
    let Serve {
        addr,
        storage: Storage {
            data_dir,
            database_url,
        },
        demo,
        site_root,
        public_url,
        trusted_proxies,
        no_signup,
        smtp_url,
        mail_from,
        smtp_addr,
    } = args;
    let trusted_proxies = match TrustedProxies::parse(&trusted_proxies) {
        Ok(proxies) => proxies,
        Err(err) => {
            eprintln!("ksuite: --trusted-proxy {err}");
            return std::process::ExitCode::from(2);
        }
    };
    let config = Config {
        addr,
        data_dir,
        database_url,
        demo,
        site_root,
        settings: Settings {
            public_url,
            trusted_proxies,
            sign_up: !no_signup,
        },
        mail: MailConfig {
            smtp_url,
            from: mail_from,
        },
        smtp_addr,
    };
    match server::run(config).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("ksuite: {err}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn org(action: OrgAction) -> std::process::ExitCode {
    let OrgAction::SetQuota {
        org,
        megabytes,
        storage,
    } = action;
    let db = match &storage.database_url {
        Some(url) => domain::store::Db::connect(url).await,
        None => domain::store::Db::open_dir(&storage.data_dir).await,
    };
    let done = match db {
        Ok(db) => domain::blobs::set_quota(&db, &org, megabytes).await,
        Err(err) => Err(err),
    };
    match done {
        Ok(()) => {
            println!("{org}: files may take {megabytes} MB");
            std::process::ExitCode::SUCCESS
        }
        Err(domain::DomainError::NotFound) => {
            eprintln!("ksuite: no organization {org}");
            std::process::ExitCode::FAILURE
        }
        Err(err) => {
            eprintln!("ksuite: {err}");
            std::process::ExitCode::FAILURE
        }
    }
}
