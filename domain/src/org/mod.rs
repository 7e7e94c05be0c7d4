//! Organizations, memberships, roles and product rights.

mod product;
mod role;
pub mod rules;

pub use product::{Access, Product, ProductAccess};
pub use role::Role;

#[cfg(feature = "server")]
mod service;
#[cfg(feature = "server")]
pub mod settings;
#[cfg(feature = "server")]
pub(crate) mod team_rows;
#[cfg(feature = "server")]
pub mod teams;
#[cfg(feature = "server")]
pub use service::*;
