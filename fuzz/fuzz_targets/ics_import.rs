//! An uploaded .ics file, through the whole import read: the pre-scan, the item-by-item parse,
//! the value checks, the index (recurrence included) and the text stored. Whatever the bytes,
//! it returns; what it keeps reads back.
#![no_main]

use domain::calendar::{ical, transfer};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok((ready, _skipped)) = transfer::read_ics(data) {
        for object in ready {
            assert!(ical::parse(&ical::unfolded(&object.ics)).is_ok());
        }
    }
});
