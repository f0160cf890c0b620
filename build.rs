//! Links the Linux binary as a position-dependent executable (`-no-pie`), as Go links its
//! binaries by default.
//!
//! A position-independent executable is relocated by the loader at each start: for jdlint that
//! is about 22,300 pointers (vtables, tables of strings, panic locations), written into 112
//! pages that each start as a copy-on-write fault. That was a quarter of a one-posting run's
//! page faults and about 0.7 ms of every start, against a 5 ms budget for linting one posting
//! on save. What it costs: the executable's own code and data load at a fixed address (the
//! heap, the stack and the shared libraries are still randomised). Set `JDLINT_PIE=1` when
//! building to link a PIE instead.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-env-changed=JDLINT_PIE");
    let linux = std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux");
    let pie = std::env::var_os("JDLINT_PIE").is_some_and(|v| !v.is_empty() && v != "0");
    if linux && !pie {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
