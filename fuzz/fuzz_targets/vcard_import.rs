//! An uploaded .vcf file, through the whole import read: the pre-scan, each card's parse, the
//! photo checks and the vCard 4.0 text stored. Whatever the bytes, it returns.
#![no_main]

use domain::contacts::transfer;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = transfer::prepare_vcards(data);
});
