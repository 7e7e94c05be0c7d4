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

crate::codes!(Product {
    Mail => "mail",
    Calendar => "calendar",
    Contacts => "contacts",
    Manager => "manager",
});

/// What a member may do with a product. `Manage` includes `Use`.
#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Access {
    Use,
    Manage,
}

crate::codes!(Access {
    Use => "use",
    Manage => "manage",
});

#[cfg_attr(feature = "server", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ProductAccess {
    pub product: Product,
    pub access: Access,
}
