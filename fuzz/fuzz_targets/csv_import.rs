//! An uploaded CSV file, through the import read: the bounded pass, the header detection, and
//! each row mapped to a contact, with the columns recognised and with a mapping chosen by hand.
//! Whatever the bytes, it returns.
#![no_main]

use domain::contacts::transfer::{prepare_csv, CsvColumns};
use domain::contacts::CsvField;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = prepare_csv(data, CsvColumns::Detect);
    let chosen = vec![
        Some(CsvField::FullName),
        Some(CsvField::Notes),
        None,
        Some(CsvField::Birthday),
    ];
    let _ = prepare_csv(data, CsvColumns::Given(chosen));
});
