//! The zip package reader: open, find the main part, read every part the zip lists and the
//! relationships of the package and of the main part. Any input must end in Ok or an Err,
//! never a panic, an overflow, a hang or unbounded memory.
#![no_main]

use std::io::Cursor;

use actplan::package::Package;
use actplan::Limits;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = Limits::default();
    let Ok(package) = Package::open(data, &limits) else {
        return;
    };
    let main = package.main_part().to_string();
    let _ = package.read_part(&main);
    let _ = package.relationships("");
    if let Ok(rels) = package.relationships(&main) {
        for rel in rels.values().filter(|r| !r.external) {
            let _ = package.has_part(&rel.target);
            let _ = package.read_part(&rel.target);
        }
    }
    // Every entry the zip lists (the package has no listing API of its own).
    let names: Vec<String> = match zip::ZipArchive::new(Cursor::new(data)) {
        Ok(archive) => archive
            .file_names()
            .filter_map(|name| name.ok().map(|name| name.into_owned()))
            .collect(),
        Err(_) => Vec::new(),
    };
    for name in names.iter().take(200) {
        let _ = package.read_part(name);
        let _ = package.relationships(name);
    }
});
