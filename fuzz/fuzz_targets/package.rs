//! The zip package reader: open, find the main part, read every part the zip lists and the
//! relationships of the package and of the main part. Any input must end in Ok or an Err,
//! never a panic, an overflow, a hang or unbounded memory.
#![no_main]

use libfuzzer_sys::fuzz_target;

// The package layer is internal; under cargo-fuzz's `cfg(fuzzing)` it offers this one entry.
fuzz_target!(|data: &[u8]| {
    actplan::package::exercise_for_fuzzing(data);
});
