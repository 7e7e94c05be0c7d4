//! Enums whose variants each have a stable code (stored in the database, sent on the wire,
//! looked up in the UI's texts): `codes!` writes their `ALL`, `code()` and `from_code()` from one
//! list, so the three cannot disagree.

/// `codes!(Role { Admin => "admin", ... })` gives `Role::ALL` (in the listed order),
/// `role.code()` and `Role::from_code("admin")`.
#[macro_export]
macro_rules! codes {
    ($name:ident { $($variant:ident => $code:literal),+ $(,)? }) => {
        impl $name {
            pub const ALL: [$name; [$($code),+].len()] = [$($name::$variant),+];

            pub fn code(self) -> &'static str {
                match self {
                    $($name::$variant => $code,)+
                }
            }

            pub fn from_code(code: &str) -> Option<$name> {
                match code {
                    $($code => Some($name::$variant),)+
                    _ => None,
                }
            }
        }
    };
}

#[cfg(test)]
mod tests {
    #[derive(Debug, Clone, Copy, PartialEq)]
    enum Fruit {
        Apple,
        Pear,
    }

    crate::codes!(Fruit { Apple => "apple", Pear => "pear" });

    #[test]
    fn one_list_gives_all_the_codes_and_their_lookup() {
        assert_eq!(Fruit::ALL, [Fruit::Apple, Fruit::Pear]);
        assert_eq!(Fruit::Pear.code(), "pear");
        assert_eq!(Fruit::from_code("apple"), Some(Fruit::Apple));
        assert_eq!(Fruit::from_code("Apple"), None);
    }
}
