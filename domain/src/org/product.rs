use serde::{Deserialize, Serialize};

/// The apps of the suite that a membership can be given.
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Product {
    Mail,
    Calendar,
    Contacts,
    Manager,
}

impl Product {
    pub const ALL: [Product; 4] = [
        Product::Mail,
        Product::Calendar,
        Product::Contacts,
        Product::Manager,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Product::Mail => "mail",
            Product::Calendar => "calendar",
            Product::Contacts => "contacts",
            Product::Manager => "manager",
        }
    }

    pub fn from_code(code: &str) -> Option<Product> {
        Product::ALL.into_iter().find(|p| p.code() == code)
    }
}

/// What a member may do with a product. `Manage` includes `Use`.
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Access {
    Use,
    Manage,
}

impl Access {
    pub fn code(self) -> &'static str {
        match self {
            Access::Use => "use",
            Access::Manage => "manage",
        }
    }

    pub fn from_code(code: &str) -> Option<Access> {
        [Access::Use, Access::Manage]
            .into_iter()
            .find(|a| a.code() == code)
    }
}

#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ProductAccess {
    pub product: Product,
    pub access: Access,
}
