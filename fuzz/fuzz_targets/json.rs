//! The JSON loader with its validation. Any UTF-8 text must end in Ok or an Err, never a
//! panic; a plan that loads must serialise and load again to the same plan.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(plan) = actplan::model::json::from_json_str(text) {
        let again = actplan::model::json::to_json_string(&plan);
        let reloaded = actplan::model::json::from_json_str(&again)
            .expect("a plan that loaded must load again after serialising");
        assert_eq!(
            again,
            actplan::model::json::to_json_string(&reloaded),
            "serialising is not stable across a round trip"
        );
    }
});
