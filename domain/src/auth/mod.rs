//! Accounts, sessions, passwords and the login throttle.

pub mod validate;

#[cfg(feature = "server")]
mod account;
#[cfg(feature = "server")]
mod account_row;
#[cfg(feature = "server")]
pub mod client;
#[cfg(feature = "server")]
mod device;
#[cfg(feature = "server")]
mod letters;
#[cfg(feature = "server")]
pub mod links;
#[cfg(feature = "server")]
mod password;
#[cfg(feature = "server")]
mod session;
#[cfg(feature = "server")]
pub(crate) mod throttle;

#[cfg(feature = "server")]
pub use account::*;
#[cfg(feature = "server")]
pub use links::{
    confirm_email, request_email_change, request_password_reset, require_verified, reset_password,
    send_verification,
};
#[cfg(feature = "server")]
pub use password::hash as hash_password;
#[cfg(feature = "server")]
pub use session::*;
#[cfg(feature = "server")]
pub use throttle::ThrottlePolicy;
